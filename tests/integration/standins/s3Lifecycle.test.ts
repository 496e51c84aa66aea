import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { startS3StandIn, type S3StandInExit } from '../../../infra/local/s3/startS3StandIn';
import { patternBytes } from './support/bytes';
import { isListening, waitUntilClosed } from './support/isListening';
import { readBody } from './support/readBody';
import { makeTempDir, removeTempDir } from './support/tempDir';

const BUCKET = 'footage';
const HOLD_FIXTURE = fileURLToPath(new URL('./fixtures/holdS3StandIn.ts', import.meta.url));
// `--import tsx` resolves from the working directory: the repository root.
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('S3 stand-in: lifecycle', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await makeTempDir('s3-lifecycle');
  });

  afterAll(async () => {
    await removeTempDir(dataDir);
  });

  test('objects and uploads in progress survive a stop and a new start on the same dataDir', async () => {
    // Prepare
    const body = patternBytes(100_000, 21);
    const first = await startS3StandIn({ dataDir, buckets: [BUCKET] });
    const firstClient = new S3Client(localClientConfig(first.endpoint));
    await firstClient.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'tenant-a/kept.bin', Body: body }));
    const { UploadId } = await firstClient.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'tenant-a/resumable.bin' }),
    );
    firstClient.destroy();
    await first.stop();

    // Act
    const second = await startS3StandIn({ dataDir, buckets: [BUCKET] });
    const client = new S3Client(localClientConfig(second.endpoint));
    try {
      const stored = await readBody(await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'tenant-a/kept.bin' })));
      const listing = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
      const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));

      // Assess
      expect(stored.equals(body)).toBe(true);
      expect(listing.Contents?.map((object) => object.Key)).toEqual(['tenant-a/kept.bin']);
      expect(uploads.Uploads?.map((upload) => upload.UploadId)).toEqual([UploadId]);
    } finally {
      client.destroy();
      await second.stop();
    }
  });

  test('stop closes the port and a second stop is harmless', async () => {
    // Prepare
    const s3 = await startS3StandIn({ dataDir, buckets: [BUCKET] });
    const wasListening = await isListening(s3.endpoint);

    // Act
    await s3.stop();
    await s3.stop();

    // Assess
    expect(wasListening).toBe(true);
    expect(await isListening(s3.endpoint)).toBe(false);
  });

  test('the stand-in child process ends when its parent is killed without stop()', async () => {
    // Prepare
    const parent = spawn(process.execPath, ['--import', 'tsx', HOLD_FIXTURE, dataDir], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [endpoint] = (await once(createInterface({ input: parent.stdout }), 'line')) as [string];
    const wasListening = await isListening(endpoint);

    // Act
    parent.kill('SIGKILL');
    await once(parent, 'exit');

    // Assess
    expect(wasListening).toBe(true);
    expect(await waitUntilClosed(endpoint, 10_000)).toBe(true);
  });

  test('starting on a port that is taken fails with a clear error', async () => {
    // Prepare
    const running = await startS3StandIn({ dataDir, buckets: [BUCKET] });
    const port = Number(new URL(running.endpoint).port);

    // Act
    const clash = startS3StandIn({ dataDir, port, buckets: [BUCKET] });

    // Assess
    await expect(clash).rejects.toThrow(/S3 stand-in failed to start: .*EADDRINUSE/);
    await running.stop();
  });

  test('a key segment too long for a file name is refused with KeyTooLongError and the stand-in keeps serving', async () => {
    // Prepare: about 80 Vietnamese characters, over 255 bytes of UTF-8 (it used to kill the stand-in).
    const s3 = await startS3StandIn({ dataDir, buckets: [BUCKET] });
    const client = new S3Client(localClientConfig(s3.endpoint));
    const longName = `${'Đơn hàng của khách '.repeat(11)}.mp4`;
    try {
      // Act
      const refused = await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `tenant-a/${longName}`, Body: 'x' })).catch((error: unknown) => error);
      const upload = await client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: `tenant-a/${longName}` })).catch((error: unknown) => error);
      const afterwards = await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'tenant-a/after-long.bin', Body: 'still here' }));

      // Assess
      expect(Buffer.byteLength(longName)).toBeGreaterThan(255);
      expect(refused).toMatchObject({ name: 'KeyTooLongError', $metadata: { httpStatusCode: 400 } });
      expect(upload).toMatchObject({ name: 'KeyTooLongError' });
      expect(afterwards.ETag).toBeTruthy();
    } finally {
      client.destroy();
      await s3.stop();
    }
  });

  test('a stand-in child that dies is restarted on the same endpoint with its data, and the exit is reported', async () => {
    // Prepare
    const exits: S3StandInExit[] = [];
    const s3 = await startS3StandIn({ dataDir, buckets: [BUCKET], onUnexpectedExit: (exit) => exits.push(exit) });
    const client = new S3Client(localClientConfig(s3.endpoint));
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'tenant-a/before-crash.bin', Body: 'kept' }));
    const firstPid = s3.pid;
    try {
      // Act
      process.kill(firstPid ?? 0, 'SIGKILL');
      await vi.waitFor(() => expect(exits).toHaveLength(1), { timeout: 20_000, interval: 100 });
      const stored = await readBody(await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'tenant-a/before-crash.bin' })));

      // Assess
      expect(exits[0]).toMatchObject({ signal: 'SIGKILL', restarted: true });
      expect(s3.pid).toBeDefined();
      expect(s3.pid).not.toBe(firstPid);
      expect(stored.toString()).toBe('kept');
    } finally {
      client.destroy();
      await s3.stop();
    }
    expect(await isListening(s3.endpoint)).toBe(false);
  });
});
