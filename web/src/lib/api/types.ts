/**
 * Wire types of the VTrack HTTP API, as the web app sees them. The server's zod
 * schemas live in core/; the web keeps its own copy for now so the bundle does
 * not pull in zod. Keep the two in step when the contract changes.
 */

/** An ISO 8601 timestamp as the API sends it. */
export type IsoDate = string;

export type ErrorCode = 'validation_error' | 'unauthorized' | 'not_found' | 'conflict' | 'internal';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string };
}

export interface User {
  tenantId: string;
  userId: string;
  email: string;
  tenantName: string;
}

export interface AuthResult {
  token: string;
  expiresAt: IsoDate;
  user: User;
}

/** Only `local` exists today; in AWS it becomes `cognito` with its own settings. */
export type AuthConfig = { mode: 'local' } | { mode: 'cognito'; [setting: string]: unknown };

export type SourceType = 'google_drive' | 'onvif' | 'local';

export type SourceStatus = 'idle' | 'syncing' | 'paused' | 'needs_reauth' | 'error';

export interface GoogleDriveConfig {
  folderIds: string[];
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

export interface Run {
  id: string;
  status: RunStatus;
  startedAt: IsoDate;
  finishedAt: IsoDate | null;
  filesDone: number;
  filesFailed: number;
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
