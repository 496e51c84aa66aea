/** Deletes stored objects that are no longer wanted, found by their key's order. */
export interface ObjectPruner {
  /**
   * Deletes every object under `prefix` whose key sorts below `below` (keys that
   * begin with a time after the prefix, so "below" means "older"); returns how
   * many. `prefix` must end with '/' and name at least a tenant and a folder.
   */
  deleteKeysBelow(prefix: string, below: string): Promise<number>;
}
