import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import { NotFoundError } from '../../core/errors';
import type { FootageCleaner } from '../../core/ports/footageCleaner';
import type { TenantObjectsCleaner } from '../../core/ports/tenantObjectsCleaner';
import { toObjectStoreError } from './toObjectStoreError';

/**
 * Lists a prefix page by page (1,000 keys) and deletes each page with one
 * DeleteObjects call. Dropped connections, 5xx and throttling are
 * TransientError (toObjectStoreError), so a step retries them.
 */
export class S3FootageCleaner implements FootageCleaner, TenantObjectsCleaner {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async deletePrefix(prefix: string): Promise<number> {
    if (!prefix.endsWith('/') || prefix.split('/').filter(Boolean).length < 2) {
      // A guard against ever emptying a tenant (or the bucket) by a wrong argument.
      throw new Error(`refusing to delete under "${prefix}": expected <tenant>/<source>/`);
    }
    return this.deleteUnder(prefix);
  }

  /** A deleted tenant only (core/accounts/continueTenantDeletion.ts): the one call that may name a whole tenant. */
  async emptyTenant(tenantId: string): Promise<number> {
    if (!/^[A-Za-z0-9_-]+$/.test(tenantId)) throw new Error(`refusing to empty "${tenantId}": not a tenant id`);
    await this.abortUnder(`${tenantId}/`);
    return this.deleteUnder(`${tenantId}/`);
  }

  private async deleteUnder(prefix: string): Promise<number> {
    let deleted = 0;
    let token: string | undefined;
    do {
      const page = await this.client
        .send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }))
        .catch((error: unknown) => {
          throw toObjectStoreError(error, { key: prefix, operation: 'ListObjectsV2' });
        });
      const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
      if (keys.length > 0) {
        const result = await this.client
          .send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys, Quiet: true } }))
          .catch((error: unknown) => {
            throw toObjectStoreError(error, { key: prefix, operation: 'DeleteObjects' });
          });
        if ((result.Errors ?? []).length > 0) throw new Error(`S3 refused to delete ${result.Errors?.length} objects under ${prefix}`);
        deleted += keys.length;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return deleted;
  }

  async deleteObject(key: string): Promise<void> {
    if (key.split('/').filter(Boolean).length < 3) throw new Error(`refusing to delete "${key}": expected <tenant>/<source>/...`);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })).catch((error: unknown) => {
      throw toObjectStoreError(error, { key, operation: 'DeleteObject' });
    });
  }

  async abortUploads(prefix: string): Promise<number> {
    if (!prefix.endsWith('/') || prefix.split('/').filter(Boolean).length < 2) {
      throw new Error(`refusing to abort uploads under "${prefix}": expected <tenant>/<source>/`);
    }
    return this.abortUnder(prefix);
  }

  private async abortUnder(prefix: string): Promise<number> {
    let aborted = 0;
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    for (;;) {
      const page = await this.client
        .send(new ListMultipartUploadsCommand({ Bucket: this.bucket, Prefix: prefix, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }))
        .catch((error: unknown) => {
          throw toObjectStoreError(error, { key: prefix, operation: 'ListMultipartUploads' });
        });
      for (const upload of page.Uploads ?? []) {
        if (upload.Key === undefined || upload.UploadId === undefined) continue;
        await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: upload.Key, UploadId: upload.UploadId })).catch((error: unknown) => {
          const mapped = toObjectStoreError(error, { key: upload.Key ?? prefix, operation: 'AbortMultipartUpload' });
          // Gone already: the goal is met.
          if (!(mapped instanceof NotFoundError)) throw mapped;
        });
        aborted += 1;
      }
      if (page.IsTruncated !== true) return aborted;
      keyMarker = page.NextKeyMarker;
      uploadIdMarker = page.NextUploadIdMarker;
    }
  }
}
