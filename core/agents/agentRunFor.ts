import type { Clock } from '../ports/clock';
import type { IdGenerator } from '../ports/idGenerator';
import type { AgentRunDelivery, RunRepository } from '../ports/runRepository';
import type { SourceRepository } from '../ports/sourceRepository';
import type { Source } from '../sources/source';

/**
 * How long one run takes a source's agent deliveries. An agent delivers one
 * batch per processed file — a camera's one-minute segments make 1,440 a day —
 * so a run per delivery would bury the run history; a run per hour of
 * deliveries keeps it readable (24 a day at most) and still dates every file.
 */
export const AGENT_RUN_SPAN_MS = 60 * 60_000;

export interface AgentRunDeps {
  readonly runs: RunRepository;
  readonly sources: SourceRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** The run a delivery goes in, and how to write it before the first count when it is new (a no-op otherwise). */
export interface AgentRunChoice {
  readonly id: string;
  readonly open: () => Promise<void>;
}

/**
 * The run a delivery recorded at `now` is counted in: the source's last run
 * while it is an agent run that started less than AGENT_RUN_SPAN_MS ago, else a
 * new one. A new run is written (by `open`, once the delivery is sure to be
 * counted) finished, `succeeded`, nothing counted: the deliveries it takes add
 * to it and move its end (addAgentDelivery), so it is never left running when
 * the agent goes quiet. It becomes the source's last run at once, so the next
 * delivery finds it.
 */
export async function agentRunFor(source: Source, now: Date, deps: AgentRunDeps): Promise<AgentRunChoice> {
  if (source.lastRunId !== null) {
    const last = await deps.runs.get(source.tenantId, source.id, source.lastRunId);
    const taking = last !== null && last.trigger === 'agent' && last.status === 'succeeded' && last.processing !== undefined && now.getTime() - Date.parse(last.startedAt) < AGENT_RUN_SPAN_MS;
    if (taking) return { id: last.id, open: async () => undefined };
  }
  const id = deps.ids.newTimeOrderedId('run', now);
  return { id, open: () => openAgentRun(source, id, now, deps) };
}

async function openAgentRun(source: Source, id: string, now: Date, deps: AgentRunDeps): Promise<void> {
  const at = now.toISOString();
  await deps.runs.start({
    tenantId: source.tenantId,
    sourceId: source.id,
    id,
    trigger: 'agent',
    status: 'succeeded',
    startedAt: at,
    finishedAt: at,
    filesDone: 0,
    filesFailed: 0,
    filesSkipped: 0,
    bytes: 0,
    durationMs: 0,
    error: null,
    // Processing happened on site, before each delivery: the run shows what it found.
    processing: { todo: 0, processed: 0, unprocessable: 0, events: 0 },
  });
  await deps.sources.recordAgentRun(source.tenantId, source.id, { runId: id, at, addTotals: { files: 0, bytes: 0 } });
}

/**
 * Counts one delivery in its run, once (the run keeps the keys it counted),
 * and only then adds what it stored to the source's totals and makes the run
 * the source's last run and last sync, as finishRun does for a Drive run.
 * A delivery counted after its run's hour — a delivery or report cut short
 * before it was counted, sent again by the agent's outbox after an outage —
 * still counts in that run, but moves neither the run's end (its history says
 * when its hour's deliveries came) nor the source's last run back to it
 * (SourceRepository.recordAgentRun keeps the newer one).
 */
export async function countInAgentRun(source: Source, runId: string, delivery: Omit<AgentRunDelivery, 'at'>, deps: AgentRunDeps): Promise<void> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const run = await deps.runs.get(source.tenantId, source.id, runId);
  const late = run !== null && now.getTime() - Date.parse(run.startedAt) >= AGENT_RUN_SPAN_MS;
  if (!(await deps.runs.addAgentDelivery(source.tenantId, source.id, runId, { ...delivery, at: late ? null : at }))) return;
  await deps.sources.recordAgentRun(source.tenantId, source.id, { runId, at, addTotals: { files: delivery.filesDone, bytes: delivery.bytes } });
}
