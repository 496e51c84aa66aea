/**
 * The object side of a transfer (S3 in AWS and locally): multipart uploads, a
 * single put for small files, and head. One bucket per store; keys are given.
 *
 * Errors: a missing upload (aborted, completed, expired by a lifecycle rule) is
 * NotFoundError; 5xx, throttling and connection failures that outlived the
 * client's own retries are TransientError, and so is a body the store refused
 * because it did not match its checksum (damaged on the way: sending it again
 * can succeed); a failed `ifNoneMatch` is ConflictError. Every implementation
 * passes tests/contracts/objectStoreContract.ts.
 */
/**
 * User metadata: lower-case keys and US-ASCII values (S3 sends them as
 * `x-amz-meta-*` HTTP headers; the SDK refuses other characters before sending).
 */
export interface ObjectMetadata {
  readonly [key: string]: string;
}

export interface ObjectOptions {
  readonly contentType?: string;
  /** Stored with the object when the upload completes (S3 user metadata). */
  readonly metadata?: ObjectMetadata;
}

export interface CreateUploadOptions extends ObjectOptions {
  /**
   * 'CRC32': the upload is created with S3's CRC32 part checksum
   * (`ChecksumAlgorithm`). Then every part must be sent with `checksumCrc32`
   * and listed with it at complete. Without it, parts are sent with Content-MD5.
   */
  readonly partChecksum?: 'CRC32';
  /** Object tags (S3 `Tagging`), which lifecycle rules can match: an export's expiry. */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface UploadPartOptions {
  /**
   * base64 of the part's big-endian CRC32 (`x-amz-checksum-crc32`), which the
   * store verifies; only for uploads created with `partChecksum: 'CRC32'`.
   * Without it the implementation sends the part's MD5 (Content-MD5) instead.
   */
  readonly checksumCrc32?: string;
  readonly signal?: AbortSignal;
}

export interface CompletedPartRef {
  readonly partNumber: number;
  readonly etag: string;
  /** Required for every part of an upload created with `partChecksum: 'CRC32'`. */
  readonly checksumCrc32?: string;
}

export interface PutObjectOptions extends ObjectOptions {
  /** Refuse to overwrite an existing object (ConflictError). */
  readonly ifNoneMatch?: boolean;
  /** The body's MD5 (hex) when the caller already knows it; otherwise the implementation computes it. */
  readonly md5Hex?: string;
}

export interface ObjectHead {
  readonly size: number;
  readonly etag: string | null;
  readonly metadata: ObjectMetadata;
}

export interface ObjectStore {
  createMultipartUpload(key: string, options?: CreateUploadOptions): Promise<{ uploadId: string }>;
  /**
   * Uploads one part with a checksum the store verifies (the given CRC32, or
   * the MD5 the implementation computes); the returned ETag goes into complete.
   */
  uploadPart(key: string, uploadId: string, partNumber: number, body: Uint8Array, options?: UploadPartOptions): Promise<{ etag: string }>;
  /** Parts in ascending order. NotFoundError when the upload is gone. */
  completeMultipartUpload(key: string, uploadId: string, parts: readonly CompletedPartRef[]): Promise<{ etag: string | null }>;
  /** Idempotent: an upload that is already gone counts as aborted. */
  abortMultipartUpload(key: string, uploadId: string): Promise<void>;
  /** A whole object in one request (small files, the empty file), verified by Content-MD5. */
  putObject(key: string, body: Uint8Array, options?: PutObjectOptions): Promise<{ etag: string | null }>;
  /** null when there is no object at the key. */
  headObject(key: string): Promise<ObjectHead | null>;
  /** The ids of the multipart uploads still open for exactly this key. */
  listOpenUploads(key: string): Promise<string[]>;
}
