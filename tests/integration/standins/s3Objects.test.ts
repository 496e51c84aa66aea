import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import type { RunningService } from '../../../infra/local/runningService';
import { md5Hex, patternBytes, sha256Hex } from './support/bytes';
import { readBody } from './support/readBody';
import { startS3Fixture, type S3Fixture } from './support/s3Fixture';

const BUCKET = 'footage';

describe('S3 stand-in: objects', () => {
  let fixture: S3Fixture;
  let s3: RunningService;
  let client: S3Client;

  beforeAll(async () => {
    fixture = await startS3Fixture('s3-objects', BUCKET);
    ({ s3, client } = fixture);
  });

  afterAll(() => fixture?.close());

  test('listens on the loopback interface', () => {
    expect(s3.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('put, head, get and delete keep the bytes, type and user metadata', async () => {
    // Prepare
    const body = patternBytes(10_000, 7);
    const key = 'tenant-a/objects/crud.bin';

    // Act
    const put = await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ContentType: 'video/mp4', Metadata: { camera: 'cam1' } }),
    );
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    const bytes = await readBody(got);
    await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));

    // Assess
    expect(put.ETag).toBe(`"${md5Hex(body)}"`);
    expect(head.ContentLength).toBe(body.length);
    expect(head.ContentType).toBe('video/mp4');
    expect(head.Metadata).toEqual({ camera: 'cam1' });
    expect(bytes.equals(body)).toBe(true);
    await expect(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).rejects.toMatchObject({
      name: 'NoSuchKey',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 404 },
    });
  });

  test('a streamed PutObject of a Readable stores exactly the bytes streamed', async () => {
    // Prepare: 3 MiB in uneven chunks, as a transfer stream would deliver them
    const body = patternBytes(3 * 1024 * 1024 + 123, 11);
    const chunks: Buffer[] = [];
    for (let offset = 0; offset < body.length; offset += 65_537) chunks.push(body.subarray(offset, offset + 65_537));
    const key = 'tenant-a/objects/streamed.bin';

    // Act
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Readable.from(chunks), ContentLength: body.length }),
    );
    const stored = await readBody(await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })));

    // Assess
    expect(stored.length).toBe(body.length);
    expect(sha256Hex(stored)).toBe(sha256Hex(body));
  });

  test('with the SDK default checksum settings a streamed PutObject is stored corrupted (why localClientConfig opts out)', async () => {
    // Prepare: a client with everything from localClientConfig except the checksum opt-outs
    const { requestChecksumCalculation: _request, responseChecksumValidation: _response, ...defaults } =
      localClientConfig(s3.endpoint);
    const defaultClient = new S3Client(defaults);
    const body = patternBytes(1_000, 13);
    const key = 'tenant-a/objects/default-checksums.bin';

    // Act
    await defaultClient.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Readable.from([body]), ContentLength: body.length }),
    );
    defaultClient.destroy();
    const stored = await readBody(await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })));

    // Assess: s3rver kept the aws-chunked framing (hex chunk size, trailing checksum) as content
    expect(stored.equals(body)).toBe(false);
    expect(stored.subarray(0, 3).toString('latin1')).toBe((1_000).toString(16));
  });

  test('a ranged GET returns exactly bytes a..b with 206 and Content-Range', async () => {
    // Prepare
    const body = patternBytes(50_000, 3);
    const key = 'tenant-a/objects/ranged.bin';
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));

    // Act
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, Range: 'bytes=1000-20999' }));
    const bytes = await readBody(got);

    // Assess
    expect(got.$metadata.httpStatusCode).toBe(206);
    expect(got.ContentRange).toBe(`bytes 1000-20999/${body.length}`);
    expect(bytes.equals(body.subarray(1000, 21_000))).toBe(true);
  });

  test('a presigned GET URL serves the object to plain fetch', async () => {
    // Prepare
    const body = patternBytes(4_096, 5);
    const key = 'tenant-a/objects/presigned-get.bin';
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: key }), { expiresIn: 300 });

    // Act
    const response = await fetch(url);
    const bytes = Buffer.from(await response.arrayBuffer());

    // Assess
    expect(response.status).toBe(200);
    expect(bytes.equals(body)).toBe(true);
  });

  test('a presigned PUT URL accepts an upload by plain fetch', async () => {
    // Prepare
    const body = patternBytes(8_192, 9);
    const key = 'tenant-a/objects/presigned-put.bin';
    const url = await getSignedUrl(client, new PutObjectCommand({ Bucket: BUCKET, Key: key }), { expiresIn: 300 });

    // Act
    const response = await fetch(url, { method: 'PUT', body });
    const stored = await readBody(await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })));

    // Assess
    expect(response.status).toBe(200);
    expect(stored.equals(body)).toBe(true);
  });

  test('an expired presigned URL is refused with 403', async () => {
    // Prepare: signed an hour ago, valid for a minute
    const key = 'tenant-a/objects/presigned-expired.bin';
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'x' }));
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: key }), {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 3_600_000),
    });

    // Act
    const response = await fetch(url);

    // Assess
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Request has expired');
  });

  test('PutObject with If-None-Match * creates a new key and answers 412 when the key exists', async () => {
    // Prepare
    const key = 'tenant-a/objects/conditional.bin';
    const first = Buffer.from('first');

    // Act
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: first, IfNoneMatch: '*' }));
    const second = client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'second', IfNoneMatch: '*' }));

    // Assess
    await expect(second).rejects.toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    const stored = await readBody(await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })));
    expect(stored.equals(first)).toBe(true);
  });

  test('of racing conditional PutObjects to one key exactly one succeeds', async () => {
    // Prepare
    const key = 'tenant-a/objects/race.bin';
    const bodies = Array.from({ length: 6 }, (_, i) => patternBytes(200_000, 100 + i));

    // Act
    const results = await Promise.allSettled(
      bodies.map((body) => client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, IfNoneMatch: '*' }))),
    );
    const stored = await readBody(await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })));

    // Assess
    const winners = results.flatMap((result, i) => (result.status === 'fulfilled' ? [i] : []));
    expect(winners).toHaveLength(1);
    expect(stored.equals(bodies[winners[0] ?? -1] ?? Buffer.alloc(0))).toBe(true);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ name: 'PreconditionFailed' });
    }
  });

  test('ListObjectsV2 pages through every key once, in order, with continuation tokens', async () => {
    // Prepare
    const prefix = 'tenant-b/listing/';
    const keys = Array.from({ length: 25 }, (_, i) => `${prefix}${String(i).padStart(3, '0')}.mp4`);
    await Promise.all(keys.map((key) => client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }))));

    // Act
    const pages: string[][] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, MaxKeys: 7, ContinuationToken: token }),
      );
      pages.push((page.Contents ?? []).map((object) => object.Key ?? ''));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);

    // Assess
    expect(pages.map((page) => page.length)).toEqual([7, 7, 7, 4]);
    expect(pages.flat()).toEqual(keys);
  });

  test('ListObjectsV2 with a delimiter rolls keys up into common prefixes', async () => {
    // Prepare
    const prefix = 'tenant-c/cams/';
    const keys = ['cam1/a.mp4', 'cam1/b.mp4', 'cam2/a.mp4', 'top.mp4'].map((key) => prefix + key);
    await Promise.all(keys.map((key) => client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'x' }))));

    // Act
    const listing = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, Delimiter: '/' }));

    // Assess
    expect(listing.CommonPrefixes?.map((entry) => entry.Prefix)).toEqual([`${prefix}cam1/`, `${prefix}cam2/`]);
    expect(listing.Contents?.map((object) => object.Key)).toEqual([`${prefix}top.mp4`]);
  });
});
