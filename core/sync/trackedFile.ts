import type { FileFailureCode } from './fileFailureCodes';

/**
 * One provider file VTrack knows about, per source: the seed's downloaded_files
 * row. Identified by the provider's file id; `revision` tells a new version of
 * the content from a rename or a move.
 */
/**
 * `expired`: stored, then deleted by the tenant's footage retention (S3 lifecycle, or the local sweeper).
 * `unprocessable`: an edge agent took the file but could not read it on site (core/agents/recordUnprocessableFile.ts);
 * nothing of it reached the cloud, and a later successful delivery of the same content replaces it.
 */
export const trackedFileStatuses = ['pending', 'transferring', 'done', 'failed', 'skipped', 'removed', 'expired', 'unprocessable'] as const;
export type TrackedFileStatus = (typeof trackedFileStatuses)[number];

/** A completed part of a multipart upload, as S3 acknowledged it. */
export interface UploadedPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly size: number;
  /**
   * base64 of the part's CRC32 (big-endian), as sent in `x-amz-checksum-crc32`
   * and listed again at CompleteMultipartUpload. Present on every part of an
   * upload whose checkpoint has `partChecksum: 'CRC32'`; absent in checkpoints
   * written before part checksums.
   */
  readonly checksumCrc32?: string;
}

/**
 * Where an interrupted transfer stands: the multipart upload, the parts S3
 * confirmed (always 1..n, contiguous), and the MD5 state after exactly
 * `bytesDone` bytes, so the next attempt reads on from there instead of from zero.
 */
export interface TransferCheckpoint {
  readonly uploadId: string;
  readonly s3Key: string;
  readonly partSize: number;
  readonly parts: readonly UploadedPart[];
  readonly bytesDone: number;
  /** base64 of the hasher's saved state (hash-wasm MD5 `save()`). */
  readonly md5State: string;
  /** The provider revision these bytes belong to; another revision means start over. */
  readonly revision: string | null;
  readonly updatedAt: string;
  /**
   * The upload was created with S3's CRC32 part checksum (`ChecksumAlgorithm:
   * 'CRC32'`), so every part carries `checksumCrc32`. Absent in checkpoints
   * written before part checksums: their upload was created without an
   * algorithm, and a transfer does not resume it but aborts it and starts over.
   */
  readonly partChecksum?: 'CRC32';
}

export interface TrackedFile {
  readonly tenantId: string;
  readonly sourceId: string;
  readonly providerFileId: string;
  readonly name: string;
  /** Path from the chosen folder, folders joined by '/', ending with the name. */
  readonly relativePath: string;
  /** The chosen folder the file sits under (relativePath is relative to it). */
  readonly rootFolderId?: string | null;
  readonly cameraId: string | null;
  readonly mimeType: string;
  readonly size: number | null;
  /** The provider's MD5 (hex) for `revision`. */
  readonly md5: string | null;
  readonly revision: string | null;
  readonly modifiedTime: string | null;
  /** When recording began: from the file name when it carries one, else the provider's times. */
  readonly recordingStartAt: string | null;
  readonly s3Key: string | null;
  readonly status: TrackedFileStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  /** A failed file: what kind of failure lastError tells of (fileFailureCodes.ts); absent on files failed before codes. */
  readonly lastErrorCode?: FileFailureCode | null;
  /** Why a file was skipped or removed, in words. */
  readonly reason: string | null;
  readonly bytesTransferred: number;
  readonly checkpoint: TransferCheckpoint | null;
  /**
   * A failed file only: when a later sync takes it up again (a transient
   * failure: rate or download quota, 5xx, dropped connections). Null or absent:
   * it is not retried by itself (a permanent failure, or its retries ran out);
   * "Retry failed files" still retries it.
   */
  readonly nextAttemptAt?: string | null;
  /** How many times the file failed with a retry planned; each round waits longer (retryPolicy.ts). */
  readonly failedRounds?: number;
  /**
   * The key of an earlier revision's stored copy when this revision gets
   * another key (renamed and changed): kept until this revision is stored,
   * then that object is deleted and its key given back (dropPreviousRevision).
   */
  readonly previousS3Key?: string | null;
  /** The run that last planned or transferred this file. */
  readonly runId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}
