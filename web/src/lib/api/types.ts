/**
 * Wire types of the VTrack HTTP API, as the web app sees them. The server's zod
 * schemas live in core/; the web keeps its own copy for now so the bundle does
 * not pull in zod. Keep the two in step when the contract changes.
 */

/** An ISO 8601 timestamp as the API sends it. */
export type IsoDate = string;

export type ErrorCode =
  | 'validation_error'
  | 'unauthorized'
  | 'not_found'
  | 'conflict'
  | 'needs_reauth'
  | 'not_configured'
  | 'unavailable'
  | 'internal';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string };
}

export interface User {
  tenantId: string;
  userId: string;
  email: string;
  tenantName: string;
  /** The tenant's zone for showing times (IANA name or offset such as `+07:00`); null or absent: the viewer's own. */
  timeZone?: string | null;
}

export interface AuthResult {
  token: string;
  expiresAt: IsoDate;
  user: User;
  /** Cognito: a refresh token can renew the session after `expiresAt`. */
  renewable?: boolean;
}

/** What `/api/auth/config` tells the app about the user pool in AWS. */
export interface CognitoAuthConfig {
  mode: 'cognito';
  userPoolId: string;
  clientId: string;
  /** The hosted UI's base URL. */
  domain: string;
  region: string;
}

/** Local password sign-in (local stack), or Cognito's hosted UI (AWS). */
export type AuthConfig = { mode: 'local' } | CognitoAuthConfig;

export type SourceType = 'google_drive' | 'onvif' | 'local';

export type SourceStatus = 'idle' | 'syncing' | 'paused' | 'needs_reauth' | 'error';

export type CameraLayout = 'auto' | 'flat' | 'by_folder';

/** How files in the chosen folders map to cameras (core/cameras/cameraMappingConfig.ts). */
export interface CameraMapping {
  layout: CameraLayout;
  /** The cameras' clock, IANA name or offset; file-name times are read in it. */
  timeZone: string;
  /** Detected camera key → the name the tenant chose. */
  renames: Record<string, string>;
  /** Detected camera keys whose files are not taken. */
  excluded: string[];
}

export interface GoogleDriveConfig {
  connectionId?: string;
  folderIds: string[];
  mapping?: CameraMapping;
}
export interface OnvifConfig {
  /** host or host:port on the edge agent's LAN */
  address: string;
}
export interface LocalConfig {
  /** absolute path on the edge agent's host */
  path: string;
}

export type SourceConfig = GoogleDriveConfig | OnvifConfig | LocalConfig;

export type RunStatus = 'running' | 'succeeded' | 'failed';

export type RunTrigger = 'schedule' | 'manual' | 'initial';

export interface Run {
  id: string;
  trigger: RunTrigger;
  status: RunStatus;
  startedAt: IsoDate;
  finishedAt: IsoDate | null;
  filesDone: number;
  filesFailed: number;
  filesSkipped: number;
  bytes: number;
  durationMs: number | null;
  error: string | null;
}

export interface Source {
  id: string;
  type: SourceType;
  name: string;
  intervalMinutes: number;
  config: SourceConfig;
  status: SourceStatus;
  statusMessage: string | null;
  nextSyncAt: IsoDate | null;
  lastSyncAt: IsoDate | null;
  lastRun: Run | null;
  /** Footage stored so far: files done and their bytes. */
  totals: { files: number; bytes: number };
  createdAt: IsoDate;
  updatedAt: IsoDate;
}

export interface NewSource {
  type: SourceType;
  name: string;
  intervalMinutes: number;
  config: SourceConfig;
}

export interface SourcePatch {
  name?: string;
  intervalMinutes?: number;
  config?: SourceConfig;
  paused?: boolean;
}

export interface ListOf<T> {
  items: T[];
}

export interface Paged<T> {
  items: T[];
  nextPageToken: string | null;
}

export type TrackedFileStatus = 'pending' | 'transferring' | 'done' | 'failed' | 'skipped' | 'removed';

export interface TrackedFile {
  providerFileId: string;
  name: string;
  relativePath: string;
  cameraId: string | null;
  size: number | null;
  status: TrackedFileStatus;
  attempts: number;
  lastError: string | null;
  /** Why a file was skipped or removed, in words. */
  reason: string | null;
  bytesTransferred: number;
  recordingStartAt: IsoDate | null;
  s3Key: string | null;
  updatedAt: IsoDate;
}

/** `GET /sources/{id}/summary`: the source's files by status and its footage per camera, counted on the server. */
export interface SourceSummary {
  files: Record<TrackedFileStatus, number>;
  bytesStored: number;
  /** Largest first; cameraId null for files no camera was found for. */
  cameras: { cameraId: string | null; files: number; bytes: number }[];
  transferring: { providerFileId: string; name: string; size: number | null; bytesTransferred: number }[];
  /** More files than one summary counts: the figures are lower bounds. */
  truncated: boolean;
}

/** A saved folder as Drive knows it now; found false when it was deleted, trashed or is no folder. */
export interface NamedFolder {
  id: string;
  name: string | null;
  found: boolean;
}

export interface GoogleStatus {
  configured: boolean;
  /** Environment variables the operator still has to set. */
  missing: string[];
}

export interface GoogleConnection {
  id: string;
  kind: 'oauth' | 'service_account';
  email: string;
  status: 'active' | 'needs_reauth';
  statusMessage: string | null;
  createdAt: IsoDate;
}

export interface GoogleAccount {
  email: string;
  displayName: string;
  quota: { limitBytes: number | null; usageBytes: number };
}

export interface DriveFolder {
  id: string;
  name: string;
  viaShortcut: boolean;
}

export interface PreviewSample {
  name: string;
  relativePath: string;
  recordingStartAt: IsoDate | null;
}

export interface PreviewCamera {
  cameraId: string;
  name: string;
  excluded: boolean;
  fileCount: number;
  bytes: number;
  firstRecordingAt: IsoDate | null;
  lastRecordingAt: IsoDate | null;
  samples: PreviewSample[];
}

export interface MappingPreview {
  cameras: PreviewCamera[];
  skipped: { reason: string; count: number; samples: string[] }[];
  notes: string[];
  truncated: boolean;
  filesSeen: number;
}
