import { GetObjectTaggingCommand, PutObjectTaggingCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectTagger } from '../../core/ports/objectTagger';
import { toObjectStoreError } from './toObjectStoreError';

const isMissing = (error: unknown): boolean => {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound' || status === 404);
};

/** Object tags through PutObjectTagging / GetObjectTagging (one request per object, $0.005 per 1,000). */
export class S3ObjectTagger implements ObjectTagger {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async setTags(key: string, tags: Readonly<Record<string, string>>): Promise<boolean> {
    try {
      await this.client.send(
        new PutObjectTaggingCommand({ Bucket: this.bucket, Key: key, Tagging: { TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) } }),
      );
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw toObjectStoreError(error, { key, operation: 'PutObjectTagging' });
    }
  }

  async getTags(key: string): Promise<Record<string, string> | null> {
    try {
      const output = await this.client.send(new GetObjectTaggingCommand({ Bucket: this.bucket, Key: key }));
      return Object.fromEntries((output.TagSet ?? []).flatMap((tag) => (tag.Key === undefined ? [] : [[tag.Key, tag.Value ?? '']])));
    } catch (error) {
      if (isMissing(error)) return null;
      throw toObjectStoreError(error, { key, operation: 'GetObjectTagging' });
    }
  }
}
