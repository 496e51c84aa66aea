import type { KoaContext, KoaNext } from 's3rver';
import { tapCrc32 } from './crc32Tap';
import { tapBodyEnd } from './bodyEndTap';
import { KeyedLock } from './KeyedLock';
import { MultipartUploadStore, rememberedUpload } from './MultipartUploadStore';
import { parseS3Path } from './parseS3Path';
import { badDigest, checksumTypeMismatch, incompleteBody } from './s3Errors';
import { queryValue } from './s3Xml';

const CRC32_HEADER = 'x-amz-checksum-crc32';

/** Copies of one part are written one at a time, so setting aside and putting back never interleave. */
const partLock = new KeyedLock();

/**
 * UploadPart (`PUT /<bucket>/<key>?partNumber=<n>&uploadId=<id>`) with S3's
 * CRC32 part checksum, which s3rver ignores. For an upload created with
 * `x-amz-checksum-algorithm: CRC32` every part must carry `x-amz-checksum-crc32`
 * (else InvalidRequest, checksum type mismatch); a CRC32 for an upload created
 * without that algorithm is InvalidRequest too, as in S3. Parts without
 * checksums of uploads without an algorithm pass untouched, except that a part
 * sent with Content-MD5 is checked against it in the same way (BadDigest).
 *
 * The body streams to s3rver's part file while its CRC32 (zlib, several
 * GB/s) is computed from the same chunks, so a part is neither held in memory
 * nor delayed before it is written: this stand-in should cost a client what S3
 * costs it, no more. The check comes once the part is stored; a mismatch is BadDigest and
 * the part is removed. An earlier copy of that part number is set aside
 * meanwhile and put back when the new copy is refused, so, as in S3, a
 * refused part never replaces a good one. (Unlike S3, ListParts does not show
 * the earlier copy while the new one is being written.) The verified value is
 * stored next to the part for Complete and ListParts and echoed in the answer.
 */
export async function verifyPartChecksum(ctx: KoaContext, next: KoaNext): Promise<void> {
  const target = parseS3Path(ctx.path);
  const uploadId = queryValue(ctx.query.uploadId);
  const partNumber = Number(queryValue(ctx.query.partNumber));
  if (ctx.method !== 'PUT' || !target?.key || uploadId === undefined || !Number.isInteger(partNumber)) return next();

  const uploads = new MultipartUploadStore(ctx.store);
  // An unknown upload was answered by requireExistingUpload, which runs first and hands on what it found.
  const upload = rememberedUpload(ctx) ?? (await uploads.findUpload(target.bucket, uploadId));
  if (!upload) return next();
  const algorithm = await uploads.checksumAlgorithm(upload);
  const sent = queryValue(ctx.headers[CRC32_HEADER]);
  if (algorithm !== 'CRC32') {
    if (sent !== undefined) throw checksumTypeMismatch(algorithm, 'CRC32');
    const contentMd5 = queryValue(ctx.headers['content-md5']);
    if (contentMd5 === undefined) return next();
    // S3 checks a part's body against its Content-MD5 (the edge agent's presigned parts sign it); s3rver does not.
    return partLock.run(`${uploadId}/${partNumber}`, () =>
      storeCheckedPart(uploads, upload, partNumber, next, {
        // s3rver hashes the part as it writes it (`<n>.md5`); that digest is compared, not a second one.
        tap: () => {
          const tap = tapBodyEnd(ctx.req);
          return { complete: () => tap.complete(), digest: async () => Buffer.from((await uploads.storedPartMd5(upload, partNumber)) ?? '', 'hex').toString('base64') };
        },
        expected: contentMd5,
        name: 'Content-MD5',
      }),
    );
  }
  if (sent === undefined) throw checksumTypeMismatch('CRC32', null);

  await partLock.run(`${uploadId}/${partNumber}`, () =>
    storeCheckedPart(uploads, upload, partNumber, next, {
      // Written first, so the part is never listed without its checksum; removed again if refused.
      beforeWrite: () => uploads.writePartChecksum(upload, partNumber, sent),
      // s3rver's UploadPart pipes ctx.req into the part file; the tap sees the same chunks.
      tap: () => {
        const tap = tapCrc32(ctx.req);
        return { complete: () => tap.complete(), digest: () => tap.checksum() };
      },
      expected: sent,
      name: 'CRC32',
    }),
  );
  ctx.set(CRC32_HEADER, sent);
}

type StoredUpload = Parameters<MultipartUploadStore['setPartAside']>[0];

/**
 * Lets s3rver store the part while a tap digests the same chunks, with the
 * part's earlier copy set aside. The new copy stays only when the whole body
 * came and its digest is the one sent; otherwise it is removed, the earlier
 * copy is put back, and the answer is IncompleteBody or BadDigest.
 */
async function storeCheckedPart(
  uploads: MultipartUploadStore,
  upload: StoredUpload,
  partNumber: number,
  next: KoaNext,
  check: { tap: () => { complete(): boolean; digest(): string | Promise<string> }; expected: string; name: string; beforeWrite?: () => Promise<void> },
): Promise<void> {
  const earlier = await uploads.setPartAside(upload, partNumber);
  const refuse = async (): Promise<void> => {
    await uploads.removePart(upload, partNumber);
    await earlier?.restore();
  };
  await check.beforeWrite?.();
  const tap = check.tap();
  try {
    await next();
  } catch (error) {
    await refuse();
    throw error;
  }
  if (!tap.complete()) {
    await refuse();
    throw incompleteBody();
  }
  if ((await tap.digest()) !== check.expected) {
    await refuse();
    throw badDigest(check.name);
  }
  await earlier?.discard();
}
