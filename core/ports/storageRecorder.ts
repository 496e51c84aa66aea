import type { StoredObjectKind } from '../storage/retentionTags';

/** What a write point knows about an object it has just stored. */
export interface StoredObject {
  readonly tenantId: string;
  readonly sourceId: string;
  readonly cameraId: string;
  readonly key: string;
  readonly kind: StoredObjectKind;
  readonly bytes: number;
  readonly providerFileId?: string | null;
  readonly eventId?: string | null;
}

/**
 * Told by every write point and every deletion: tags the object with its
 * retention class and keeps the usage counters (core/storage/storageAccounting.ts).
 */
export interface StorageRecorder {
  stored(object: StoredObject): Promise<void>;
  /** Objects the app itself deleted (a source, a replaced revision, a clip of an order that is gone). */
  removed(tenantId: string, keys: readonly string[]): Promise<void>;
  /** Every object under `<tenant>/<source>/`-style prefix the app deleted at once. */
  removedUnder(tenantId: string, prefix: string): Promise<void>;
  /**
   * A recorder for a run of writes (a transfer batch) whose usage counters may
   * be updated together, by its flush() at the latest; absent where each write is counted at once.
   */
  batch?(): StorageBatch;
}

/** See StorageRecorder.batch. */
export interface StorageBatch {
  readonly recorder: StorageRecorder;
  flush(): Promise<void>;
}

/** For hosts and tests that do not account storage. */
export const noStorageRecorder: StorageRecorder = {
  stored: () => Promise.resolve(),
  removed: () => Promise.resolve(),
  removedUnder: () => Promise.resolve(),
};
