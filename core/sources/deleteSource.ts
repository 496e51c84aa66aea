import { NotFoundError } from '../errors';
import type { Identity } from '../identity/identity';
import { continueDeletion, type ContinueDeletionDeps, type DeletionProgress } from './continueDeletion';

export type DeleteSourceDeps = ContinueDeletionDeps;

/** How long the DELETE request itself works on the deletion before answering; the dispatcher does the rest. */
export const DELETE_REQUEST_BUDGET_MS = 5_000;

/**
 * Deletes a source in the background: it is marked `deleting` at once (out of
 * the schedule: no new run starts, a run under way stops at its next file),
 * the request does a first bounded step, and the dispatcher continues every
 * tick until every file is removed and, when the tenant chose so, every object
 * and item of the source is gone (continueDeletion). By default footage is kept.
 * Asking again while it runs continues it (the first choice about footage stands).
 */
export async function deleteSource(
  deps: DeleteSourceDeps,
  identity: Identity,
  sourceId: string,
  options: { keepFootage: boolean },
): Promise<DeletionProgress> {
  const source = await deps.sources.get(identity.tenantId, sourceId);
  if (source === null) throw new NotFoundError('source not found', { context: { sourceId } });
  const now = deps.clock.now().toISOString();
  if (source.status !== 'deleting') {
    await deps.sources.update(
      identity.tenantId,
      sourceId,
      {
        status: 'deleting',
        statusMessage: 'Being deleted',
        statusMessageCode: 'being_deleted',
        nextSyncAt: now,
        deletion: { keepFootage: options.keepFootage, requestedAt: now, filesRemoved: 0, objectsDeleted: 0 },
      },
      now,
    );
  }
  const progress = await continueDeletion(deps, identity.tenantId, sourceId, deps.clock.now().getTime() + DELETE_REQUEST_BUDGET_MS);
  return progress ?? { keepFootage: options.keepFootage, requestedAt: now, filesRemoved: 0, objectsDeleted: 0, done: true };
}
