import type { Clock } from '../ports/clock';
import type { RunRepository } from '../ports/runRepository';
import type { SourceRepository } from '../ports/sourceRepository';
import { runErrorCodeInText } from './runErrorCodes';
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
  options: { needsReauth?: boolean } = {},
): Promise<SyncRun> {
  const finishedAt = deps.clock.now().toISOString();
  const previous = await deps.runs.get(ids.tenantId, ids.sourceId, ids.runId);
  // Every error is stored with its code: the caller's, else the one its words tell.
  const errorCode = outcome.errorCode ?? (outcome.error === null ? null : runErrorCodeInText(outcome.error));
  const run = await deps.runs.finish(ids.tenantId, ids.sourceId, ids.runId, { ...outcome, errorCode }, finishedAt);
  const source = await deps.sources.get(ids.tenantId, ids.sourceId);
  if (source !== null) {
    const failed = run.status === 'failed';
    const at = run.finishedAt ?? finishedAt;
    // Totals grow once per run: only when this call is the one that finished it.
    const firstFinish = previous?.status === 'running';
    await deps.sources.release(ids.tenantId, ids.sourceId, ids.runId, {
      status: options.needsReauth === true ? 'needs_reauth' : failed ? 'error' : 'idle',
      statusMessage: failed ? (run.error ?? 'the last sync failed') : null,
      statusMessageCode: failed ? (run.errorCode ?? (run.error === null ? 'unknown' : runErrorCodeInText(run.error))) : null,
      // A refused grant stops the schedule until the tenant reconnects.
      nextSyncAt: options.needsReauth === true ? null : nextSyncAfter(at, source.intervalMinutes),
      lastSyncAt: at,
      ...(firstFinish ? { addTotals: { files: run.filesDone, bytes: run.bytes } } : {}),
    });
  }
  return run;
}
