import type { TenantDeletion } from '../accounts/tenantDeletion';

/** Tenants being deleted, found by the dispatcher through an index, never a scan. */
export interface TenantDeletionRepository {
  /** Writes the record unless one exists (asking again keeps the first); returns the stored one. */
  start(deletion: TenantDeletion): Promise<TenantDeletion>;
  get(tenantId: string): Promise<TenantDeletion | null>;
  /** Tenants whose deletion is under way, oldest request first. */
  listUnderWay(limit: number): Promise<readonly TenantDeletion[]>;
  saveProgress(tenantId: string, progress: Pick<TenantDeletion, 'objectsDeleted' | 'itemsDeleted'>): Promise<void>;
  /** The deletion is done: the record and its index entry go. */
  finish(tenantId: string): Promise<void>;
}
