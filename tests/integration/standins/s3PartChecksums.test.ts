import type {
  S3Client} from '@aws-sdk/client-s3';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  type S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { patternBytes } from './support/bytes';
import { caught } from './support/caught';
import { readBody } from './support/readBody';
import { startS3Fixture, type S3Fixture } from './support/s3Fixture';

const BUCKET = 'footage';
const MiB = 1024 * 1024;

/** S3's form: base64 of the big-endian CRC32. Computed here independently of the code under test. */
function crc32Base64(bytes: Uint8Array): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(bytes) >>> 0);
  return out.toString('base64');
}

function errorOf(error: unknown): { name: string; status: number | undefined; message: string } {
  const s3 = error as S3ServiceException;
  return { name: s3.name, status: s3.$metadata?.httpStatusCode, message: s3.message };
}

describe('S3 stand-in: CRC32 part checksums', () => {
  let fixture: S3Fixture;
  let client: S3Client;

  beforeAll(async () => {
    fixture = await startS3Fixture('s3-checksums', BUCKET);
    ({ client } = fixture);
  });

  afterAll(() => fixture?.close());

  async function createUpload(key: string, crc32Parts: boolean): Promise<string> {
    const { UploadId } = await client.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key, ChecksumAlgorithm: crc32Parts ? 'CRC32' : undefined }),
    );
    if (!UploadId) throw new Error('CreateMultipartUpload returned no UploadId');
    return UploadId;
  }

  function uploadPart(key: string, uploadId: string, partNumber: number, body: Buffer, checksum?: string) {
    return client.send(
      new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, PartNumber: partNumber, Body: body, ChecksumCRC32: checksum }),
    );
  }

  async function partsOf(key: string, uploadId: string) {
    const listing = await client.send(new ListPartsCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId }));
    return (listing.Parts ?? []).map((part) => ({ number: part.PartNumber, etag: part.ETag, crc: part.ChecksumCRC32 }));
  }

  test('parts with their CRC32 are verified, echoed and listed; Complete with them yields the bytes and S3\'s composite checksum', async () => {
    // Prepare
    const key = 'crc/ok.mp4';
    const bodies = [patternBytes(5 * MiB, 11), patternBytes(123_457, 12)];
    const checksums = bodies.map(crc32Base64);
    const uploadId = await createUpload(key, true);

    // Act
    const answers = await Promise.all(bodies.map((body, i) => uploadPart(key, uploadId, i + 1, body, checksums[i])));
    const listed = await partsOf(key, uploadId);
    const completed = await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: answers.map((answer, i) => ({ PartNumber: i + 1, ETag: answer.ETag, ChecksumCRC32: checksums[i] })) },
      }),
    );
    const stored = await readBody(await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })));

    // Assess
    expect(answers.map((answer) => answer.ChecksumCRC32)).toEqual(checksums);
    expect(listed.map((part) => part.crc)).toEqual(checksums);
    expect(Buffer.compare(stored, Buffer.concat(bodies))).toBe(0);
    const composite = crc32Base64(Buffer.concat(checksums.map((checksum) => Buffer.from(checksum, 'base64'))));
    expect(completed).toMatchObject({ ChecksumCRC32: `${composite}-2`, ChecksumType: 'COMPOSITE' });
  });

  test('a part whose bytes do not match its CRC32 is refused with BadDigest and not kept; the earlier copy of that part stays', async () => {
    // Prepare
    const key = 'crc/damaged.mp4';
    const good = patternBytes(1_000, 21);
    const damaged = Buffer.from(good);
    damaged[500] = (damaged[500] ?? 0) ^ 0x01;
    const uploadId = await createUpload(key, true);
    const first = await uploadPart(key, uploadId, 1, good, crc32Base64(good));

    // Act
    const refused = await caught(uploadPart(key, uploadId, 1, damaged, crc32Base64(good)));
    const listed = await partsOf(key, uploadId);

    // Assess
    expect(errorOf(refused)).toMatchObject({ name: 'BadDigest', status: 400, message: 'The CRC32 you specified did not match the calculated checksum.' });
    expect(listed).toEqual([{ number: 1, etag: first.ETag, crc: crc32Base64(good) }]);
  });

  test('a part whose bytes do not match its Content-MD5 is refused with BadDigest and not kept; the earlier copy of that part stays', async () => {
    // Prepare: an upload without a checksum algorithm, as the edge agent's presigned parts use (their Content-MD5 is signed).
    const key = 'md5/damaged.mp4';
    const good = patternBytes(6 * MiB + 3, 31);
    const damaged = Buffer.from(good);
    damaged[4 * MiB] = (damaged[4 * MiB] ?? 0) ^ 0x01;
    const md5 = createHash('md5').update(good).digest('base64');
    const uploadId = await createUpload(key, false);
    const send = (body: Buffer) => client.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, PartNumber: 1, Body: body, ContentMD5: md5 }));
    const first = await send(good);

    // Act
    const refused = await caught(send(damaged));
    const listed = await partsOf(key, uploadId);

    // Assess
    expect(first.ETag).toBe(`"${createHash('md5').update(good).digest('hex')}"`);
    expect(errorOf(refused)).toMatchObject({ name: 'BadDigest', status: 400, message: 'The Content-MD5 you specified did not match the calculated checksum.' });
    expect(listed).toEqual([{ number: 1, etag: first.ETag, crc: undefined }]);
  });

  test('a large part is verified as it streams: its bytes, ETag and checksum are the ones sent', async () => {
    // Prepare: many socket reads, so the checksum is carried across chunks.
    const key = 'crc/large.mp4';
    const body = patternBytes(24 * MiB + 7, 51);
    const uploadId = await createUpload(key, true);

    // Act
    const answer = await uploadPart(key, uploadId, 1, body, crc32Base64(body));
    const listed = await partsOf(key, uploadId);

    // Assess
    expect(answer.ChecksumCRC32).toBe(crc32Base64(body));
    expect(listed).toEqual([{ number: 1, etag: answer.ETag, crc: crc32Base64(body) }]);
  });

  test('a part cut off mid-body by the client is not kept; the earlier copy of that part is listed again', async () => {
    // Prepare
    const key = 'crc/cut-off.mp4';
    const good = patternBytes(1 * MiB, 61);
    const uploadId = await createUpload(key, true);
    const first = await uploadPart(key, uploadId, 1, good, crc32Base64(good));
    // Half the declared bytes; once the stand-in is writing the new copy (the earlier one leaves the
    // listing meanwhile), the request is aborted and the connection dropped.
    const abort = new AbortController();
    let pushed = false;
    const cutOff = new Readable({
      read() {
        if (pushed) return;
        pushed = true;
        this.push(good.subarray(0, good.length / 2));
        void vi
          .waitFor(async () => expect(await partsOf(key, uploadId)).toEqual([]), { timeout: 5_000 })
          .finally(() => abort.abort());
      },
    });

    // Act
    const refused = await caught(
      client.send(
        new UploadPartCommand({
          Bucket: BUCKET,
          Key: key,
          UploadId: uploadId,
          PartNumber: 1,
          Body: cutOff,
          ContentLength: good.length,
          ChecksumCRC32: crc32Base64(good),
        }),
        { abortSignal: abort.signal },
      ),
    );

    // Assess: the stand-in settles the cut-off request after the client has given up on it.
    expect(refused).toBeInstanceOf(Error);
    await vi.waitFor(async () => expect(await partsOf(key, uploadId)).toEqual([{ number: 1, etag: first.ETag, crc: crc32Base64(good) }]), {
      timeout: 5_000,
    });
  });

  test('Complete of a CRC32 upload refuses a part listed without its checksum or with another one, and the upload stays', async () => {
    // Prepare
    const key = 'crc/complete.mp4';
    const body = patternBytes(2_000, 31);
    const uploadId = await createUpload(key, true);
    const { ETag } = await uploadPart(key, uploadId, 1, body, crc32Base64(body));
    const complete = (checksum: string | undefined) =>
      client.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag, ChecksumCRC32: checksum }] },
        }),
      );

    // Act
    const missing = await caught(complete(undefined));
    const wrong = await caught(complete(crc32Base64(patternBytes(2_000, 32))));
    const open = await client.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: key }));

    // Assess
    expect(errorOf(missing)).toEqual({
      name: 'InvalidRequest',
      status: 400,
      message:
        'The upload was created using a crc32 checksum. The complete request must include the checksum for each part. It was missing for part 1 in the request.',
    });
    expect(errorOf(wrong)).toMatchObject({ name: 'InvalidPart', status: 400 });
    expect(open.Uploads?.map((upload) => upload.UploadId)).toEqual([uploadId]);
  });

  test('the checksum type must match the upload: a CRC32 for an upload without an algorithm, or none for a CRC32 upload, is InvalidRequest', async () => {
    // Prepare
    const body = patternBytes(100, 41);
    const plain = await createUpload('crc/plain.mp4', false);
    const withCrc = await createUpload('crc/with.mp4', true);

    // Act
    const crcOnPlain = await caught(uploadPart('crc/plain.mp4', plain, 1, body, crc32Base64(body)));
    const noneOnCrc = await caught(uploadPart('crc/with.mp4', withCrc, 1, body));
    const plainPart = await uploadPart('crc/plain.mp4', plain, 1, body);

    // Assess
    expect(errorOf(crcOnPlain)).toEqual({
      name: 'InvalidRequest',
      status: 400,
      message: 'Checksum Type mismatch occurred, expected checksum Type: null, actual checksum Type: crc32',
    });
    expect(errorOf(noneOnCrc)).toMatchObject({
      name: 'InvalidRequest',
      message: 'Checksum Type mismatch occurred, expected checksum Type: crc32, actual checksum Type: null',
    });
    expect(plainPart.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(await partsOf('crc/with.mp4', withCrc)).toEqual([]);
  });
});
