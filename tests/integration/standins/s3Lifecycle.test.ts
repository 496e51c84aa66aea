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
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { startS3StandIn } from '../../../infra/local/s3/startS3StandIn';
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
});
