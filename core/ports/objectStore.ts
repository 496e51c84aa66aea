/**
 * The object side of a transfer (S3 in AWS and locally): multipart uploads, a
 * single put for small files, and head. One bucket per store; keys are given.
 *
 * Errors: a missing upload (aborted, completed, expired by a lifecycle rule) is
 * NotFoundError; 5xx, throttling and connection failures that outlived the
 * client's own retries are TransientError; a failed `ifNoneMatch` is ConflictError.
 */
export interface ObjectMetadata {
  readonly [key: string]: string;
}

export interface CreateUploadOptions {
  readonly contentType?: string;
  /** Stored with the object when the upload completes (S3 user metadata). */
  readonly metadata?: ObjectMetadata;
}

export interface CompletedPartRef {
  readonly partNumber: number;
  readonly etag: string;
}

export interface PutObjectOptions extends CreateUploadOptions {
  /** Refuse to overwrite an existing object (ConflictError). */
  readonly ifNoneMatch?: boolean;
}

export interface ObjectHead {
  readonly size: number;
  readonly etag: string | null;
  readonly metadata: ObjectMetadata;
}

export interface ObjectStore {
  createMultipartUpload(key: string, options?: CreateUploadOptions): Promise<{ uploadId: string }>;
  /**
   * Uploads one part. Implementations send the part's MD5 (Content-MD5) so the
   * store verifies the bytes it received; the returned ETag goes into complete.
   */
  uploadPart(key: string, uploadId: string, partNumber: number, body: Uint8Array, signal?: AbortSignal): Promise<{ etag: string }>;
  /** Parts in ascending order. NotFoundError when the upload is gone. */
  completeMultipartUpload(key: string, uploadId: string, parts: readonly CompletedPartRef[]): Promise<{ etag: string | null }>;
  /** Idempotent: an upload that is already gone counts as aborted. */
  abortMultipartUpload(key: string, uploadId: string): Promise<void>;
  /** A whole object in one request (small files, the empty file), verified by Content-MD5. */
  putObject(key: string, body: Uint8Array, options?: PutObjectOptions): Promise<{ etag: string | null }>;
  /** null when there is no object at the key. */
  headObject(key: string): Promise<ObjectHead | null>;
}
