import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import type { KoaContext, KoaNext } from 's3rver';
import { MultipartUploadStore } from './MultipartUploadStore';
import { parseS3Path } from './parseS3Path';
import { badDigest, checksumTypeMismatch } from './s3Errors';
import { queryValue } from './s3Xml';

const CRC32_HEADER = 'x-amz-checksum-crc32';

/**
 * UploadPart (`PUT /<bucket>/<key>?partNumber=<n>&uploadId=<id>`) with S3's
 * CRC32 part checksum, which s3rver ignores. For an upload created with
 * `x-amz-checksum-algorithm: CRC32` every part must carry `x-amz-checksum-crc32`
 * (else InvalidRequest, checksum type mismatch); the body is read and its CRC32
 * (zlib, several GB/s) compared before anything is stored: a mismatch is
 * BadDigest and the part is not kept, as in S3. The verified value is stored
 * next to the part for Complete and ListParts and echoed in the answer. A CRC32
 * for an upload created without that algorithm is InvalidRequest, as in S3.
 * Parts without checksums of uploads without an algorithm pass untouched. The
 * part is held in memory while it is checked (parts are MiBs here).
 */
export async function verifyPartChecksum(ctx: KoaContext, next: KoaNext): Promise<void> {
  const target = parseS3Path(ctx.path);
  const uploadId = queryValue(ctx.query.uploadId);
  const partNumber = Number(queryValue(ctx.query.partNumber));
  if (ctx.method !== 'PUT' || !target?.key || uploadId === undefined || !Number.isInteger(partNumber)) return next();

  const uploads = new MultipartUploadStore(ctx.store);
  // An unknown upload was answered by requireExistingUpload, which runs first.
  const upload = await uploads.findUpload(target.bucket, uploadId);
  if (!upload) return next();
  const algorithm = await uploads.checksumAlgorithm(upload);
  const sent = queryValue(ctx.headers[CRC32_HEADER]);
  if (algorithm !== 'CRC32') {
    if (sent !== undefined) throw checksumTypeMismatch(algorithm, 'CRC32');
    return next();
  }
  if (sent === undefined) throw checksumTypeMismatch('CRC32', null);

  const chunks: Buffer[] = [];
  let value = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    value = crc32(chunk, value);
    chunks.push(chunk);
  }
  const actual = Buffer.from([value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255]).toString('base64');
  if (actual !== sent) throw badDigest('CRC32');
  await uploads.writePartChecksum(upload, partNumber, actual);
  // s3rver's UploadPart pipes ctx.req into the part file: hand it the verified bytes.
  ctx.req = Readable.from(chunks) as unknown as IncomingMessage; // only piped from, never read as a message
  await next();
  ctx.set(CRC32_HEADER, actual);
}
