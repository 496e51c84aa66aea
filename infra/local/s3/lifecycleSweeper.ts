import { DeleteObjectCommand, GetObjectTaggingCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { lifecycleExpiryOf, type LifecycleClass } from '../../../core/storage/retentionTags';

/** What S3 sends to EventBridge when a lifecycle rule deletes an object; the ObjectExpired task reads it. */
export interface ObjectDeletedEvent {
  readonly version: '0';
  readonly source: 'aws.s3';
  readonly 'detail-type': 'Object Deleted';
  readonly time: string;
  readonly detail: {
    readonly bucket: { readonly name: string };
    readonly object: { readonly key: string };
    readonly 'deletion-type': 'Permanently Deleted';
    readonly reason: 'Lifecycle Expiration';
  };
}

export interface LifecycleSweeperOptions {
  readonly client: S3Client;
  readonly bucket: string;
  /** The lifecycle rules: the same fixed classes the CDK stack deploys (core/storage/retentionTags.ts). */
  readonly classes: readonly LifecycleClass[];
  readonly tagKey: string;
  /** Told of each deletion, as EventBridge tells the ObjectExpired function in AWS. */
  readonly onDeleted: (event: ObjectDeletedEvent) => Promise<void>;
}

/**
 * The S3 stand-in's lifecycle: what S3 does in AWS by itself, the local stack
 * runs on its scheduler. Like S3 it goes through the bucket's objects (the
 * stand-in's own work, not the app's), and deletes an object whose tag names a
 * rule once the rule's days since its creation have passed (rounded up to the
 * next midnight UTC, as S3 does); an object with no matching rule (keep,
 * forever, hold, untagged) is never touched. Each deletion is announced with
 * the event S3 sends to EventBridge.
 */
export async function sweepExpiredObjects(options: LifecycleSweeperOptions, now: Date): Promise<{ checked: number; deleted: string[] }> {
  const days = new Map(options.classes.map((entry) => [entry.tag, entry.days]));
  const deleted: string[] = [];
  let checked = 0;
  let token: string | undefined;
  do {
    const page = await options.client.send(new ListObjectsV2Command({ Bucket: options.bucket, ContinuationToken: token }));
    for (const object of page.Contents ?? []) {
      if (object.Key === undefined || object.LastModified === undefined) continue;
      checked += 1;
      const tags = await options.client.send(new GetObjectTaggingCommand({ Bucket: options.bucket, Key: object.Key })).catch(() => null);
      const tag = tags?.TagSet?.find((entry) => entry.Key === options.tagKey)?.Value;
      const ruleDays = tag === undefined ? undefined : days.get(tag);
      if (ruleDays === undefined || lifecycleExpiryOf(object.LastModified, ruleDays) > now) continue;
      await options.client.send(new DeleteObjectCommand({ Bucket: options.bucket, Key: object.Key }));
      deleted.push(object.Key);
      await options.onDeleted({
        version: '0',
        source: 'aws.s3',
        'detail-type': 'Object Deleted',
        time: now.toISOString(),
        detail: { bucket: { name: options.bucket }, object: { key: object.Key }, 'deletion-type': 'Permanently Deleted', reason: 'Lifecycle Expiration' },
      });
    }
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return { checked, deleted };
}
