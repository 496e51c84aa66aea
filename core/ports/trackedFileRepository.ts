import type { FileFailureCode } from '../sync/fileFailureCodes';
import type { TrackedFile, TrackedFileStatus, TransferCheckpoint } from '../sync/trackedFile';

/** Identifies one tracked file. */
export interface TrackedFileRef {
  readonly tenantId: string;
  readonly sourceId: string;
  readonly providerFileId: string;
}

export interface TransferClaim {
  readonly runId: string;
  /** ISO time of the claim; a lease that ends at or before it has lapsed. */
  readonly now: string;
  /** ISO time until which no other run may claim the file. */
  readonly leaseUntil: string;
  /** Also claim a `failed` file (an explicit retry). Failed is otherwise final. */
  readonly retryFailed?: boolean;
}

export interface PageRequest {
  readonly limit: number;
  /** The `nextPageToken` of the previous page; absent for the first page. */
  readonly pageToken?: string | null;
}

export interface TrackedFilePage {
  readonly items: readonly TrackedFile[];
  readonly nextPageToken: string | null;
}

export interface FailureRecord {
  readonly now: string;
  readonly error: string;
  /** What kind of failure `error` tells of (fileFailureCodes.ts); absent: stored as none. */
  readonly errorCode?: FileFailureCode;
  /** When a later sync takes the file up again (null: not by itself), and its failed rounds so far. Absent: neither is stored. */
  readonly retry?: { readonly nextAttemptAt: string | null; readonly failedRounds: number };
}

export interface RetryRelease {
  readonly now: string;
  readonly error: string;
  /** Keep the checkpoint (a later attempt resumes) or drop it (its upload was aborted). */
  readonly keepCheckpoint: boolean;
}

/**
 * Tracked files of a source (one row per provider file) and the transfer state
 * machine on them. Every write that belongs to a transfer is conditional on the
 * run holding the claim, so two overlapping runs never move one file at once and
 * a run whose lease lapsed cannot overwrite its successor's progress.
 *
 * Statuses: pending → transferring (claimed, with a lease) → done | failed;
 * transferring → pending (released for a retry, attempts + 1);
 * failed → pending (requeueFailed: its retry is due, or the tenant asked).
 */
export interface TrackedFileRepository {
  get(ref: TrackedFileRef): Promise<TrackedFile | null>;
  /**
   * The planner's write. Creates the row, or updates what the provider says about
   * the file. Same revision: status, attempts and checkpoint stay as they are
   * (a done file stays done; a live transfer keeps its checkpoint), except that a
   * `skipped`/`removed` file takes the new status. New revision: status, attempts,
   * lastError and bytesTransferred start over; the old checkpoint stays so the next
   * transfer can abort its upload. Content fields (size, md5, s3Key) change only
   * with the revision. An incoming `skipped`/`removed` always applies and ends any
   * claim (then abandonTransfer aborts the upload).
   *
   * `read`: the row as the caller has just read it (null: none), so the write
   * need not read it again. Only a first guess: a row changed since is read
   * again and merged as without it.
   */
  upsert(file: TrackedFile, read?: { readonly existing: TrackedFile | null }): Promise<TrackedFile>;
  /**
   * pending | transferring-with-lapsed-lease (| failed with `retryFailed`) →
   * transferring under `claim`. Returns the claimed row, or null when another run
   * holds a live lease or the file is done, failed, skipped, removed or missing.
   */
  claimForTransfer(ref: TrackedFileRef, claim: TransferClaim): Promise<TrackedFile | null>;
  /**
   * Records progress and extends the lease. ConflictError when `runId` no longer
   * holds the claim.
   */
  saveCheckpoint(ref: TrackedFileRef, runId: string, checkpoint: TransferCheckpoint, leaseUntil: string): Promise<void>;
  /** Ends the claim without changing the status (a stop at the deadline, an unexpected error). */
  releaseClaim(ref: TrackedFileRef, runId: string, now: string): Promise<void>;
  /** transferring → pending, attempts + 1, lastError set. ConflictError when not the holder. */
  releaseForRetry(ref: TrackedFileRef, runId: string, release: RetryRelease): Promise<TrackedFile>;
  /** transferring → done; checkpoint and lease removed. Idempotent for the holder. */
  markDone(ref: TrackedFileRef, runId: string, done: { readonly now: string; readonly bytes: number }): Promise<TrackedFile>;
  /** transferring → failed, attempts + 1, lastError, the retry plan; checkpoint and lease removed. */
  markFailed(ref: TrackedFileRef, runId: string, failure: FailureRecord): Promise<TrackedFile>;
  /**
   * failed → pending for a later or explicit retry: attempts start over,
   * nextAttemptAt is cleared, lastError stays (the page shows why it is being
   * retried); `resetRounds` (an explicit retry) also starts the waits over.
   * False when the file is not failed (any more).
   */
  requeueFailed(ref: TrackedFileRef, now: string, options: { readonly resetRounds: boolean }): Promise<boolean>;
  /**
   * Removes the checkpoint if it still names `uploadId` (its upload was aborted
   * outside a transfer: file removed at the source, source deleted).
   */
  clearCheckpoint(ref: TrackedFileRef, uploadId: string, now: string): Promise<boolean>;
  /** Removes `previousS3Key` if it still is `key` (that earlier copy was deleted). */
  forgetPreviousKey(ref: TrackedFileRef, key: string): Promise<void>;
  /** Retention deleted the stored copy at `s3Key`: a `done` file still stored there becomes `expired`. False when it is not (a newer revision, gone). */
  markExpired(ref: TrackedFileRef, s3Key: string, now: string): Promise<boolean>;
  /** A source's files with one status, most recently updated first (gsi2). */
  listByStatus(tenantId: string, sourceId: string, status: TrackedFileStatus, page: PageRequest): Promise<TrackedFilePage>;
  /** A source's files in provider id order, as current as `get` (a full listing plans from them). */
  list(tenantId: string, sourceId: string, page: PageRequest): Promise<TrackedFilePage>;
}
