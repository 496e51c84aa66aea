import type { KoaContext, KoaNext } from 's3rver';
import { MultipartUploadStore } from './MultipartUploadStore';
import { parseS3Path } from './parseS3Path';
import { noSuchBucket, noSuchUpload } from './s3Errors';
import { queryValue } from './s3Xml';

/**
 * AbortMultipartUpload: `DELETE /<bucket>/<key>?uploadId=<id>` → 204 and the
 * parts are gone; an unknown (or already aborted / completed) upload → 404
 * NoSuchUpload, as S3 answers. s3rver itself rejects this request.
 */
export async function abortMultipartUpload(ctx: KoaContext, next: KoaNext): Promise<void> {
  const target = parseS3Path(ctx.path);
  const uploadId = queryValue(ctx.query.uploadId);
  if (ctx.method !== 'DELETE' || !target?.key || uploadId === undefined) return next();

  const uploads = new MultipartUploadStore(ctx.store);
  if (!(await uploads.bucketExists(target.bucket))) throw noSuchBucket(target.bucket);
  const upload = await uploads.findUpload(target.bucket, uploadId);
  if (!upload || upload.key !== target.key) throw noSuchUpload(uploadId);

  await uploads.removeUpload(upload);
  ctx.status = 204;
}
