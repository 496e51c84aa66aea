import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectPruner } from '../../core/ports/objectPruner';
import { toObjectStoreError } from './toObjectStoreError';

/** Lists the prefix in key order (S3 lists keys sorted) and deletes page by page until a key reaches the bound. */
export class S3ObjectPruner implements ObjectPruner {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async deleteKeysBelow(prefix: string, below: string): Promise<number> {
    if (!prefix.endsWith('/') || prefix.split('/').filter(Boolean).length < 2 || !below.startsWith(prefix)) {
      throw new Error(`refusing to prune under "${prefix}" below "${below}": expected <tenant>/<folder>/ and a bound inside it`);
    }
    let deleted = 0;
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token })).catch((error: unknown) => {
        throw toObjectStoreError(error, { key: prefix, operation: 'ListObjectsV2' });
      });
      const keys = (page.Contents ?? []).flatMap((object) => (object.Key !== undefined && object.Key < below ? [{ Key: object.Key }] : []));
      if (keys.length > 0) {
        const result = await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys, Quiet: true } })).catch((error: unknown) => {
          throw toObjectStoreError(error, { key: prefix, operation: 'DeleteObjects' });
        });
        if ((result.Errors ?? []).length > 0) throw new Error(`S3 refused to delete ${result.Errors?.length} objects under ${prefix}`);
        deleted += keys.length;
      }
      const reachedBound = (page.Contents ?? []).some((object) => object.Key !== undefined && object.Key >= below);
      token = page.IsTruncated && !reachedBound ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return deleted;
  }
}
