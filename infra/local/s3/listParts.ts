import type { KoaContext, KoaNext } from 's3rver';
import { MultipartUploadStore } from './MultipartUploadStore';
import { parseS3Path } from './parseS3Path';
import { invalidArgument, noSuchBucket, noSuchUpload } from './s3Errors';
import { S3_XMLNS, S3RVER_OWNER, queryValue, quotedEtag } from './s3Xml';

/**
 * ListParts: `GET /<bucket>/<key>?uploadId=<id>` with max-parts and
 * part-number-marker paging, answering S3's ListPartsResult. s3rver itself
 * answers MethodNotAllowed. An upload id that is unknown or belongs to another
 * key → 404 NoSuchUpload, as in S3.
 */
export async function listParts(ctx: KoaContext, next: KoaNext): Promise<void> {
  const target = parseS3Path(ctx.path);
  const uploadId = queryValue(ctx.query.uploadId);
  if (ctx.method !== 'GET' || !target?.key || uploadId === undefined) return next();

  const uploads = new MultipartUploadStore(ctx.store);
  if (!(await uploads.bucketExists(target.bucket))) throw noSuchBucket(target.bucket);
  const upload = await uploads.findUpload(target.bucket, uploadId);
  if (!upload || upload.key !== target.key) throw noSuchUpload(uploadId);

  const marker = parseNonNegative('part-number-marker', queryValue(ctx.query['part-number-marker']), 0);
  const maxParts = Math.min(parseNonNegative('max-parts', queryValue(ctx.query['max-parts']), 1000), 1000);
  const remaining = (await uploads.listParts(upload)).filter((part) => part.partNumber > marker);
  const page = remaining.slice(0, maxParts);
  const isTruncated = remaining.length > page.length;

  ctx.body = {
    ListPartsResult: {
      ...S3_XMLNS,
      Bucket: upload.bucket,
      Key: upload.key,
      UploadId: upload.uploadId,
      Initiator: S3RVER_OWNER,
      Owner: S3RVER_OWNER,
      StorageClass: 'STANDARD',
      PartNumberMarker: marker,
      NextPartNumberMarker: page.at(-1)?.partNumber ?? marker,
      MaxParts: maxParts,
      IsTruncated: isTruncated,
      Part: page.map((part) => ({
        PartNumber: part.partNumber,
        LastModified: part.lastModified.toISOString(),
        ETag: quotedEtag(part.md5Hex),
        Size: part.size,
        ...(part.checksumCrc32 === undefined ? {} : { ChecksumCRC32: part.checksumCrc32 }),
      })),
    },
  };
}

function parseNonNegative(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw invalidArgument(name, raw, `Argument ${name} must be an integer between 0 and 2147483647`);
  }
  return value;
}
