import type {
  S3Client} from '@aws-sdk/client-s3';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { md5Hex, patternBytes, sha256Hex } from './support/bytes';
import { caught } from './support/caught';
import { readBody } from './support/readBody';
import { startS3Fixture, type S3Fixture } from './support/s3Fixture';

const BUCKET = 'footage';
const MiB = 1024 * 1024;

describe('S3 stand-in: multipart uploads', () => {
  let fixture: S3Fixture;
  let client: S3Client;

  beforeAll(async () => {
    fixture = await startS3Fixture('s3-multipart', BUCKET);
    ({ client } = fixture);
  });

  afterAll(() => fixture?.close());

  async function createUpload(key: string): Promise<string> {
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
    if (!UploadId) throw new Error('CreateMultipartUpload returned no UploadId');
    return UploadId;
  }

  async function uploadPart(key: string, uploadId: string, partNumber: number, body: Buffer): Promise<string> {
    const { ETag } = await client.send(
      new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, PartNumber: partNumber, Body: body }),
    );
    return ETag ?? '';
  }

  async function uploadKeys(prefix: string): Promise<string[]> {
    const listing = await client.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: prefix }));
    return (listing.Uploads ?? []).map((upload) => `${upload.Key}#${upload.UploadId}`);
  }

  test('create, upload parts and complete yield the exact concatenated bytes and an S3 multipart ETag', async () => {
    // Prepare
    const key = 'tenant-a/footage/cam1/multipart.mp4';
    const parts = [patternBytes(5 * MiB, 1), patternBytes(5 * MiB, 2), patternBytes(777_777, 3)];
    const uploadId = await createUpload(key);
    const etags = await Promise.all(parts.map((body, i) => uploadPart(key, uploadId, i + 1, body)));

    // Act
    const completed = await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
      }),
    );
    const stored = await readBody(await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })));
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));

    // Assess
    const whole = Buffer.concat(parts);
    expect(etags).toEqual(parts.map((body) => `"${md5Hex(body)}"`));
    expect(stored.length).toBe(whole.length);
    expect(sha256Hex(stored)).toBe(sha256Hex(whole));
    const expectedEtag = `"${md5Hex(Buffer.concat(parts.map((body) => Buffer.from(md5Hex(body), 'hex'))))}-3"`;
    expect(completed.ETag).toBe(expectedEtag);
    expect(head.ETag).toBe(expectedEtag);
    expect(await uploadKeys(key)).toEqual([]);
  });

  test('parts uploaded by plain fetch to presigned UploadPart URLs complete into the exact object', async () => {
    // Prepare: the edge agent's path — the cloud presigns, the agent PUTs the bytes
    const key = 'tenant-e/clips/presigned-parts.mp4';
    const parts = [patternBytes(5 * MiB, 31), patternBytes(1_234, 32)];
    const uploadId = await createUpload(key);
    const urls = await Promise.all(
      parts.map((_, i) =>
        getSignedUrl(client, new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, PartNumber: i + 1 }), {
          expiresIn: 600,
        }),
      ),
    );

    // Act
    const responses = await Promise.all(urls.map((url, i) => fetch(url, { method: 'PUT', body: parts[i] })));
    const etags = responses.map((response) => response.headers.get('etag') ?? '');
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
      }),
    );
    const stored = await readBody(await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })));

    // Assess
    expect(responses.map((response) => response.status)).toEqual([200, 200]);
    expect(etags).toEqual(parts.map((body) => `"${md5Hex(body)}"`));
    expect(sha256Hex(stored)).toBe(sha256Hex(Buffer.concat(parts)));
  });

  test('ListParts pages with MaxParts and PartNumberMarker, reporting each part size and ETag', async () => {
    // Prepare
    const key = 'tenant-a/footage/cam1/list-parts.mp4';
    const uploadId = await createUpload(key);
    const bodies = [patternBytes(100, 1), patternBytes(200, 2), patternBytes(300, 3)];
    const etags = await Promise.all(bodies.map((body, i) => uploadPart(key, uploadId, i + 1, body)));

    // Act
    const first = await client.send(new ListPartsCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, MaxParts: 2 }));
    const second = await client.send(
      new ListPartsCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId: uploadId,
        MaxParts: 2,
        PartNumberMarker: first.NextPartNumberMarker,
      }),
    );

    // Assess
    expect(first.IsTruncated).toBe(true);
    expect(first.NextPartNumberMarker).toBe('2');
    expect(first.Parts?.map((part) => [part.PartNumber, part.Size, part.ETag])).toEqual([
      [1, 100, etags[0]],
      [2, 200, etags[1]],
    ]);
    expect(second.IsTruncated).toBe(false);
    expect(second.Parts?.map((part) => [part.PartNumber, part.Size, part.ETag])).toEqual([[3, 300, etags[2]]]);
    await client.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId }));
  });

  test('ListParts for an upload id of another key answers NoSuchUpload', async () => {
    // Prepare
    const uploadId = await createUpload('tenant-a/footage/owner.mp4');

    // Act
    const listing = client.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'tenant-b/footage/other.mp4', UploadId: uploadId }));

    // Assess
    await expect(listing).rejects.toMatchObject({ name: 'NoSuchUpload', $metadata: { httpStatusCode: 404 } });
    await client.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'tenant-a/footage/owner.mp4', UploadId: uploadId }));
  });

  test('Abort removes the upload; afterwards Abort, UploadPart, ListParts and Complete answer NoSuchUpload', async () => {
    // Prepare
    const key = 'tenant-a/footage/cam2/aborted.mp4';
    const uploadId = await createUpload(key);
    const etag = await uploadPart(key, uploadId, 1, patternBytes(1_000, 4));
    const ref = { Bucket: BUCKET, Key: key, UploadId: uploadId };

    // Act
    const aborted = await client.send(new AbortMultipartUploadCommand(ref));

    // Assess
    expect(aborted.$metadata.httpStatusCode).toBe(204);
    const noSuchUpload = { name: 'NoSuchUpload', $metadata: { httpStatusCode: 404 } };
    await expect(client.send(new AbortMultipartUploadCommand(ref))).rejects.toMatchObject(noSuchUpload);
    await expect(client.send(new UploadPartCommand({ ...ref, PartNumber: 2, Body: 'late' }))).rejects.toMatchObject(noSuchUpload);
    await expect(client.send(new ListPartsCommand(ref))).rejects.toMatchObject(noSuchUpload);
    await expect(
      client.send(new CompleteMultipartUploadCommand({ ...ref, MultipartUpload: { Parts: [{ ETag: etag, PartNumber: 1 }] } })),
    ).rejects.toMatchObject(noSuchUpload);
    await expect(client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 404 },
    });
    expect(await uploadKeys(key)).toEqual([]);
  });

  test('ListMultipartUploads lists uploads in progress by key and forgets completed and aborted ones', async () => {
    // Prepare
    const prefix = 'tenant-c/footage/';
    const [keyA, keyB] = [`${prefix}a.mp4`, `${prefix}b.mp4`];
    const before = await uploadKeys(prefix);
    const uploadB = await createUpload(keyB);
    const uploadA = await createUpload(keyA);
    const etagA = await uploadPart(keyA, uploadA, 1, patternBytes(10, 1));

    // Act
    const during = await uploadKeys(prefix);
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: keyA,
        UploadId: uploadA,
        MultipartUpload: { Parts: [{ ETag: etagA, PartNumber: 1 }] },
      }),
    );
    await client.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: keyB, UploadId: uploadB }));
    const after = await uploadKeys(prefix);

    // Assess
    expect(before).toEqual([]);
    expect(during).toEqual([`${keyA}#${uploadA}`, `${keyB}#${uploadB}`]);
    expect(after).toEqual([]);
  });

  test('ListMultipartUploads pages with MaxUploads and the key and upload id markers', async () => {
    // Prepare
    const prefix = 'tenant-d/footage/';
    const keys = [`${prefix}1.mp4`, `${prefix}2.mp4`, `${prefix}3.mp4`];
    const ids: string[] = [];
    for (const key of keys) ids.push(await createUpload(key));

    // Act
    const first = await client.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: prefix, MaxUploads: 2 }));
    const second = await client.send(
      new ListMultipartUploadsCommand({
        Bucket: BUCKET,
        Prefix: prefix,
        MaxUploads: 2,
        KeyMarker: first.NextKeyMarker,
        UploadIdMarker: first.NextUploadIdMarker,
      }),
    );

    // Assess
    expect(first.IsTruncated).toBe(true);
    expect(first.Uploads?.map((upload) => upload.UploadId)).toEqual(ids.slice(0, 2));
    expect(second.IsTruncated).toBe(false);
    expect(second.Uploads?.map((upload) => upload.UploadId)).toEqual(ids.slice(2));
    await Promise.all(
      keys.map((key, i) => client.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: ids[i] }))),
    );
  });

  test('Complete with If-None-Match * answers 412 when the key exists and keeps the upload for an abort', async () => {
    // Prepare
    const key = 'tenant-a/footage/cam3/exists.mp4';
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'original' }));
    const uploadId = await createUpload(key);
    const etag = await uploadPart(key, uploadId, 1, patternBytes(64, 5));

    // Act
    const completion = client.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId: uploadId,
        IfNoneMatch: '*',
        MultipartUpload: { Parts: [{ ETag: etag, PartNumber: 1 }] },
      }),
    );

    // Assess
    await expect(completion).rejects.toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    const stored = await readBody(await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })));
    expect(stored.toString()).toBe('original');
    expect(await uploadKeys(key)).toEqual([`${key}#${uploadId}`]);
    await client.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId }));
  });

  test('Complete with If-None-Match * creates the object when the key is new', async () => {
    // Prepare
    const key = 'tenant-a/footage/cam3/new.mp4';
    const body = patternBytes(64, 6);
    const uploadId = await createUpload(key);
    const etag = await uploadPart(key, uploadId, 1, body);

    // Act
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId: uploadId,
        IfNoneMatch: '*',
        MultipartUpload: { Parts: [{ ETag: etag, PartNumber: 1 }] },
      }),
    );

    // Assess
    const stored = await readBody(await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })));
    expect(stored.equals(body)).toBe(true);
  });

  test('Complete refuses a wrong part ETag, parts out of order and a small part before the last', async () => {
    // Prepare
    const key = 'tenant-a/footage/cam4/invalid.mp4';
    const uploadId = await createUpload(key);
    const etag1 = await uploadPart(key, uploadId, 1, patternBytes(1_000, 7));
    const etag2 = await uploadPart(key, uploadId, 2, patternBytes(1_000, 8));
    const complete = (Parts: { ETag: string; PartNumber: number }[]) =>
      client.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, MultipartUpload: { Parts } }));

    // Act
    const wrongEtag = await caught(complete([{ ETag: `"${'0'.repeat(32)}"`, PartNumber: 1 }]));
    const outOfOrder = await caught(
      complete([
        { ETag: etag2, PartNumber: 2 },
        { ETag: etag1, PartNumber: 1 },
      ]),
    );
    const tooSmall = await caught(
      complete([
        { ETag: etag1, PartNumber: 1 },
        { ETag: etag2, PartNumber: 2 },
      ]),
    );

    // Assess
    expect(wrongEtag).toMatchObject({ name: 'InvalidPart', $metadata: { httpStatusCode: 400 } });
    expect(outOfOrder).toMatchObject({ name: 'InvalidPartOrder', $metadata: { httpStatusCode: 400 } });
    expect(tooSmall).toMatchObject({ name: 'EntityTooSmall', $metadata: { httpStatusCode: 400 } });
    expect(await uploadKeys(key)).toEqual([`${key}#${uploadId}`]);
    await client.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId }));
  });
});
