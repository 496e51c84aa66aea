/** Removes what a deleted tenant left in the table once its sources are gone. */
export interface TenantItemsPurger {
  /**
   * Deletes up to about `maxItems` items of the tenant's own partitions (the
   * tenant partition, audit, storage ledger, usage, camera reads and health,
   * camera requests, rate windows). Idempotent.
   * `done`: nothing of those partitions is left.
   */
  purgeStep(tenantId: string, maxItems: number): Promise<{ readonly deleted: number; readonly done: boolean }>;
}
