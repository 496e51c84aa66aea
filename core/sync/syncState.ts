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

/** A folder inside a source's chosen folders, with its path below the chosen one. */
export interface IndexedFolder {
  readonly id: string;
  readonly relativePath: string;
  readonly rootFolderId: string;
  readonly rootFolderName: string;
  /** Positions of the folders in `relativePath` (this one included) that are shortcuts' display names; absent in folders indexed before it was kept. */
  readonly shortcutFolders?: readonly number[];
}
