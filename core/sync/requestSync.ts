import { ConflictError, NotFoundError, TransientError } from '../errors';
import type { Clock } from '../ports/clock';
import type { IdGenerator } from '../ports/idGenerator';
import type { SourceRepository } from '../ports/sourceRepository';
import type { SyncStarter } from '../ports/syncStarter';
import { claimLeaseUntil } from './schedule';
import type { RunTrigger } from './syncRun';

export interface RequestSyncDeps {
  readonly sources: SourceRepository;
  readonly syncStarter: SyncStarter;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/**
 * Starts a sync now (source creation, "Sync now"): claims the source exactly as
 * the dispatcher does, then starts the same sync-source machine. If the machine
 * cannot be started, the claim is given back and the source left due, so the
 * scheduler starts it on its next tick: the request is never silently lost.
 */
export async function requestSync(
  deps: RequestSyncDeps,
  tenantId: string,
  sourceId: string,
  trigger: Exclude<RunTrigger, 'schedule'>,
): Promise<{ runId: string }> {
  const now = deps.clock.now();
  const claimedAt = now.toISOString();
  const runId = deps.ids.newTimeOrderedId('run', now);
  const claimed = await deps.sources.claim(tenantId, sourceId, { runId, claimedAt, leaseUntil: claimLeaseUntil(claimedAt) });
  if (!claimed) {
    const source = await deps.sources.get(tenantId, sourceId);
    if (source === null) throw new NotFoundError('source not found', { context: { sourceId } });
    if (source.status === 'paused') throw new ConflictError('the source is paused; resume it first', { context: { sourceId } });
    if (source.status === 'needs_reauth') {
      throw new ConflictError('the source needs to be reconnected first', { context: { sourceId } });
    }
    throw new ConflictError('a sync of this source is already running', { context: { sourceId } });
  }
  try {
    await deps.syncStarter.start({ tenantId, sourceId, runId, trigger });
  } catch (error) {
    await deps.sources.release(tenantId, sourceId, runId, {
      status: 'idle',
      statusMessage: null,
      nextSyncAt: claimedAt,
      lastSyncAt: claimedAt,
    });
    throw new TransientError('could not start the sync now; it will start on the next schedule tick', { cause: error });
  }
  return { runId };
}
