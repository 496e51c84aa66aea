import type { TenantDeletionRepository } from '../ports/tenantDeletionRepository';
import type { TenantItemsPurger } from '../ports/tenantItemsPurger';
import type { TenantObjectsCleaner } from '../ports/tenantObjectsCleaner';
import type { TenantDeletion } from './tenantDeletion';
import { withdrawTenantAccess, type WithdrawTenantAccessDeps } from './withdrawTenantAccess';

export interface ContinueTenantDeletionDeps extends WithdrawTenantAccessDeps {
  readonly tenantDeletions: Pick<TenantDeletionRepository, 'saveProgress' | 'finish'>;
  readonly tenantPurger: TenantItemsPurger;
  readonly tenantObjects: TenantObjectsCleaner;
}

export type TenantDeletionProgress = TenantDeletion & { readonly done: boolean; readonly sourcesLeft: number };

/** Table items deleted per purge call; the deadline is checked between calls. */
const PURGE_BATCH = 500;

/**
 * One bounded step of a tenant deletion, run by the dispatcher every tick
 * until nothing of the tenant is left:
 * 1. access is withdrawn again (idempotent; finishes a request that stopped
 *    halfway), which also puts any source into deletion with its footage;
 * 2. while a source is left, the rest waits: the dispatcher deletes each
 *    source (its files, objects, events, partition) like any deleted source;
 * 3. then open uploads are aborted and every object under `<tenantId>/`
 *    (exports, camera snapshots, anything else) is deleted;
 * 4. then the tenant's remaining partitions are purged a batch at a time;
 * 5. the deletion record goes last, so a step that fails is run again.
 * Stops at `deadlineMs` with its progress saved.
 */
export async function continueTenantDeletion(deps: ContinueTenantDeletionDeps, deletion: TenantDeletion, deadlineMs: number): Promise<TenantDeletionProgress> {
  const { tenantId } = deletion;
  const { sourcesLeft } = await withdrawTenantAccess(deps, tenantId);
  if (sourcesLeft > 0) return { ...deletion, done: false, sourcesLeft };

  let progress = { objectsDeleted: deletion.objectsDeleted + (await deps.tenantObjects.emptyTenant(tenantId)), itemsDeleted: deletion.itemsDeleted };
  for (;;) {
    const step = await deps.tenantPurger.purgeStep(tenantId, PURGE_BATCH);
    progress = { ...progress, itemsDeleted: progress.itemsDeleted + step.deleted };
    if (step.done) break;
    if (deps.clock.now().getTime() >= deadlineMs) {
      await deps.tenantDeletions.saveProgress(tenantId, progress);
      return { ...deletion, ...progress, done: false, sourcesLeft: 0 };
    }
  }
  await deps.tenantDeletions.finish(tenantId);
  return { ...deletion, ...progress, done: true, sourcesLeft: 0 };
}
