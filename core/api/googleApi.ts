import type { z } from 'zod';
import type { completeConnectSchema, folderNamesSchema, mappingPreviewSchema, serviceAccountSchema, startConnectSchema } from '../google/connectSchemas';
import type { FileSkipCode } from '../providers/videoFileFilter';
import type { WalkNoteCode } from '../sync/walkFolders';
import type { IsoDate } from './collections';

/** `GET /api/google/status`: whether Google Drive sources can be connected here. */
export interface GoogleStatusView {
  readonly configured: boolean;
  /** Environment variables the operator still has to set. */
  readonly missing: readonly string[];
}

/** `POST /api/google/oauth/start`; `connectionId` reconnects that grant instead of making a new one. */
export type StartConsentBody = z.input<typeof startConnectSchema>;

/** Where to send the browser for Google's consent. */
export interface StartConsentView {
  readonly authorizationUrl: string;
}

/** `POST /api/google/oauth/complete`: what Google's redirect brought back. */
export type CompleteConsentBody = z.input<typeof completeConnectSchema>;

/** `POST /api/google/service-accounts`: a Workspace service account key acting for `subject`. */
export type ServiceAccountBody = z.input<typeof serviceAccountSchema>;

/** A tenant's Google grant; the secret never leaves the backend. */
export interface GoogleConnectionView {
  readonly id: string;
  readonly kind: 'oauth' | 'service_account';
  readonly email: string;
  readonly status: 'active' | 'needs_reauth';
  readonly statusMessage: string | null;
  readonly createdAt: IsoDate;
}

/** `POST /api/google/connections/{id}/test`: the account behind a connection, as Drive reports it. */
export interface GoogleAccountView {
  readonly email: string;
  /** Null when Drive gives no display name (service accounts, some Workspace users). */
  readonly displayName: string | null;
  readonly quota: { readonly limitBytes: number | null; readonly usageBytes: number };
}

/** One row of `GET /api/google/connections/{id}/drives`. */
export interface SharedDriveView {
  readonly id: string;
  readonly name: string;
}

/** One row of `GET /api/google/connections/{id}/folders`: a folder, or a shortcut standing for one. */
export interface DriveFolderView {
  readonly id: string;
  readonly name: string;
  readonly viaShortcut: boolean;
}

/** `GET /api/google/connections/{id}/folders`: one page of a folder's folders, and how many videos that page held beside them. */
export interface DriveFoldersPageView {
  readonly items: readonly DriveFolderView[];
  readonly nextPageToken: string | null;
  /** Video files directly in the parent folder, on this page of its children. */
  readonly videos: number;
}

/** `POST /api/google/connections/{id}/folder-names`. */
export type FolderNamesBody = z.input<typeof folderNamesSchema>;

/** A saved folder as Drive knows it now: found false when it was deleted, trashed or is no folder. */
export interface NamedFolderView {
  readonly id: string;
  readonly name: string | null;
  readonly found: boolean;
}

/** `POST /api/google/connections/{id}/preview`: the folders and mapping of a source not saved yet. */
export type MappingPreviewBody = z.input<typeof mappingPreviewSchema>;

export interface PreviewSampleView {
  readonly name: string;
  readonly relativePath: string;
  readonly recordingStartAt: IsoDate | null;
}

/** One note of a folder walk (see WalkNoteCode): where, and the shortcut's or folder's name. */
export interface PreviewNoteView {
  readonly code: WalkNoteCode;
  readonly relativePath: string;
  readonly name: string;
}

export interface PreviewCameraView {
  readonly cameraId: string;
  readonly name: string;
  readonly excluded: boolean;
  readonly fileCount: number;
  readonly bytes: number;
  readonly firstRecordingAt: IsoDate | null;
  readonly lastRecordingAt: IsoDate | null;
  readonly samples: readonly PreviewSampleView[];
}

/** What a source would take from the chosen folders: cameras found, what would be skipped and why. */
export interface MappingPreviewView {
  readonly cameras: readonly PreviewCameraView[];
  /** Files that would not be taken, grouped by why: `reason` in English, `code` and `detail` for a client to word it (see FileSkipCode). */
  readonly skipped: readonly { readonly reason: string; readonly code: FileSkipCode; readonly detail: string | null; readonly count: number; readonly samples: readonly string[] }[];
  /** What the walk noticed, in English (`path: what`). */
  readonly notes: readonly string[];
  /** The same notes, as codes a client words in its own language. */
  readonly noteDetails: readonly PreviewNoteView[];
  /** True when the walk stopped early: counts are lower bounds. */
  readonly truncated: boolean;
  readonly filesSeen: number;
}

/**
 * `DELETE /api/google/connections/{id}`: what disconnecting did. VTrack's copy
 * of the grant is always deleted; `revokedAtGoogle` says what Google did.
 */
export interface GoogleDisconnectView {
  readonly id: string;
  readonly email: string;
  /**
   * `revoked`: Google ended the grant now. `already_revoked`: it had ended
   * there before. `not_applicable`: a service account key, which lives in the
   * tenant's own Google Cloud project. `failed`: Google did not confirm; the
   * message says where to remove the access by hand.
   */
  readonly revokedAtGoogle: 'revoked' | 'already_revoked' | 'not_applicable' | 'failed';
  /** One sentence for the person who clicked Disconnect. */
  readonly message: string;
  /** Sources on this connection moved to needs_reauth now (paused and syncing ones stop at their next run). */
  readonly sourcesStopped: number;
}
