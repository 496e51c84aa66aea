/**
 * A file, folder or shortcut at a storage provider (Google Drive today; Dropbox
 * or OneDrive would be adapters producing the same shape). Identity is the
 * provider's id and revision, never the name: Drive allows duplicate names.
 */
export type ProviderEntryKind = 'folder' | 'file' | 'shortcut';

export interface ProviderEntry {
  readonly id: string;
  readonly name: string;
  readonly kind: ProviderEntryKind;
  readonly mimeType: string;
  readonly parentIds: readonly string[];
  /** Bytes; null for folders and provider-native documents that have no binary content. */
  readonly size: number | null;
  /** Hex MD5 of the content as the provider reports it; null when it has none. */
  readonly md5: string | null;
  /** Changes when the content changes (Drive: headRevisionId). */
  readonly revision: string | null;
  readonly modifiedTime: string | null;
  readonly createdTime: string | null;
  readonly trashed: boolean;
  /** Shared drive id; null for My Drive. */
  readonly driveId: string | null;
  /** For shortcuts: what they point at. */
  readonly shortcutTarget: { readonly id: string; readonly mimeType: string } | null;
}

/** One entry of a changes feed page: the entry's new state, or that it is gone. */
export interface ProviderChange {
  readonly fileId: string;
  /** True when the entry was deleted or access to it was lost. */
  readonly removed: boolean;
  readonly entry: ProviderEntry | null;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextPageToken: string | null;
}

export interface ChangesPage {
  readonly changes: readonly ProviderChange[];
  /** Token for the next page of this round, or null at the end. */
  readonly nextPageToken: string | null;
  /** At the end of the feed: the cursor to store for the next sync. */
  readonly newCursor: string | null;
}

export interface ProviderAccount {
  readonly email: string;
  readonly displayName: string | null;
  readonly quota: { readonly limitBytes: number | null; readonly usageBytes: number };
}

export interface SharedDrive {
  readonly id: string;
  readonly name: string;
}
