import type { ChangesPage, Page, ProviderAccount, ProviderEntry, SharedDrive } from './providerEntry';

/**
 * The one interface every footage provider implements. Adapters own paging
 * details, retries (one pacer per client) and error translation: rate limits
 * and 5xx surface as TransientError only after the pacer gave up; revoked
 * grants as ReauthRequiredError; files that can never be read as PermanentError.
 */
export interface StorageProvider {
  account(): Promise<ProviderAccount>;
  sharedDrives(pageToken?: string): Promise<Page<SharedDrive>>;
  /** Children of a folder (not trashed), folders and files alike, one page at a time. */
  listChildren(folderId: string, pageToken?: string): Promise<Page<ProviderEntry>>;
  getEntry(id: string): Promise<ProviderEntry>;
  /** A cursor for "changes from now on" (Drive: changes.getStartPageToken). */
  startCursor(): Promise<string>;
  /** Changes since `cursor`; follow nextPageToken until newCursor is given. */
  listChanges(cursor: string, pageToken?: string): Promise<ChangesPage>;
  /** Bytes [start, endInclusive] of a file's content, streamed. */
  readRange(fileId: string, start: number, endInclusive: number, signal?: AbortSignal): Promise<AsyncIterable<Uint8Array>>;
}
