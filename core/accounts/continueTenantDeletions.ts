import type { TenantDeletionRepository } from '../ports/tenantDeletionRepository';
import { continueTenantDeletion, type ContinueTenantDeletionDeps, type TenantDeletionProgress } from './continueTenantDeletion';

/** Tenant deletions one dispatch looks at; the rest wait for the next tick. */
const PER_DISPATCH = 10;

/**
 * The dispatcher's tenant-deletion step: each tenant deletion under way (from
 * its index, oldest first) gets a bounded step until `deadlineMs`. A failed
 * step is reported and tried again next tick; it never stops the others.
 */
export async function continueTenantDeletions(
  deps: ContinueTenantDeletionDeps & { readonly tenantDeletions: Pick<TenantDeletionRepository, 'listUnderWay'> },
  deadlineMs: number,
  report: (outcome: { readonly progress: TenantDeletionProgress } | { readonly tenantId: string; readonly error: unknown }) => void,
): Promise<void> {
  for (const deletion of await deps.tenantDeletions.listUnderWay(PER_DISPATCH)) {
    if (deps.clock.now().getTime() >= deadlineMs) return;
    try {
      report({ progress: await continueTenantDeletion(deps, deletion, deadlineMs) });
    } catch (error) {
      report({ tenantId: deletion.tenantId, error });
    }
  }
}
