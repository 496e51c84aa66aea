import type { FootageCleaner } from '../ports/footageCleaner';
import type { StorageRecorder } from '../ports/storageRecorder';
import { tenantOfKey } from './usageDay';

/**
 * A FootageCleaner whose deletions come off the usage counters: every
 * deletion the app makes itself (a source deleted with its footage, a replaced
 * revision's copy) goes through it, so counting needs no listing of the bucket.
 */
export function accountedFootageCleaner(inner: FootageCleaner, storage: StorageRecorder): FootageCleaner {
  return {
    deletePrefix: async (prefix) => {
      const deleted = await inner.deletePrefix(prefix);
      await storage.removedUnder(tenantOfKey(prefix), prefix);
      return deleted;
    },
    deleteObject: async (key) => {
      await inner.deleteObject(key);
      await storage.removed(tenantOfKey(key), [key]);
    },
    abortUploads: (prefix) => inner.abortUploads(prefix),
  };
}
