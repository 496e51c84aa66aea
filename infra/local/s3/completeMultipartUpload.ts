import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { KoaContext, KoaNext } from 's3rver';
import { assembleUpload } from './assembleUpload';
import { objectKeyLock, objectLockKey } from './KeyedLock';
import { MultipartUploadStore, type PartRecord } from './MultipartUploadStore';
import { parseCompletedParts, type CompletedPart } from './parseCompletedParts';
import { parseS3Path } from './parseS3Path';
import { readRequestBody } from './readRequestBody';
import {
  MIN_PART_SIZE,
  entityTooSmall,
  invalidPart,
  invalidPartOrder,
  invalidRequest,
  noSuchUpload,
  preconditionFailed,
} from './s3Errors';
import { S3_XMLNS, queryValue, quotedEtag } from './s3Xml';

/**
 * CompleteMultipartUpload (`POST /<bucket>/<key>?uploadId=<id>`), replacing
 * s3rver's handler, which checks nothing (and hangs on a part that is missing).
 * Like S3 it answers NoSuchUpload for an unknown upload, 412 for
 * `If-None-Match: *` when the key exists, InvalidPartOrder, InvalidPart (part
 * missing or ETag mismatch) and EntityTooSmall (a part but the last under
 * 5 MiB). The assembled object gets S3's multipart ETag, `"<md5 of the part
 * md5s>-<part count>"`. The bytes are joined by assembleUpload.
 *
 * An upload created with `x-amz-checksum-algorithm: CRC32` must list each
 * part's `<ChecksumCRC32>` (InvalidRequest, in S3's words, when one is
 * missing), equal to the one verified at UploadPart (InvalidPart otherwise);
 * the answer then carries S3's composite checksum, `<crc32 of the part
 * crc32s>-<part count>`, with ChecksumType COMPOSITE. Checksums listed for an
 * upload created without an algorithm are ignored.
 */
export async function completeMultipartUpload(ctx: KoaContext, next: KoaNext): Promise<void> {
  const target = parseS3Path(ctx.path);
  const uploadId = queryValue(ctx.query.uploadId);
  if (ctx.method !== 'POST' || !target?.key || uploadId === undefined) return next();
  const { bucket, key } = target;

  const requested = parseCompletedParts(await readRequestBody(ctx.req, 4 * 1024 * 1024));
  await objectKeyLock.run(objectLockKey(bucket, key), async () => {
    const uploads = new MultipartUploadStore(ctx.store);
    const upload = await uploads.findUpload(bucket, uploadId);
    if (!upload || upload.key !== key) throw noSuchUpload(uploadId);
    if (ctx.headers['if-none-match'] === '*' && (await ctx.store.existsObject(bucket, key))) {
      throw preconditionFailed();
    }
    const parts = matchParts(requested, await uploads.listParts(upload));
    const crc32Parts = (await uploads.checksumAlgorithm(upload)) === 'CRC32';
    if (crc32Parts) matchChecksums(requested, parts);

    const etag = multipartEtag(parts);
    await assembleUpload(ctx.store, upload, requested.map((part) => part.partNumber), etag);

    ctx.body = {
      CompleteMultipartUploadResult: {
        ...S3_XMLNS,
        Location: `${ctx.origin}${ctx.path}`,
        Bucket: bucket,
        Key: key,
        ETag: quotedEtag(etag),
        ...(crc32Parts ? { ChecksumCRC32: compositeCrc32(parts), ChecksumType: 'COMPOSITE' } : {}),
      },
    };
  });
}

/** The stored parts the request names, checked in S3's order: ordering, then each part, then sizes. */
function matchParts(requested: CompletedPart[], stored: PartRecord[]): PartRecord[] {
  requested.forEach((wanted, index) => {
    const previous = requested[index - 1];
    if (previous && wanted.partNumber <= previous.partNumber) throw invalidPartOrder();
  });
  const byNumber = new Map(stored.map((part) => [part.partNumber, part]));
  const parts = requested.map((wanted) => {
    const part = byNumber.get(wanted.partNumber);
    if (!part || part.md5Hex !== wanted.etag) throw invalidPart(wanted.partNumber);
    return part;
  });
  const tooSmall = parts.slice(0, -1).find((part) => part.size < MIN_PART_SIZE);
  if (tooSmall) throw entityTooSmall(tooSmall.partNumber, tooSmall.size);
  return parts;
}

/** Every listed part names the CRC32 it was uploaded with. */
function matchChecksums(requested: CompletedPart[], parts: PartRecord[]): void {
  requested.forEach((wanted, index) => {
    if (wanted.checksumCrc32 === undefined) {
      throw invalidRequest(
        `The upload was created using a crc32 checksum. The complete request must include the checksum for each part. It was missing for part ${wanted.partNumber} in the request.`,
      );
    }
    if (parts[index]?.checksumCrc32 !== wanted.checksumCrc32) throw invalidPart(wanted.partNumber);
  });
}

function compositeCrc32(parts: PartRecord[]): string {
  const value = crc32(Buffer.concat(parts.map((part) => Buffer.from(part.checksumCrc32 ?? '', 'base64'))));
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return `${bytes.toString('base64')}-${parts.length}`;
}

function multipartEtag(parts: PartRecord[]): string {
  const digests = Buffer.concat(parts.map((part) => Buffer.from(part.md5Hex, 'hex')));
  return `${createHash('md5').update(digests).digest('hex')}-${parts.length}`;
}
