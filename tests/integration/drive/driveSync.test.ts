import { createHash } from 'node:crypto';
import { GetObjectCommand, ListMultipartUploadsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoSourceRepository } from '../../../adapters/dynamodb/dynamoSourceRepository';
import { makeTableContext } from '../../../adapters/dynamodb/tableContext';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import type { ApiClient } from '../../support/localStackHarness';
import { ApiClient as Client } from '../../support/localStackHarness';
import { connectGoogle, startGoogleStack, type GoogleStack } from '../../support/googleStack';
import type { RunView, SourceView, TrackedFileView } from '../../../core/api/sourcesApi';
import type { MeView } from '../../../core/api/authApi';

const md5 = (bytes: Buffer): string => createHash('md5').update(bytes).digest('hex');
const MiB = 1024 * 1024;

describe('Google Drive sync through the local stack', () => {
  let google: GoogleStack;
  let shop: ApiClient;
  let s3: S3Client;
  let sourceId: string;
  const contents = new Map<string, Buffer>();

  const files = async (): Promise<TrackedFileView[]> => (await shop.call<{ items: TrackedFileView[] }>('GET', `/api/sources/${sourceId}/files?limit=500`)).body.items;
  const runs = async (): Promise<RunView[]> => (await shop.call<{ items: RunView[] }>('GET', `/api/sources/${sourceId}/runs`)).body.items;
  const objectBytes = async (key: string): Promise<Buffer> => {
    const result = await s3.send(new GetObjectCommand({ Bucket: google.harness.stack.bucketName, Key: key }));
    return Buffer.from(await result.Body!.transformToByteArray());
  };
  const footageKeys = async (): Promise<string[]> => {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: google.harness.stack.bucketName }));
    return (listed.Contents ?? []).map((o) => o.Key ?? '').filter((k) => !k.includes('/_runs/'));
  };
  const orphanUploads = async (): Promise<number> =>
    ((await s3.send(new ListMultipartUploadsCommand({ Bucket: google.harness.stack.bucketName }))).Uploads ?? []).length;
  const add = (name: string, parentId: string, content: Buffer): string => {
    const id = google.fake.drive.addFile({ name, parentId, content });
    contents.set(id, content);
    return id;
  };

  let root: string;
  let day: string;
  let outside: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    google = await startGoogleStack();
    shop = (await new Client(google.harness.stack.url).signUp('owner@sync-shop.example', 'Sync Shop')).client;
    s3 = new S3Client(localClientConfig(google.harness.stack.endpoints.s3));
    const { drive } = google.fake;
    root = drive.addFolder({ name: 'Footage' });
    const cam1 = drive.addFolder({ name: 'Cam1', parentId: root });
    day = drive.addFolder({ name: '2025-07-18', parentId: cam1 });
    outside = drive.addFolder({ name: 'Not chosen' });
    ids = {
      a: add('Cam1_20250718_093000.mp4', day, Buffer.from('first clip bytes')),
      dupA: add('dup.mp4', day, Buffer.from('duplicate one')),
      dupB: add('dup.mp4', day, Buffer.from('duplicate two')),
      big: add('Cam1_20250718_100000.mp4', day, Buffer.alloc(19 * MiB, 7)),
      flat: add('Cam2_20250718_110000.mp4', root, Buffer.from('camera two')),
      linked: add('Cam3_20250718_120000.mp4', outside, Buffer.from('reached through a shortcut')),
    };
    drive.addShortcut({ name: 'Cam3_20250718_120000.mp4', parentId: root, targetId: ids.linked ?? '' });
    drive.addShortcut({ name: 'loop', parentId: day, targetId: root });
    drive.addFile({ name: 'Packing notes', parentId: root, mimeType: 'application/vnd.google-apps.document' });
  });
  afterAll(async () => {
    s3.destroy();
    await google.close();
  });

  it('first sync of a nested tree: every video stored byte-exact once, docs skipped with a reason, run stats exact', async () => {
    const connection = await connectGoogle(shop);
    const created = await shop.call<SourceView>('POST', '/api/sources', {
      type: 'google_drive',
      name: 'Drive footage',
      intervalMinutes: 15,
      config: { connectionId: connection.id, folderIds: [root], mapping: { layout: 'auto', timeZone: '+07:00', renames: {}, excluded: [] } },
    });
    expect(created.status).toBe(201);
    sourceId = created.body.id;
    await google.harness.stack.settle();

    const tracked = await files();
    const byId = new Map(tracked.map((f) => [f.providerFileId, f]));
    const [run] = await runs();

    for (const key of ['a', 'dupA', 'dupB', 'big', 'flat', 'linked'] as const) {
      const row = byId.get(ids[key] ?? '');
      expect(row?.status, key).toBe('done');
      expect(md5(await objectBytes(row?.s3Key ?? '')), key).toBe(md5(contents.get(ids[key] ?? '') ?? Buffer.alloc(0)));
    }
    expect(byId.get(ids.dupA ?? '')?.s3Key).not.toBe(byId.get(ids.dupB ?? '')?.s3Key);
    expect(byId.get(ids.a ?? '')).toMatchObject({ cameraId: 'cam1', recordingStartAt: '2025-07-18T02:30:00.000Z' });
    expect(byId.get(ids.a ?? '')?.s3Key).toMatch(/\/cam1\/2025-07-18\/Cam1_20250718_093000\.mp4$/);
    expect(tracked.find((f) => f.name === 'Packing notes')).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/not a video/) });
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'initial', filesDone: 6, filesFailed: 0, filesSkipped: 1 });
    expect(run?.bytes).toBe([...contents.values()].reduce((sum, b) => sum + b.length, 0));
    expect(await footageKeys()).toHaveLength(6);
    expect(await orphanUploads()).toBe(0);
    const everything = await s3.send(new ListObjectsV2Command({ Bucket: google.harness.stack.bucketName }));
    expect((everything.Contents ?? []).filter((o) => o.Key?.includes('/_runs/'))).toEqual([]);
  });

  it('a sync with no changes costs a handful of Drive calls and transfers nothing', async () => {
    google.fake.resetCounts();

    expect((await shop.call('POST', `/api/sources/${sourceId}/sync`)).status).toBe(202);
    await google.harness.stack.settle();

    const counts = google.fake.counts();
    const calls = Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
    expect(counts['changes.list']).toBe(1);
    expect(counts['files.get.media'] ?? 0).toBe(0);
    expect(calls).toBeLessThanOrEqual(5);
    expect((await runs())[0]).toMatchObject({ status: 'succeeded', trigger: 'manual', filesDone: 0 });
  });

  it('between syncs: new and moved-in files are transferred, a rename is not re-transferred, moved-out and trashed files are marked removed and their footage kept', async () => {
    const { drive } = google.fake;
    const fresh = add('Cam1_20250718_130000.mp4', day, Buffer.from('new after first sync'));
    const movedIn = add('Cam4_20250718_140000.mp4', outside, Buffer.from('moved in later'));
    drive.move(movedIn, root);
    drive.rename(ids.flat ?? '', 'Cam2_20250718_110000-renamed.mp4');
    drive.move(ids.dupA ?? '', outside);
    drive.trash(ids.dupB ?? '');
    const keysBefore = await footageKeys();

    await shop.call('POST', `/api/sources/${sourceId}/sync`);
    await google.harness.stack.settle();
    const byId = new Map((await files()).map((f) => [f.providerFileId, f]));
    const [run] = await runs();

    expect(byId.get(fresh)?.status).toBe('done');
    expect(byId.get(movedIn)?.status).toBe('done');
    expect(byId.get(ids.flat ?? '')).toMatchObject({ status: 'done', name: 'Cam2_20250718_110000-renamed.mp4' });
    expect(byId.get(ids.dupA ?? '')).toMatchObject({ status: 'removed', reason: 'moved out of the chosen folders' });
    expect(byId.get(ids.dupB ?? '')).toMatchObject({ status: 'removed', reason: 'moved to the trash in Google Drive' });
    expect(run).toMatchObject({ status: 'succeeded', filesDone: 2 });
    const keysAfter = await footageKeys();
    expect(keysAfter).toEqual(expect.arrayContaining(keysBefore));
    expect(keysAfter).toHaveLength(keysBefore.length + 2);
    expect(await orphanUploads()).toBe(0);
  });

  it('a folder moved out takes its files out of the source; moved back in, they are tracked again under the same key', async () => {
    const { drive } = google.fake;
    const cam1 = drive.addFolder({ name: 'Cam5', parentId: root });
    const inside = add('Cam5_20250718_150000.mp4', cam1, Buffer.from('cam five'));
    await shop.call('POST', `/api/sources/${sourceId}/sync`);
    await google.harness.stack.settle();
    expect((await files()).find((f) => f.providerFileId === inside)?.status).toBe('done');

    drive.move(cam1, outside);
    await shop.call('POST', `/api/sources/${sourceId}/sync`);
    await google.harness.stack.settle();
    const afterOut = (await files()).find((f) => f.providerFileId === inside);

    expect(afterOut).toMatchObject({ status: 'removed', reason: 'its folder was moved out of the chosen folders' });

    const keysBefore = await footageKeys();
    drive.move(cam1, root);
    await shop.call('POST', `/api/sources/${sourceId}/sync`);
    await google.harness.stack.settle();
    const afterIn = (await files()).find((f) => f.providerFileId === inside);

    expect(afterIn).toMatchObject({ status: 'done', s3Key: afterOut?.s3Key });
    expect(await footageKeys()).toEqual(keysBefore);
    expect(md5(await objectBytes(afterIn?.s3Key ?? ''))).toBe(md5(contents.get(inside) ?? Buffer.alloc(0)));
  });

  it('lists everything again when Drive refuses the saved cursor, and loses nothing', async () => {
    const late = add('Cam1_20250718_160000.mp4', day, Buffer.from('added while the cursor died'));
    google.fake.drive.expireChangeTokens();
    google.fake.resetCounts();

    await shop.call('POST', `/api/sources/${sourceId}/sync`);
    await google.harness.stack.settle();
    const row = (await files()).find((f) => f.providerFileId === late);
    const [run] = await runs();

    expect(row?.status).toBe('done');
    expect(run).toMatchObject({ status: 'succeeded', filesDone: 1 });
    expect(google.fake.counts()['files.list']).toBeGreaterThan(0);
    expect(await orphanUploads()).toBe(0);
  });

  it('a scheduled poll that finds nothing new reschedules the source without starting a sync run', async () => {
    const dynamo = new DynamoDBClient(localClientConfig(google.harness.stack.endpoints.dynamodb));
    const sources = new DynamoSourceRepository(makeTableContext({ tableName: google.harness.stack.tableName, client: dynamo }));
    const me = await shop.call<MeView>('GET', '/api/me');
    const makeDue = () => sources.update(me.body.tenantId, sourceId, { nextSyncAt: new Date(Date.now() - 1000).toISOString() }, new Date().toISOString());
    try {
      const runsBefore = (await runs()).length;
      await makeDue();
      google.fake.resetCounts();

      await google.harness.stack.dispatchNow();
      const idle = await shop.call<{ status: string; nextSyncAt: string }>('GET', `/api/sources/${sourceId}`);

      expect((await runs()).length).toBe(runsBefore);
      expect(google.fake.counts()['changes.list']).toBe(1);
      expect(idle.body.status).toBe('idle');
      expect(Date.parse(idle.body.nextSyncAt)).toBeGreaterThan(Date.now() + 14 * 60_000);

      const later = add('Cam1_20250718_170000.mp4', day, Buffer.from('found by the scheduler'));
      await makeDue();
      await google.harness.stack.dispatchNow();
      const [run] = await runs();

      expect((await runs()).length).toBe(runsBefore + 1);
      expect(run).toMatchObject({ trigger: 'schedule', status: 'succeeded', filesDone: 1 });
      expect((await files()).find((f) => f.providerFileId === later)?.status).toBe('done');
    } finally {
      dynamo.destroy();
    }
  });
});
