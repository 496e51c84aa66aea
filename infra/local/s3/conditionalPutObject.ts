import type { KoaContext, KoaNext } from 's3rver';
import { objectKeyLock, objectLockKey } from './KeyedLock';
import { parseS3Path } from './parseS3Path';
import { preconditionFailed } from './s3Errors';

/**
 * PutObject with `If-None-Match: *` (S3 conditional writes): 412
 * PreconditionFailed when the key already exists, otherwise s3rver stores the
 * object. s3rver alone ignores the header and overwrites. Other PUT requests
 * (UploadPart, CopyObject, tagging…) pass through untouched.
 */
export async function conditionalPutObject(ctx: KoaContext, next: KoaNext): Promise<void> {
  const target = parseS3Path(ctx.path);
  if (
    ctx.method !== 'PUT' ||
    !target?.key ||
    ctx.headers['if-none-match'] !== '*' ||
    'x-amz-copy-source' in ctx.headers ||
    SUBRESOURCES.some((name) => name in ctx.query)
  ) {
    return next();
  }
  const { bucket, key } = target;
  await objectKeyLock.run(objectLockKey(bucket, key), async () => {
    if (await ctx.store.existsObject(bucket, key)) throw preconditionFailed();
    await next();
  });
}

// Query parameters that make a PUT something other than PutObject. (The SDK's
// `x-id=PutObject` and presigned `X-Amz-*` parameters do not.)
const SUBRESOURCES = ['uploadId', 'partNumber', 'tagging', 'acl', 'retention', 'legal-hold'];
