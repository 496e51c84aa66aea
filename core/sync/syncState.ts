/**
 * Where a source's sync stands at its provider. `cursor` is committed: every
 * change before it is stored or recorded as failed. A run works towards
 * `pendingCursor` and commits it only when all of its files are settled.
 */
export interface SyncState {
  readonly tenantId: string;
  readonly sourceId: string;
  readonly cursor: string | null;
  readonly cursorCommittedAt: string | null;
  readonly pendingCursor: string | null;
  readonly pendingRunId: string | null;
}

export interface SyncStateRepository {
  get(tenantId: string, sourceId: string): Promise<SyncState | null>;
  /** Records the cursor a run will commit if it settles every file. */
  setPending(tenantId: string, sourceId: string, runId: string, cursor: string): Promise<void>;
  /** pendingCursor → cursor, only if `runId` set it; false otherwise. */
  commit(tenantId: string, sourceId: string, runId: string, now: string): Promise<boolean>;
  /**
   * Moves the committed cursor on when a check found nothing for this source
   * among the changes: only if it is still `from` and no run has a cursor pending.
   */
  advanceIdle(tenantId: string, sourceId: string, from: string, to: string, now: string): Promise<boolean>;
  /** Forgets the cursor (the provider refused it): the next run lists everything. */
  reset(tenantId: string, sourceId: string): Promise<void>;
}

/** A folder inside a source's chosen folders, with its path below the chosen one. */
export interface IndexedFolder {
  readonly id: string;
  readonly relativePath: string;
  readonly rootFolderId: string;
  readonly rootFolderName: string;
}

/** The folders a source covers: tells whether a changed file's parent is in scope. */
export interface FolderIndexRepository {
  list(tenantId: string, sourceId: string): Promise<IndexedFolder[]>;
  put(tenantId: string, sourceId: string, folders: readonly IndexedFolder[]): Promise<void>;
  remove(tenantId: string, sourceId: string, folderIds: readonly string[]): Promise<void>;
}

/** S3 keys handed out per source, so two files of one name never share a key. */
export interface ObjectKeyClaims {
  /** True when the key is now (or already was) this file's. */
  claim(tenantId: string, sourceId: string, key: string, providerFileId: string): Promise<boolean>;
}
