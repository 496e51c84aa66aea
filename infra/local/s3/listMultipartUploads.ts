import type { KoaContext, KoaNext } from 's3rver';
import { MultipartUploadStore, type UploadRecord } from './MultipartUploadStore';
import { parseS3Path } from './parseS3Path';
import { invalidArgument, noSuchBucket } from './s3Errors';
import { S3_XMLNS, S3RVER_OWNER, queryValue } from './s3Xml';

/**
 * ListMultipartUploads: `GET /<bucket>?uploads` with prefix, delimiter,
 * key-marker, upload-id-marker and max-uploads, answering S3's
 * ListMultipartUploadsResult. s3rver itself answers NotImplemented.
 */
export async function listMultipartUploads(ctx: KoaContext, next: KoaNext): Promise<void> {
  const target = parseS3Path(ctx.path);
  if (ctx.method !== 'GET' || !target || target.key !== undefined || !('uploads' in ctx.query)) return next();

  const uploads = new MultipartUploadStore(ctx.store);
  if (!(await uploads.bucketExists(target.bucket))) throw noSuchBucket(target.bucket);

  const prefix = queryValue(ctx.query.prefix) ?? '';
  const delimiter = queryValue(ctx.query.delimiter) ?? '';
  const keyMarker = queryValue(ctx.query['key-marker']) ?? '';
  const uploadIdMarker = queryValue(ctx.query['upload-id-marker']) ?? '';
  const maxUploads = parseMaxUploads(queryValue(ctx.query['max-uploads']));

  const all = await uploads.listUploads(target.bucket);
  const afterMarker = all.filter((upload) => isAfterMarker(upload, all, keyMarker, uploadIdMarker, delimiter));
  const page = paginate(afterMarker.filter((upload) => upload.key.startsWith(prefix)), prefix, delimiter, maxUploads);

  ctx.body = {
    ListMultipartUploadsResult: {
      ...S3_XMLNS,
      Bucket: target.bucket,
      KeyMarker: keyMarker,
      UploadIdMarker: uploadIdMarker,
      NextKeyMarker: page.last?.key ?? '',
      NextUploadIdMarker: page.last && 'uploadId' in page.last ? page.last.uploadId : '',
      ...(delimiter ? { Delimiter: delimiter } : {}),
      Prefix: prefix,
      MaxUploads: maxUploads,
      IsTruncated: page.isTruncated,
      Upload: page.uploads.map((upload) => ({
        Key: upload.key,
        UploadId: upload.uploadId,
        Initiator: S3RVER_OWNER,
        Owner: S3RVER_OWNER,
        StorageClass: 'STANDARD',
        Initiated: upload.initiated.toISOString(),
      })),
      CommonPrefixes: page.commonPrefixes.map((commonPrefix) => ({ Prefix: commonPrefix })),
    },
  };
}

function parseMaxUploads(raw: string | undefined): number {
  if (raw === undefined) return 1000;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw invalidArgument('max-uploads', raw, 'Argument max-uploads must be an integer between 0 and 2147483647');
  }
  return Math.min(value, 1000);
}

/**
 * S3's marker rule: without upload-id-marker, uploads for keys after key-marker;
 * with it, also the uploads of key-marker itself that come after that upload.
 * A key-marker that is a common prefix (ends with the delimiter) skips the
 * whole prefix, which the previous page already rolled up.
 */
function isAfterMarker(
  upload: UploadRecord,
  all: UploadRecord[],
  keyMarker: string,
  uploadIdMarker: string,
  delimiter: string,
): boolean {
  if (delimiter && keyMarker.endsWith(delimiter) && upload.key.startsWith(keyMarker)) return false;
  if (upload.key > keyMarker) return true;
  if (upload.key < keyMarker || !uploadIdMarker) return false;
  const sameKey = all.filter((candidate) => candidate.key === keyMarker);
  const markerIndex = sameKey.findIndex((candidate) => candidate.uploadId === uploadIdMarker);
  return markerIndex !== -1 && sameKey.indexOf(upload) > markerIndex;
}

interface UploadsPage {
  uploads: UploadRecord[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last entry returned (an upload, or a common prefix as a key), for the Next* markers. */
  last: UploadRecord | { key: string } | undefined;
}

/** Each upload and each distinct common prefix counts once against max-uploads, as in S3. */
function paginate(candidates: UploadRecord[], prefix: string, delimiter: string, maxUploads: number): UploadsPage {
  const page: UploadsPage = { uploads: [], commonPrefixes: [], isTruncated: false, last: undefined };
  for (const upload of candidates) {
    const rest = upload.key.slice(prefix.length);
    const cut = delimiter ? rest.indexOf(delimiter) : -1;
    const commonPrefix = cut === -1 ? undefined : prefix + rest.slice(0, cut + delimiter.length);
    if (commonPrefix !== undefined && page.commonPrefixes.at(-1) === commonPrefix) continue;
    if (page.uploads.length + page.commonPrefixes.length >= maxUploads) {
      page.isTruncated = true;
      break;
    }
    if (commonPrefix === undefined) {
      page.uploads.push(upload);
      page.last = upload;
    } else {
      page.commonPrefixes.push(commonPrefix);
      page.last = { key: commonPrefix };
    }
  }
  return page;
}
