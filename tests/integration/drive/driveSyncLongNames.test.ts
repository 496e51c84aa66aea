import { createHash } from 'node:crypto';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { connectGoogle, startGoogleStack, type GoogleStack } from '../../support/googleStack';
import { ApiClient } from '../../support/localStackHarness';

interface FileView {
  providerFileId: string;
  name: string;
  status: string;
  s3Key: string | null;
}

const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');

describe('a Drive video with a very long name', () => {
  let google: GoogleStack;
  let shop: ApiClient;
  let other: ApiClient;

  beforeAll(async () => {
    google = await startGoogleStack();
    shop = (await new ApiClient(google.harness.stack.url).signUp('owner@long-names.example', 'Long Names')).client;
    other = (await new ApiClient(google.harness.stack.url).signUp('owner@neighbour.example', 'Neighbour')).client;
  });
  afterAll(() => google.close());

  it('is stored under a short stable key with its extension, keeps its name, and the stack stays up for every tenant', { timeout: 120_000 }, async () => {
    // Prepare: about 90 Vietnamese characters, over 255 bytes of UTF-8, twice with only the end differing.
    const folder = google.fake.drive.addFolder({ name: 'Kho hàng' });
    const stem = `Cam1_20250718_093000 ${'Đơn hàng của khách ở Hà Nội '.repeat(6)}`;
    const longA = `${stem}phần một.mp4`;
    const longB = `${stem}phần hai.mp4`;
    const bodyA = Buffer.from('long name one');
    const bodyB = Buffer.from('long name two');
    const idA = google.fake.drive.addFile({ name: longA, parentId: folder, content: bodyA });
    const idB = google.fake.drive.addFile({ name: longB, parentId: folder, content: bodyB });
    const { id: connectionId } = await connectGoogle(shop);

    // Act
    const created = await shop.call<{ id: string }>('POST', '/api/sources', {
      type: 'google_drive',
      name: 'Long names',
      intervalMinutes: 60,
      config: { connectionId, folderIds: [folder] },
    });
    await google.harness.stack.settle();

    // Assess
    const files = (await shop.call<{ items: FileView[] }>('GET', `/api/sources/${created.body.id}/files?limit=50`)).body.items;
    const byId = new Map(files.map((f) => [f.providerFileId, f]));
    const s3 = new S3Client(localClientConfig(google.harness.stack.endpoints.s3));
    try {
      for (const [id, name, body] of [[idA, longA, bodyA], [idB, longB, bodyB]] as const) {
        const row = byId.get(id);
        expect(Buffer.byteLength(name)).toBeGreaterThan(255);
        expect(row).toMatchObject({ status: 'done', name });
        const lastSegment = row?.s3Key?.split('/').pop() ?? '';
        expect(Buffer.byteLength(lastSegment)).toBeLessThanOrEqual(163);
        expect(lastSegment).toMatch(/^Cam1_20250718_093000 Đơn hàng .*\.mp4$/);
        const object = await s3.send(new GetObjectCommand({ Bucket: google.harness.stack.bucketName, Key: row?.s3Key ?? '' }));
        expect(md5(await object.Body!.transformToByteArray())).toBe(md5(body));
      }
      expect(byId.get(idA)?.s3Key).not.toBe(byId.get(idB)?.s3Key);
    } finally {
      s3.destroy();
    }
    const [run] = (await shop.call<{ items: { status: string; filesDone: number }[] }>('GET', `/api/sources/${created.body.id}/runs`)).body.items;
    expect(run).toMatchObject({ status: 'succeeded', filesDone: 2 });
    const health = await fetch(`${google.harness.stack.url}/api/health`);
    expect(health.status).toBe(200);
    expect((await other.call('GET', '/api/sources')).status).toBe(200);
  });
});
