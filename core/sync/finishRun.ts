import type { Clock } from '../ports/clock';
import type { RunRepository } from '../ports/runRepository';
import type { SourceRepository } from '../ports/sourceRepository';
import { nextSyncAfter } from './schedule';
import type { RunOutcome, SyncRun } from './syncRun';

/**
 * The sync machine's last step, reached on success and through its Catch on
 * failure: records the run's outcome, gives back the claim and schedules the
 * next sync. Safe to run twice: a finished run is returned unchanged, and a
 * claim already released is left alone.
 */
export async function finishRun(
  deps: { sources: SourceRepository; runs: RunRepository; clock: Clock },
  ids: { tenantId: string; sourceId: string; runId: string },
  outcome: RunOutcome,
): Promise<SyncRun> {
  const finishedAt = deps.clock.now().toISOString();
  const run = await deps.runs.finish(ids.tenantId, ids.sourceId, ids.runId, outcome, finishedAt);
  const source = await deps.sources.get(ids.tenantId, ids.sourceId);
  if (source !== null) {
    const failed = run.status === 'failed';
    await deps.sources.release(ids.tenantId, ids.sourceId, ids.runId, {
      status: failed ? 'error' : 'idle',
      statusMessage: failed ? (run.error ?? 'the last sync failed') : null,
      nextSyncAt: nextSyncAfter(run.finishedAt ?? finishedAt, source.intervalMinutes),
      lastSyncAt: run.finishedAt ?? finishedAt,
    });
  }
  return run;
}
