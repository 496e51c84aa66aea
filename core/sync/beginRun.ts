import type { Clock } from '../ports/clock';
import type { RunRepository } from '../ports/runRepository';
import type { RunTrigger, SyncRun } from './syncRun';

/** The sync machine's first step: records the run as running (idempotent per run id). */
export function beginRun(
  deps: { runs: RunRepository; clock: Clock },
  request: { tenantId: string; sourceId: string; runId: string; trigger: RunTrigger },
): Promise<SyncRun> {
  return deps.runs.start({
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
}
