import type { Clock } from '../ports/clock';
import type { RunRepository } from '../ports/runRepository';
import type { SourceRepository } from '../ports/sourceRepository';
import type { RunTrigger, SyncRun } from './syncRun';

/** The sync machine's first step: records the run as running and as the source's last run (idempotent per run id). */
export async function beginRun(
  deps: { runs: RunRepository; sources: SourceRepository; clock: Clock },
  request: { tenantId: string; sourceId: string; runId: string; trigger: RunTrigger },
): Promise<SyncRun> {
  const run = await deps.runs.start({
    tenantId: request.tenantId,
    sourceId: request.sourceId,
    id: request.runId,
    trigger: request.trigger,
    status: 'running',
    startedAt: deps.clock.now().toISOString(),
    finishedAt: null,
    filesDone: 0,
    filesFailed: 0,
    filesSkipped: 0,
    bytes: 0,
    durationMs: null,
    error: null,
  });
  await deps.sources.recordRunStarted(request.tenantId, request.sourceId, request.runId);
  return run;
}
