import type { RunProcessing } from '../ports/runProcessingProgress';
import type { z } from 'zod';
import type { CameraLayout, CameraMappingConfig } from '../cameras/cameraMappingConfig';
import type { createSourceSchema, SourceConfig } from '../sources/sourceSchemas';
import type { SourceStatus, SourceType } from '../sources/sourceTypes';
import type { RunResult, RunStatus, RunTrigger } from '../sync/syncRun';
import type { TrackedFileStatus } from '../sync/trackedFile';
import type { IsoDate } from './collections';
import type { DriveFailureCode } from './errorCodes';
import type { FileReasonCode } from '../sync/fileReasons';
import type { FileFailureCode } from '../sync/fileFailureCodes';
import type { RunErrorCode, SourceMessageCode } from '../sync/runErrorCodes';

export type { RunErrorCode, SourceMessageCode };
export type { CameraLayout, RunResult, RunStatus, RunTrigger, SourceConfig, SourceStatus, SourceType, TrackedFileStatus };

/** How files in the chosen folders map to cameras, as stored and shown (every field present). */
export type CameraMapping = CameraMappingConfig;

/** One sync run, in `GET /api/sources/{id}/runs` and as a source's `lastRun`. */
export interface RunView {
  readonly id: string;
  readonly trigger: RunTrigger;
  readonly status: RunStatus;
  /** How it went for the tenant: `finished_with_problems` when the run ended but `filesFailed` > 0. */
  readonly outcome: RunResult;
  readonly startedAt: IsoDate;
  readonly finishedAt: IsoDate | null;
  readonly filesDone: number;
  readonly filesFailed: number;
  readonly filesSkipped: number;
  readonly bytes: number;
  readonly durationMs: number | null;
  /** Why the run failed or ended short, in English words (for logs and English pages). */
  readonly error: string | null;
  /**
   * The same as a code a client words in its own language (core/sync/runErrorCodes.ts:
   * reauth_required, drive_quota, folder_not_found, permission_denied, network,
   * source_deleted, run_interrupted, files_unfinished, processing_failed, unknown);
   * null with `error`. Runs recorded before codes get the code their words tell.
   */
  readonly errorCode: RunErrorCode | null;
  /** Files processed into orders by this run (planned, processed, unprocessable, orders found); null when processing is off. */
  readonly processing?: RunProcessing | null;
}

/** A source as every `/api/sources` route answers it. */
export interface SourceView {
  readonly id: string;
  readonly type: SourceType;
  readonly name: string;
  readonly intervalMinutes: number;
  /** The type's config as stored (a Drive source's `mapping` has every field). */
  readonly config: SourceConfig;
  readonly status: SourceStatus;
  /** What the status is about, in English words (a run's error, "Being deleted"). */
  readonly statusMessage: string | null;
  /**
   * The same as a code a client words in its own language: a run error's code
   * (RunView.errorCode), `being_deleted` or `camera_removed`; null with
   * `statusMessage`. Messages stored before codes get the code their words tell.
   */
  readonly statusMessageCode: SourceMessageCode | null;
  readonly nextSyncAt: IsoDate | null;
  readonly lastSyncAt: IsoDate | null;
  readonly lastRun: RunView | null;
  /** Footage stored so far: files done and their bytes. */
  readonly totals: { readonly files: number; readonly bytes: number };
  /** While `status` is `deleting`: what was asked and how far it got; null otherwise. */
  readonly deletion: SourceDeletionView | null;
  readonly createdAt: IsoDate;
  readonly updatedAt: IsoDate;
}

export interface SourceDeletionView {
  readonly keepFootage: boolean;
  readonly requestedAt: IsoDate;
  readonly filesRemoved: number;
  readonly objectsDeleted: number;
}

/**
 * `DELETE /api/sources/{id}` (202): the deletion runs in the background; `done`
 * when it already finished (the source is gone), else the source shows
 * `deleting` with its progress until it is.
 */
export type SourceDeletionStartedView = SourceDeletionView & { readonly done: boolean };

/** `POST /api/sources`: the type decides the config's shape. */
export type NewSourceBody = z.input<typeof createSourceSchema>;

/** `PATCH /api/sources/{id}`: at least one field; `config` replaces the whole config (except `processing`, kept when left out) and is checked against the source's type. */
export interface SourcePatchBody {
  readonly name?: string;
  readonly intervalMinutes?: number;
  readonly config?: NewSourceBody['config'];
  readonly paused?: boolean;
}

/** `POST /api/sources/{id}/sync` (202): the run starts shortly. */
export interface SyncRequestedView {
  readonly runRequested: true;
  readonly runId: string;
}

/**
 * `POST /api/sources/{id}/retry-failed` (202): every failed file is pending
 * again. `runId` is the sync started for them, or null when none could start
 * now (`message` says why and when they will be tried).
 */
export interface RetryFailedView {
  readonly requeued: number;
  readonly runId: string | null;
  readonly message: string;
}

/** One row of `GET /api/sources/{id}/files`: progress and reasons, no upload internals. */
export interface TrackedFileView {
  readonly providerFileId: string;
  readonly name: string;
  readonly relativePath: string;
  readonly cameraId: string | null;
  /** What people call the camera: the tenant's rename, else the name it was found by; null with cameraId. */
  readonly cameraName: string | null;
  readonly size: number | null;
  readonly status: TrackedFileStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  /**
   * A failed file: what kind of failure lastError tells of, as a code a client
   * words in its own language (core/sync/fileFailureCodes.ts: checksum_mismatch,
   * flagged_abusive, drive_quota, not_found, permission_denied, network, unknown);
   * null for a file failed before codes (word its lastError) or not failed.
   */
  readonly lastErrorCode: FileFailureCode | null;
  /** When Google Drive refused the file: why, as a stable code (driveFailureCodes) and in plain English. */
  readonly failure: { readonly code: DriveFailureCode; readonly message: string } | null;
  /** A failed file: when a later sync tries it again; null: not by itself (use "Retry failed files"). */
  readonly nextAttemptAt: IsoDate | null;
  /** Why a file was skipped, removed, expired or unprocessable, in English words. */
  readonly reason: string | null;
  /**
   * The same as a code a client words in its own language (core/sync/fileReasons.ts:
   * not_video, google_document, temporary, empty, camera_excluded, not_in_folders,
   * deleted_in_drive, trashed, moved_out, folder_gone, folder_trashed,
   * folder_moved_out, source_deleted, retention, kept_on_agent, unreadable_on_agent), with its
   * detail (the excluded camera's name, the file's type, the agent's error); null when there is no
   * reason or it has no code.
   */
  readonly reasonCode: FileReasonCode | null;
  readonly reasonDetail: string | null;
  readonly bytesTransferred: number;
  readonly recordingStartAt: IsoDate | null;
  readonly s3Key: string | null;
  readonly updatedAt: IsoDate;
  /**
   * What processing made of this content: `processed` with the orders that start
   * in it, or `unprocessable` (the video could not be read) with the reason in
   * English words (`detail`); null when it is not processed (yet, or at all).
   */
  readonly processing: { readonly state: 'processed' | 'unprocessable'; readonly orders: number; readonly detail: string | null } | null;
}

/**
 * `GET /api/sources/{id}/files`: newest recording first; filtered by `status`,
 * `camera`, `day` (yyyy-mm-dd) and `hour` (0–23) in `zone`, and `q` (part of the
 * name or path, any case or accents).
 */
export interface TrackedFilesPageView {
  readonly items: readonly TrackedFileView[];
  readonly nextPageToken: string | null;
  /** Files matching the filters; a lower bound when `truncated`. */
  readonly total: number;
  /** The source has more files than one answer reads (over 25,000). */
  readonly truncated: boolean;
}

/** `GET /api/sources/{id}/summary`: the source's files by status and its footage per camera, counted on the server. */
export interface SourceSummaryView {
  readonly files: Readonly<Record<TrackedFileStatus, number>>;
  readonly bytesStored: number;
  /** Stored footage per camera, largest first; cameraId null for files no camera was found for. */
  readonly cameras: readonly { readonly cameraId: string | null; readonly name: string | null; readonly files: number; readonly bytes: number }[];
  /** Files moving now, with their progress. */
  readonly transferring: readonly { readonly providerFileId: string; readonly name: string; readonly size: number | null; readonly bytesTransferred: number }[];
  /** True when the source has more files than one summary reads; counts are then lower bounds. */
  readonly truncated: boolean;
}

/**
 * Where a run stands: `starting` (claimed, not begun), `listing` (looking for
 * new and changed files), `transferring`, `finishing` (every planned file
 * settled; counting and scheduling the next sync).
 */
export type RunPhase = 'starting' | 'listing' | 'transferring' | 'finishing';

/** The run going on now, as `GET /api/sources/{id}/status` counts it on the server. */
export interface RunProgressView {
  /** Null while `starting`. */
  readonly runId: string | null;
  readonly phase: RunPhase;
  /** Files and bytes the run set out to transfer; null until its listing is done. */
  readonly planned: { readonly files: number; readonly bytes: number } | null;
  readonly filesStored: number;
  readonly filesFailed: number;
  /** Bytes settled (stored, or of files that failed) plus bytes of the files moving now. */
  readonly bytesDone: number;
  /** Files moving now (up to 20), with their progress. */
  readonly moving: readonly { readonly providerFileId: string; readonly relativePath: string; readonly size: number | null; readonly bytesTransferred: number }[];
}

/**
 * `GET /api/sources/{id}/status`: the compact view the source page polls. It
 * carries an ETag; a request with `If-None-Match` naming it gets 304 when
 * nothing changed.
 */
export interface SourceStatusView {
  readonly status: SourceStatus;
  /** What the status is about, in English words (a run's error, "Being deleted"). */
  readonly statusMessage: string | null;
  /**
   * The same as a code a client words in its own language: a run error's code
   * (RunView.errorCode), `being_deleted` or `camera_removed`; null with
   * `statusMessage`. Messages stored before codes get the code their words tell.
   */
  readonly statusMessageCode: SourceMessageCode | null;
  readonly nextSyncAt: IsoDate | null;
  readonly lastSyncAt: IsoDate | null;
  /** Stored so far, including what a running run has stored. */
  readonly totals: { readonly files: number; readonly bytes: number };
  readonly lastRun: RunView | null;
  readonly progress: RunProgressView | null;
  /** A deletion under way (status `deleting`) and how far it got. */
  readonly deletion: SourceDeletionView | null;
  /** The edge agent that pulls a local folder or camera source, as its heartbeats tell; null for cloud sources. */
  readonly agent: SourceAgentView | null;
}

/** An edge agent as a source's page shows it: online or since when not, and what it last said of this source. */
export interface SourceAgentView {
  readonly id: string;
  readonly name: string;
  /** False when it missed its last heartbeats (or never sent one) or was revoked. */
  readonly online: boolean;
  readonly lastSeenAt: IsoDate | null;
  /** The source's state in its last heartbeat; null when that heartbeat did not name the source. */
  readonly state: 'watching' | 'paused' | 'error' | null;
  readonly error: string | null;
}
