import { ConflictError, NotFoundError, TransientError } from '../errors';
import type { Clock } from '../ports/clock';
import type { IdGenerator } from '../ports/idGenerator';
import type { SourceRepository } from '../ports/sourceRepository';
import type { SyncStarter } from '../ports/syncStarter';
import { edgeSourceTypes } from '../sources/sourceTypes';
import { closeDeadRun, type CloseDeadRunDeps } from './closeDeadRun';
import { DEAD_RUN_GRACE_MINUTES, deadRunReason } from './closeDeadRuns';
import { addMinutes, claimLeaseUntil } from './schedule';
import type { RunTrigger } from './syncRun';

export interface RequestSyncDeps {
  readonly sources: SourceRepository;
  readonly syncStarter: SyncStarter;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** With these, a claim held by a run whose execution is gone is closed and the sync starts anyway. */
  readonly deadRuns?: CloseDeadRunDeps;
}

/**
 * Starts a sync now (source creation, "Sync now"): claims the source exactly as
 * the dispatcher does, then starts the same sync-source machine. If the machine
 * cannot be started, the claim is given back and the source left due, so the
 * scheduler starts it on its next tick: the request is never silently lost.
 * Edge sources (local folders, cameras) are refused: the agent on site pulls
 * them, and a cloud run of one would only report a success that moved nothing.
 */
export async function requestSync(
  deps: RequestSyncDeps,
  tenantId: string,
  sourceId: string,
  trigger: Exclude<RunTrigger, 'schedule' | 'agent'>,
): Promise<{ runId: string }> {
  await refuseEdgeSource(deps.sources, tenantId, sourceId);
  const now = deps.clock.now();
  const claimedAt = now.toISOString();
  const runId = deps.ids.newTimeOrderedId('run', now);
  const claim = { runId, claimedAt, leaseUntil: claimLeaseUntil(claimedAt) };
  let claimed = await deps.sources.claim(tenantId, sourceId, claim);
  if (!claimed && (await closedDeadHolder(deps, tenantId, sourceId))) claimed = await deps.sources.claim(tenantId, sourceId, claim);
  if (!claimed) {
    const source = await deps.sources.get(tenantId, sourceId);
    if (source === null) throw new NotFoundError('source not found', { context: { sourceId } });
    if (source.status === 'paused') throw new ConflictError('the source is paused; resume it first', { context: { sourceId } });
    if (source.status === 'deleting') throw new ConflictError('the source is being deleted', { context: { sourceId } });
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

async function refuseEdgeSource(sources: SourceRepository, tenantId: string, sourceId: string): Promise<void> {
  const source = await sources.get(tenantId, sourceId);
  if (source === null || !edgeSourceTypes.includes(source.type)) return;
  if (source.status === 'paused') throw new ConflictError('the source is paused; resume it first', { context: { sourceId } });
  throw new ConflictError(
    'this source is synced by the VTrack agent on site, not by the cloud: it uploads new footage by itself while it is online',
    { context: { sourceId, type: source.type } },
  );
}

/**
 * "Sync now" on a source whose claim is held by a run whose execution ended
 * (or was lost) closes that run as failed, so the request starts a new run
 * instead of answering "already running" until the 30-minute lease lapses. An
 * execution the engine does not know yet is given the dispatcher's grace period
 * (its start may be in flight).
 */
async function closedDeadHolder(deps: RequestSyncDeps, tenantId: string, sourceId: string): Promise<boolean> {
  if (deps.deadRuns === undefined) return false;
  const source = await deps.sources.get(tenantId, sourceId);
  if (source?.claim == null) return false;
  const status = await deps.syncStarter.executionStatus(source.claim.runId);
  if (status === 'running') return false;
  const graceOver = source.claim.claimedAt < addMinutes(deps.clock.now().toISOString(), -DEAD_RUN_GRACE_MINUTES);
  if (status === 'missing' && !graceOver) return false;
  await closeDeadRun(deps.deadRuns, { tenantId, sourceId, runId: source.claim.runId }, deadRunReason(status));
  return true;
}
