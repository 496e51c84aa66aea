import type { KoaContext, KoaNext } from 's3rver';
import { parseS3Path } from './parseS3Path';
import { keyTooLong } from './s3Errors';

/** What most file systems take per path segment (ext4, xfs, btrfs, tmpfs, APFS: 255 bytes). */
export const FILE_NAME_MAX_BYTES = 255;
/** The longest suffix s3rver adds to a key's last segment on disk (`<name>._S3rver_metadata.json`). */
const S3RVER_SUFFIX_BYTES = '._S3rver_metadata.json'.length;
/** The longest key segment the stand-in can store: 233 bytes of UTF-8. */
export const MAX_STORABLE_SEGMENT_BYTES = FILE_NAME_MAX_BYTES - S3RVER_SUFFIX_BYTES;

/**
 * s3rver keeps every object as files named after the key's segments. A segment
 * the file system refuses (ENAMETOOLONG) made s3rver throw where nothing caught
 * it, and the whole stand-in exited: every later request of every tenant got
 * ECONNREFUSED. This answers such a request with a 400 `KeyTooLongError`
 * before s3rver touches the disk. S3 itself takes up to 1,024 bytes per key,
 * however they are split; VTrack's own keys stay within both
 * (core/sync/objectKeyNaming.ts).
 */
export async function refuseUnstorableKey(ctx: KoaContext, next: KoaNext): Promise<void> {
  const key = parseS3Path(ctx.path)?.key;
  if (key !== undefined) {
    const longest = Math.max(...key.split('/').map((segment) => Buffer.byteLength(segment, 'utf8')));
    if (longest > MAX_STORABLE_SEGMENT_BYTES) throw keyTooLong(longest);
  }
  await next();
}
