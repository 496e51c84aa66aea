import { createHash } from 'node:crypto';
import { GetObjectCommand, ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { StartExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { localStateMachineArn } from '../../../infra/local/stepfunctions/localArns';
import { connectGoogle, startGoogleStack, type GoogleStack } from '../../support/googleStack';
import { ApiClient } from '../../support/localStackHarness';
import type { RunView, SourceView, TrackedFileView } from '../../../core/api/sourcesApi';
import type { MeView } from '../../../core/api/authApi';

const MiB = 1024 * 1024;
const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');

describe('Google Drive sync under faults', () => {
  let google: GoogleStack;
  let shop: ApiClient;
  let s3: S3Client;
  let connectionId: string;
  let tenantId: string;

  beforeAll(async () => {
    google = await startGoogleStack();
    shop = (await new ApiClient(google.harness.stack.url).signUp('owner@faults.example', 'Faults Shop')).client;
    connectionId = (await connectGoogle(shop)).id;
    tenantId = (await shop.call<MeView>('GET', '/api/me')).body.tenantId;
    s3 = new S3Client(localClientConfig(google.harness.stack.endpoints.s3));
  });
  afterAll(async () => {
    s3.destroy();
    await google.close();
  });

  async function createSource(folderId: string): Promise<string> {
    const created = await shop.call<SourceView>('POST', '/api/sources', {
      type: 'google_drive',
      name: `Faults ${folderId}`,
      intervalMinutes: 60,
      config: { connectionId, folderIds: [folderId] },
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }
  const filesOf = async (sourceId: string): Promise<TrackedFileView[]> =>
    (await shop.call<{ items: TrackedFileView[] }>('GET', `/api/sources/${sourceId}/files?limit=500`)).body.items;
  const lastRun = async (sourceId: string): Promise<RunView | undefined> =>
    (await shop.call<{ items: RunView[] }>('GET', `/api/sources/${sourceId}/runs`)).body.items[0];
  const objectMd5 = async (key: string): Promise<string> => {
    const result = await s3.send(new GetObjectCommand({ Bucket: google.harness.stack.bucketName, Key: key }));
    return md5(await result.Body!.transformToByteArray());
  };
  const orphanUploads = async (): Promise<number> =>
    ((await s3.send(new ListMultipartUploadsCommand({ Bucket: google.harness.stack.bucketName }))).Uploads ?? []).length;

  it('rides out rate limits and 5xx while listing, and stores everything', async () => {
    const folder = google.fake.drive.addFolder({ name: 'Throttled' });
    for (let i = 0; i < 3; i += 1) google.fake.drive.addFile({ name: `Cam1_20250718_09000${i}.mp4`, parentId: folder, content: Buffer.from(`clip ${i}`) });
    google.fake.faults.add({ match: { operation: 'files.list' }, respond: { status: 403, reason: 'userRateLimitExceeded' } });
    google.fake.faults.add({ match: { operation: 'files.list' }, respond: { status: 429, retryAfterSeconds: 0 } });
    google.fake.faults.add({ match: { operation: 'files.get.media' }, respond: { status: 503, reason: 'backendError' } });

    const sourceId = await createSource(folder);
    await google.harness.stack.settle();

    expect((await filesOf(sourceId)).map((f) => f.status)).toEqual(['done', 'done', 'done']);
    expect(await lastRun(sourceId)).toMatchObject({ status: 'succeeded', filesDone: 3, filesFailed: 0 });
    expect(google.fake.faults.pending()).toBe(0);
  });

  it('resumes a download cut mid-body from the first missing part, not from zero', async () => {
    const folder = google.fake.drive.addFolder({ name: 'Reset' });
    const content = Buffer.alloc(19 * MiB);
    for (let i = 0; i < content.length; i += 4096) content.writeUInt32LE(i, i);
    const id = google.fake.drive.addFile({ name: 'Cam1_20250718_100000.mp4', parentId: folder, content });
    google.fake.faults.add({ match: { operation: 'files.get.media', fileId: id }, respond: { resetAfterBytes: 12 * MiB } });

    const sourceId = await createSource(folder);
    await google.harness.stack.settle();
    const [row] = await filesOf(sourceId);
    const media = google.fake.requests.filter((r) => r.operation === 'files.get.media' && r.fileId === id);

    expect(row?.status).toBe('done');
    expect(await objectMd5(row?.s3Key ?? '')).toBe(md5(content));
    expect(media).toHaveLength(2);
    expect(media[1]?.bytesSent).toBe(content.length - 8 * MiB);
    expect(await orphanUploads()).toBe(0);
  });

  it('fails a file whose bytes never match Drive\'s md5 after its attempts, with the reason, and lets the rest through', async () => {
    const folder = google.fake.drive.addFolder({ name: 'Corrupt' });
    const bad = google.fake.drive.addFile({ name: 'Cam1_20250718_110000.mp4', parentId: folder, content: Buffer.from('bytes that do not match') });
    google.fake.drive.addFile({ name: 'Cam1_20250718_110100.mp4', parentId: folder, content: Buffer.from('good bytes') });
    google.fake.drive.setWrongMd5(bad);

    const sourceId = await createSource(folder);
    await google.harness.stack.settle();
    const rows = await filesOf(sourceId);
    const failed = rows.find((f) => f.providerFileId === bad);

    expect(failed).toMatchObject({ status: 'failed', attempts: 3, s3Key: expect.any(String) });
    expect(failed?.lastError).toMatch(/checksum mismatch/);
    expect(rows.filter((f) => f.status === 'done')).toHaveLength(1);
    expect(await lastRun(sourceId)).toMatchObject({ status: 'succeeded', outcome: 'finished_with_problems', filesDone: 1, filesFailed: 1 });
    await expect(objectMd5(failed?.s3Key ?? '')).rejects.toThrow();
    expect(await orphanUploads()).toBe(0);
  });

  it('records a quota-blocked download as failed with the reason after one try', async () => {
    const folder = google.fake.drive.addFolder({ name: 'Quota' });
    const id = google.fake.drive.addFile({ name: 'Cam1_20250718_120000.mp4', parentId: folder, content: Buffer.from('blocked') });
    google.fake.faults.add({ match: { operation: 'files.get.media', fileId: id }, times: 10, respond: { status: 403, reason: 'downloadQuotaExceeded' } });

    const sourceId = await createSource(folder);
    await google.harness.stack.settle();
    const [row] = await filesOf(sourceId);

    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row?.lastError).toMatch(/downloadQuotaExceeded/);
    expect(google.fake.requests.filter((r) => r.operation === 'files.get.media' && r.fileId === id)).toHaveLength(1);
    google.fake.faults.clear();
  });

  it('transfers each file once when two syncs of one source overlap', async () => {
    const folder = google.fake.drive.addFolder({ name: 'Overlap' });
    const ids = Array.from({ length: 8 }, (_, i) =>
      google.fake.drive.addFile({ name: `Cam1_20250718_1300${String(i).padStart(2, '0')}.mp4`, parentId: folder, content: Buffer.from(`overlap ${i}`) }),
    );
    const sourceId = await createSource(folder);
    await google.harness.stack.settle();
    for (let i = 0; i < 8; i += 1) google.fake.drive.updateContent(ids[i] ?? '', Buffer.from(`overlap ${i} v2`));
    google.fake.resetCounts();
    const sfn = new SFNClient(localClientConfig(google.harness.stack.endpoints.stepFunctions));

    try {
      await Promise.all(
        ['run_overlap_a', 'run_overlap_b'].map((runId) =>
          sfn.send(
            new StartExecutionCommand({
              stateMachineArn: localStateMachineArn('sync-source'),
              name: runId,
              input: JSON.stringify({ tenantId, sourceId, runId, trigger: 'manual' }),
            }),
          ),
        ),
      );
      await google.harness.stack.settle();
    } finally {
      sfn.destroy();
    }
    const rows = await filesOf(sourceId);

    expect(rows.map((r) => r.status)).toEqual(Array(8).fill('done'));
    expect(google.fake.counts()['files.get.media']).toBe(8);
    for (const [i, row] of rows.entries()) {
      const index = ids.indexOf(row.providerFileId);
      expect(await objectMd5(row.s3Key ?? ''), String(i)).toBe(md5(Buffer.from(`overlap ${index} v2`)));
    }
  });
});
