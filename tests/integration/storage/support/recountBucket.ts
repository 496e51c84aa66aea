import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { UsageTotals } from '../../../../core/ports/storageLedger';

/**
 * Every footage file and clip of a tenant, by listing the bucket (the one
 * place that may: tests checking the counters against it). `_clips` are clips,
 * `_runs` manifests are neither, anything else is footage.
 */
export async function recountBucket(s3: S3Client, bucket: string, tenantId: string): Promise<UsageTotals> {
  const counted = { footageBytes: 0, footageFiles: 0, clipBytes: 0, clipFiles: 0 };
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${tenantId}/`, ContinuationToken: token }));
    for (const object of page.Contents ?? []) {
      const segments = object.Key!.split('/');
      if (segments[2] === '_runs') continue;
      if (segments[2] === '_clips') {
        counted.clipBytes += object.Size!;
        counted.clipFiles += 1;
      } else {
        counted.footageBytes += object.Size!;
        counted.footageFiles += 1;
      }
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return counted;
}
