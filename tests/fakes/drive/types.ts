// Shared shapes of the Drive/OAuth fake: the stored model, content sources and
// the operation names that faults, the request log and counts are keyed by.
import type { Readable } from 'node:stream';

/** Bytes of a binary file: read any range on demand, md5 computed once, lazily. */
export interface FileContent {
  readonly size: number;
  /** Streams bytes [start, endInclusive]; never holds the whole range in memory. */
  createReadStream(start: number, endInclusive: number): Readable;
  /** Hex md5 of the whole content; the first call streams it once, later calls reuse it. */
  md5(): Promise<string>;
}

/** What a test hands to addFile/updateContent: real bytes or a deterministic synthetic stream. */
export type ContentSpec = Buffer | { syntheticBytes: number; seed?: number };

export interface ShortcutDetails {
  targetId: string;
  targetMimeType: string;
}

/** One stored file, folder or shortcut; My Drive's root and shared drive roots are items too. */
export interface DriveItem {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  /** Set when the item lives in a shared drive (the drive's id). */
  driveId?: string;
  trashed: boolean;
  explicitlyTrashed: boolean;
  createdTime: string;
  modifiedTime: string;
  /** Drive's monotonically increasing per-file version (sent as a string). */
  version: number;
  content?: FileContent;
  headRevisionId?: string;
  shortcutDetails?: ShortcutDetails;
  /** A root folder (My Drive or a shared drive): never listed, never in changes. */
  isRoot: boolean;
  /** Creation order: the default listing order and the final tie-breaker. */
  seq: number;
  /** Fault: metadata advertises an md5 that does not match the bytes. */
  wrongMd5: boolean;
  /** Fault: downloads need acknowledgeAbuse=true. */
  abusive: boolean;
}

export interface SharedDrive {
  id: string;
  name: string;
  createdTime: string;
}

/** Operation names used by faults, the request log and counts(). */
export type Operation =
  | 'files.list'
  | 'files.get'
  | 'files.get.media'
  | 'changes.list'
  | 'changes.getStartPageToken'
  | 'about.get'
  | 'drives.list'
  | 'drives.get'
  | 'oauth.authorize'
  | 'token'
  | 'revoke'
  | 'unknown';

export const FOLDER_MIME = 'application/vnd.google-apps.folder';
export const SHORTCUT_MIME = 'application/vnd.google-apps.shortcut';
export const GOOGLE_APPS_PREFIX = 'application/vnd.google-apps.';
