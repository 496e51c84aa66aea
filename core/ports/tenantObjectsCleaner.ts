/** Empties a deleted tenant's part of the bucket; kept apart from FootageCleaner, whose calls may never name a whole tenant. */
export interface TenantObjectsCleaner {
  /** Aborts every open multipart upload and deletes every object under `<tenantId>/`; returns how many objects. */
  emptyTenant(tenantId: string): Promise<number>;
}
