import type { KoaContext, KoaNext } from 's3rver';
import { MultipartUploadStore, rememberUpload } from './MultipartUploadStore';
import { parseS3Path } from './parseS3Path';
import { noSuchUpload } from './s3Errors';
import { queryValue } from './s3Xml';

/**
 * UploadPart (`PUT /<bucket>/<key>?partNumber=<n>&uploadId=<id>`) to an upload
 * that does not exist, was aborted or completed → 404 NoSuchUpload, as in S3.
 * s3rver alone would create the upload folder again and store the part as an
 * orphan, so a retry after Abort would silently "succeed" locally only.
 */
export async function requireExistingUpload(ctx: KoaContext, next: KoaNext): Promise<void> {
  const target = parseS3Path(ctx.path);
  const uploadId = queryValue(ctx.query.uploadId);
  if (ctx.method !== 'PUT' || !target?.key || uploadId === undefined) return next();

  const upload = await new MultipartUploadStore(ctx.store).findUpload(target.bucket, uploadId);
  if (!upload || upload.key !== target.key) throw noSuchUpload(uploadId);
  rememberUpload(ctx, upload);
  await next();
}
