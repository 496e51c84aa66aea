import type { ChangesPage, Page, ProviderAccount, ProviderEntry, SharedDrive } from './providerEntry';

/**
 * The one interface every footage provider implements. Adapters own paging
 * details, retries (one pacer per client) and error translation: rate limits
 * and 5xx surface as TransientError only after the pacer gave up; revoked
 * grants as ReauthRequiredError; files that can never be read as PermanentError.
 * Every implementation passes tests/contracts/storageProviderContract.ts.
 */
export interface StorageProvider {
  account(): Promise<ProviderAccount>;
  sharedDrives(pageToken?: string): Promise<Page<SharedDrive>>;
  /** Children of a folder (not trashed), folders and files alike, one page at a time. */
  listChildren(folderId: string, pageToken?: string): Promise<Page<ProviderEntry>>;
  /** Any entry by id, trashed ones too (`trashed: true`). NotFoundError when it does not exist. */
  getEntry(id: string): Promise<ProviderEntry>;
  /** A cursor for "changes from now on" (Drive: changes.getStartPageToken). */
  startCursor(): Promise<string>;
  /**
   * Changes since `cursor`; follow nextPageToken until newCursor is given. Each
   * changed entry carries its current state (trashed ones with `trashed: true`);
   * deleted ones come as `removed: true` without an entry. CursorInvalidError
   * when the provider no longer knows the cursor.
   */
  listChanges(cursor: string, pageToken?: string): Promise<ChangesPage>;
  /**
   * Bytes [start, endInclusive] of a file's content, streamed; a range past the
   * end stops at the last byte. NotFoundError for a missing file; PermanentError
   * for an entry without content (a folder, a shortcut).
   */
  readRange(fileId: string, start: number, endInclusive: number, signal?: AbortSignal): Promise<AsyncIterable<Uint8Array>>;
}
