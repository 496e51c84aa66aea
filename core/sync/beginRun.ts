import type { Clock } from '../ports/clock';
import type { RunRepository } from '../ports/runRepository';
import type { SourceRepository } from '../ports/sourceRepository';
import { startingRun, type RunTrigger, type SyncRun } from './syncRun';

/** The sync machine's first step: records the run as running and as the source's last run (idempotent per run id). */
export async function beginRun(
  deps: { runs: RunRepository; sources: SourceRepository; clock: Clock },
  request: { tenantId: string; sourceId: string; runId: string; trigger: RunTrigger },
): Promise<SyncRun> {
  const run = await deps.runs.start(
    startingRun({ tenantId: request.tenantId, sourceId: request.sourceId, id: request.runId, trigger: request.trigger, startedAt: deps.clock.now().toISOString() }),
  );
  await deps.sources.recordRunStarted(request.tenantId, request.sourceId, request.runId);
  return run;
}
