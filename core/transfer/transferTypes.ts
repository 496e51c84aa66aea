import type { Clock } from '../ports/clock';
import type { StorageRecorder } from '../ports/storageRecorder';
import type { ObjectStore } from '../ports/objectStore';
import type { TrackedFileRef, TrackedFileRepository } from '../ports/trackedFileRepository';
import type { StorageProvider } from '../providers/storageProvider';
import type { RunningMd5Factory } from './runningMd5';

export interface TransferDeps {
  readonly provider: StorageProvider;
  readonly objectStore: ObjectStore;
  readonly files: TrackedFileRepository;
  readonly clock: Clock;
  /** Where the file's MD5 is computed; inline (on the reading thread) when absent. */
  readonly runningMd5?: RunningMd5Factory;
  /** Tags each stored copy with its retention class and counts it in the tenant's usage; none when absent. */
  readonly storage?: StorageRecorder;
}

/** Which file, for which run. What to transfer (size, md5, revision, key) comes from the row. */
export interface TransferRequest extends TrackedFileRef {
  readonly runId: string;
}

export interface TransferOptions {
  /** Smallest part size; planParts may choose more for huge files. Default 8 MiB, at least 5 MiB. */
  readonly minPartSize?: number;
  /** Parts uploading while the next one is read. Default 2. Memory: partSize × (1 + this). */
  readonly uploadConcurrency?: number;
  /** Attempts (checksum mismatches, exhausted resumes) before the file is failed. Default 3. */
  readonly maxAttempts?: number;
  /** Resumes from the checkpoint within one call after transient errors. Default 3. */
  readonly maxResumesPerCall?: number;
  /**
   * Least time between two checkpoint writes of one file, in ms. Default 1000.
   * Parts confirmed in between are recorded together by the next write; a
   * deadline stop or an error records them all first, so only a crash makes
   * the next attempt read and upload up to this much again. 0: a write per part.
   */
  readonly checkpointIntervalMs?: number;
  /** How long a claim (and each checkpoint) keeps other runs away. Default 2 minutes. */
  readonly leaseMs?: number;
  /**
   * Epoch ms by which the call must have returned (from the Lambda context,
   * less a margin). The transfer stops after a confirmed part when the next
   * one would not finish in time; at least one part is moved per call.
   */
  readonly deadlineMs?: number;
  /** Claim a file that is `failed` (an explicit retry); otherwise failed is final. */
  readonly retryFailed?: boolean;
}

export type TransferOutcome =
  /**
   * Stored and verified (now, or by an earlier call: `alreadyDone`).
   * `previousS3Key`: the row's earlier revision's copy still to drop (dropPreviousRevision), null when none, absent when not known.
   */
  | { readonly status: 'done'; readonly bytes: number; readonly s3Key: string; readonly alreadyDone: boolean; readonly previousS3Key?: string | null }
  /** Stopped for the deadline; call again to continue from `bytesDone`. */
  | { readonly status: 'incomplete'; readonly bytesDone: number }
  /** This attempt failed (checksum mismatch, transient errors); call again later. */
  | { readonly status: 'retry'; readonly attempts: number; readonly reason: string }
  /** Recorded as failed with `reason`; a later sync retries it at `nextAttemptAt` (null: not by itself). */
  | { readonly status: 'failed'; readonly attempts: number; readonly reason: string; readonly nextAttemptAt: string | null }
  /** Another run holds the claim; this call did nothing. */
  | { readonly status: 'busy'; readonly reason: string }
  /** Not a file to transfer (missing, skipped, removed). */
  | { readonly status: 'skipped'; readonly reason: string };

export const transferDefaults = {
  uploadConcurrency: 2,
  maxAttempts: 3,
  maxResumesPerCall: 3,
  leaseMs: 120_000,
  checkpointIntervalMs: 1_000,
} as const;
