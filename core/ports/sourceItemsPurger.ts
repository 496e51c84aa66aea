/** Removes what a deleted source left in the table. */
export interface SourceItemsPurger {
  /**
   * Deletes every item of the source's own partition (tracked files, object key
   * claims, the folder index, runs) and its sync state; returns how many.
   * Idempotent. The source item itself is the caller's to delete, last.
   */
  purge(tenantId: string, sourceId: string): Promise<number>;
}
