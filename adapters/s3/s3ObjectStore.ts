import { createHash } from 'node:crypto';
import {
  ListMultipartUploadsCommand,
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type {
  CompletedPartRef,
  CreateUploadOptions,
  ObjectHead,
  ObjectStore,
  PutObjectOptions,
  UploadPartOptions,
} from '../../core/ports/objectStore';
import { NotFoundError, TransientError } from '../../core/errors';
import { toObjectStoreError } from './toObjectStoreError';

const contentMd5 = (body: Uint8Array): string => createHash('md5').update(body).digest('base64');
const hexToBase64 = (hex: string): string => Buffer.from(hex, 'hex').toString('base64');

/**
 * SigV4 signs a part's body by its SHA-256 unless `x-amz-content-sha256` says
 * UNSIGNED-PAYLOAD: a third full pass over every byte (about 1.2 s of CPU per
 * GiB, the largest single cost after the MD5). A part sent with its CRC32 does
 * not need it: the signed `x-amz-checksum-crc32` header makes S3 verify the
 * body, and TLS protects it on the way (what the SDKs' own checksum uploads do).
 */
function signWithoutPayloadHash(command: UploadPartCommand): void {
  command.middlewareStack.add(
    (next) => (args) => {
      // The HTTP request as built; the signer takes this header's value instead of hashing the body.
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) request.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
      return next(args);
    },
    { step: 'build', name: 'vtrackUnsignedPartPayload' },
  );
}

/**
 * ObjectStore over one S3 bucket with the plain S3 client (no lib-storage: the
 * transfer engine owns part sizes, ordering and checkpoints). Every body carries
 * Content-Length and a checksum S3 verifies, so S3 rejects a body that was
 * damaged on the way: the caller's CRC32 (`x-amz-checksum-crc32`) for parts of
 * uploads created with `partChecksum: 'CRC32'`, otherwise Content-MD5 (the
 * caller's MD5 when given). A checksum value given explicitly is sent as a
 * header whatever the client's `requestChecksumCalculation`, and the SDK then
 * computes none of its own. Retries are the SDK client's own; what outlives
 * them is translated by toObjectStoreError.
 */
export class S3ObjectStore implements ObjectStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async createMultipartUpload(key: string, options: CreateUploadOptions = {}): Promise<{ uploadId: string }> {
    const output = await this.call(key, 'CreateMultipartUpload', () =>
      this.client.send(
        new CreateMultipartUploadCommand({
          Bucket: this.bucket,
          Key: key,
          ContentType: options.contentType,
          Metadata: options.metadata && { ...options.metadata },
          ChecksumAlgorithm: options.partChecksum,
          Tagging: options.tags === undefined ? undefined : new URLSearchParams(options.tags).toString(),
        }),
      ),
    );
    if (!output.UploadId) throw new Error('CreateMultipartUpload returned no UploadId');
    return { uploadId: output.UploadId };
  }

  async uploadPart(key: string, uploadId: string, partNumber: number, body: Uint8Array, options: UploadPartOptions = {}): Promise<{ etag: string }> {
    const { checksumCrc32, signal } = options;
    const command = new UploadPartCommand({
      Bucket: this.bucket,
      Key: key,
      UploadId: uploadId,
      PartNumber: partNumber,
      Body: body,
      ContentLength: body.byteLength,
      ...(checksumCrc32 === undefined ? { ContentMD5: contentMd5(body) } : { ChecksumCRC32: checksumCrc32 }),
    });
    if (checksumCrc32 !== undefined) signWithoutPayloadHash(command);
    const output = await this.call(key, 'UploadPart', () => this.client.send(command, signal ? { abortSignal: signal } : {}));
    if (!output.ETag) throw new Error(`UploadPart ${partNumber} returned no ETag`);
    return { etag: output.ETag };
  }

  async completeMultipartUpload(key: string, uploadId: string, parts: readonly CompletedPartRef[]): Promise<{ etag: string | null }> {
    const output = await this.call(key, 'CompleteMultipartUpload', () =>
      this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: {
            Parts: parts.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag, ChecksumCRC32: part.checksumCrc32 })),
          },
        }),
      ),
    );
    return { etag: output.ETag ?? null };
  }

  async abortMultipartUpload(key: string, uploadId: string): Promise<void> {
    try {
      await this.call(key, 'AbortMultipartUpload', () =>
        this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId })),
      );
    } catch (error) {
      // Already aborted, completed or expired: the goal of an abort is met.
      if (error instanceof NotFoundError) return;
      throw error;
    }
  }

  async putObject(key: string, body: Uint8Array, options: PutObjectOptions = {}): Promise<{ etag: string | null }> {
    const output = await this.call(key, 'PutObject', () =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentLength: body.byteLength,
          ContentMD5: options.md5Hex === undefined ? contentMd5(body) : hexToBase64(options.md5Hex),
          ContentType: options.contentType,
          Metadata: options.metadata && { ...options.metadata },
          IfNoneMatch: options.ifNoneMatch ? '*' : undefined,
        }),
      ),
    );
    return { etag: output.ETag ?? null };
  }

  async headObject(key: string): Promise<ObjectHead | null> {
    try {
      const output = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: output.ContentLength ?? 0, etag: output.ETag ?? null, metadata: { ...(output.Metadata ?? {}) } };
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (error instanceof Error && (error.name === 'NotFound' || error.name === 'NoSuchKey' || status === 404)) return null;
      throw toObjectStoreError(error, { key, operation: 'HeadObject' });
    }
  }

  async listOpenUploads(key: string): Promise<string[]> {
    const ids: string[] = [];
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    do {
      const page = await this.call(key, 'ListMultipartUploads', () =>
        this.client.send(
          new ListMultipartUploadsCommand({ Bucket: this.bucket, Prefix: key, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }),
        ),
      );
      // The prefix also matches longer keys; only this key's uploads count.
      for (const upload of page.Uploads ?? []) if (upload.Key === key && upload.UploadId !== undefined) ids.push(upload.UploadId);
      keyMarker = page.IsTruncated === true ? page.NextKeyMarker : undefined;
      uploadIdMarker = page.IsTruncated === true ? page.NextUploadIdMarker : undefined;
    } while (keyMarker !== undefined);
    return ids;
  }

  private async call<T>(key: string, operation: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      // The body's checksum did not match what S3 received: damaged on the way, so sending it again can succeed.
      if (error instanceof Error && error.name === 'BadDigest') {
        throw new TransientError(`${operation}: S3 received a damaged body (checksum mismatch)`, { cause: error, context: { key, operation } });
      }
      throw toObjectStoreError(error, { key, operation });
    }
  }
}
