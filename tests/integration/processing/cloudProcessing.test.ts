import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoEventRepository } from '../../../adapters/dynamodb/dynamoEventRepository';
import { DynamoFileProcessingRepository } from '../../../adapters/dynamodb/dynamoFileProcessingRepository';
import { makeTableContext } from '../../../adapters/dynamodb/tableContext';
import type { RunView, SourceView, TrackedFilesPageView } from '../../../core/api/sourcesApi';
import type { ParcelEvent } from '../../../core/events/parcelEvent';
import type { EventRecord } from '../../../core/processing/events/toEventRecord';
import type { GoogleStack } from '../../support/googleStack';
import type { ApiClient } from '../../support/localStackHarness';
import { openProcessingShop } from '../../support/processingShop';
import { sharedFixtures, tmpRoot } from './helpers/paths';
import { runVtrack } from './helpers/runVtrack';
import { compareWithTruth, readTruth } from './helpers/truth';

const truth = readTruth(join(sharedFixtures, 'Cam1_20250718_093000.truth.json'));
const [first, second] = truth.files.map((f) => readFileSync(join(sharedFixtures, f.name)));
const spanning = truth.orders.find((o) => o.files.length === 2)!;
const MINUTES = 60_000;

/** A camera recording interrupted while being written: MP4 with its index at the end (no faststart), cut at a third. */
function cutOffRecording(mp4: Buffer): Buffer {
  const dir = resolve(tmpRoot, 'cut-off');
  mkdirSync(dir, { recursive: true });
  const whole = join(dir, 'whole.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', join(sharedFixtures, truth.files[1]!.name), '-c', 'copy', '-movflags', '-faststart', whole]);
  const bytes = readFileSync(whole);
  expect(bytes.indexOf('moov'), 'the index is after the media').toBeGreaterThan(bytes.indexOf('mdat'));
  return bytes.subarray(0, Math.floor(mp4.length / 3));
}

/**
 * Footage synced from a Drive folder (the protocol fake serving the shared
 * fixtures) is processed in the cloud path — the sync-source machine's
 * PlanProcessing and ProcessCamera tasks on the local stack, ffmpeg reading S3
 * through presigned URLs — into events in DynamoDB and clips in S3.
 */
describe('cloud processing of synced footage on the local stack', () => {
  let google: GoogleStack;
  let shop: ApiClient;
  let tenantId: string;
  let sourceId: string;
  let folder: string;
  let s3: S3Client;
  let dynamo: DynamoDBClient;
  let events: DynamoEventRepository;
  let records: DynamoFileProcessingRepository;
  let close: () => Promise<void>;

  const allEvents = async (): Promise<ParcelEvent[]> =>
    [...(await events.listByCamera({ tenantId, sourceId, cameraId: 'cam1', from: '2025-07-18T00:00:00.000Z', to: '2025-07-19T00:00:00.000Z' }, 1000))];
  const sync = async (): Promise<RunView> => {
    expect((await shop.call('POST', `/api/sources/${sourceId}/sync`)).status).toBe(202);
    await google.harness.stack.settle();
    return (await shop.call<{ items: RunView[] }>('GET', `/api/sources/${sourceId}/runs`)).body.items[0]!;
  };

  beforeAll(async () => {
    let dynamoBase: DynamoDBClient;
    ({ google, shop, tenantId, sourceId, folder, s3, dynamoBase, close } = await openProcessingShop({
      email: 'owner@processing-shop.example',
      shopName: 'Processing Shop',
      sourceName: 'Packing station',
      // Prepare: the first file alone, and a file that is not a video at all.
      firstVideo: { name: truth.files[0]!.name, content: first! },
    }));
    dynamo = dynamoBase;
    const table = makeTableContext({ tableName: google.harness.stack.tableName, client: dynamo });
    events = new DynamoEventRepository(table);
    records = new DynamoFileProcessingRepository(table);
  }, 10 * MINUTES);

  afterAll(() => close(), 5 * MINUTES);

  it('processes the first file: its orders are stored with their codes and clips, the broken file is unprocessable with the reason', async () => {
    const stored = await allEvents();
    const inFirst = truth.orders.filter((o) => o.files.length === 1 && o.files[0] === truth.files[0]!.name);
    for (const order of inFirst) expect((await events.findByCode(tenantId, order.code, 10)).map((e) => e.trackingCodes), order.code).toEqual([[order.code]]);
    const half = stored.find((e) => e.trackingCodes.includes(spanning.code));
    expect(half?.files.map((f) => f.name)).toEqual([truth.files[0]!.name]);
    for (const event of stored) {
      expect(event.clip, event.id).toMatchObject({ state: 'ready', s3Key: `${tenantId}/${sourceId}/_clips/${event.id}.mp4` });
      const clip = await s3.send(new GetObjectCommand({ Bucket: google.harness.stack.bucketName, Key: event.clip.s3Key!, Range: 'bytes=0-63' }));
      const head = Buffer.from(await clip.Body!.transformToByteArray());
      expect(head.subarray(4, 8).toString(), 'faststart: the index comes first').toBe('ftyp');
    }
    const byFile = await records.listBySource(tenantId, sourceId);
    expect(byFile.map((r) => r.state).sort()).toEqual(['processed', 'unprocessable']);
    const broken = byFile.find((r) => r.state === 'unprocessable')!;
    expect(broken.reason).toMatch(/Cam1_20250718_100000\.mp4/);
    expect(broken.reason).not.toMatch(/X-Amz-|https?:/);
  }, 5 * MINUTES);

  it('a neighbour arriving later joins the order across the boundary into one event, and a truncated file is unprocessable while the rest go on', async () => {
    // Prepare: the second file, and a recording cut off mid-write (index at the end, never written)
    google.fake.drive.addFile({ name: truth.files[1]!.name, parentId: folder, content: second! });
    const truncatedId = google.fake.drive.addFile({ name: 'Cam1_20250718_093300.mp4', parentId: folder, content: cutOffRecording(second!) });

    // Act
    const run = await sync();

    // Assess
    expect(run).toMatchObject({ status: 'succeeded', processing: { todo: 2, processed: 1, unprocessable: 1 } });
    expect(run.processing?.events).toBeGreaterThan(0);
    const stored = await allEvents();
    expect(compareWithTruth(stored, truth.orders)).toEqual([]);
    expect(stored).toHaveLength(truth.orders.length);
    const joined = await events.findByCode(tenantId, spanning.code, 10);
    expect(joined).toHaveLength(1);
    expect(joined[0]!.files.map((f) => f.name)).toEqual(spanning.files);
    expect(joined[0]!.clip.state).toBe('ready');
    const byName = new Map((await records.listBySource(tenantId, sourceId)).map((r) => [r.providerFileId, r]));
    expect(byName.get(truncatedId)).toMatchObject({ state: 'unprocessable', reason: expect.stringMatching(/Cam1_20250718_093300\.mp4/) });
    const clipKeys = ((await s3.send(new ListObjectsV2Command({ Bucket: google.harness.stack.bucketName, Prefix: `${tenantId}/${sourceId}/_clips/` }))).Contents ?? []).map((o) => o.Key);
    expect(clipKeys.sort(), 'the half event\'s clip went with it').toEqual(stored.map((e) => e.clip.s3Key).sort());
    // The source page's file list says which stored file could not be read, and how many orders the others held.
    const listed = new Map((await shop.call<TrackedFilesPageView>('GET', `/api/sources/${sourceId}/files`)).body.items.map((f) => [f.providerFileId, f]));
    expect(listed.get(truncatedId)).toMatchObject({ status: 'done', processing: { state: 'unprocessable', orders: 0, detail: expect.stringMatching(/Cam1_20250718_093300\.mp4/) } });
    const readable = [...listed.values()].filter((f) => f.providerFileId !== truncatedId && f.processing?.state === 'processed');
    expect(readable.reduce((sum, f) => sum + (f.processing?.orders ?? 0), 0)).toBe(stored.length);
  }, 5 * MINUTES);

  it('processing the same footage again writes the same events, no duplicates', async () => {
    // Prepare
    const before = await allEvents();
    await records.deleteBySource(tenantId, sourceId);

    // Act
    await sync();

    // Assess
    const after = await allEvents();
    expect(after.map((e) => e.id)).toEqual(before.map((e) => e.id));
    for (const order of truth.orders) expect(await events.findByCode(tenantId, order.code, 10), order.code).toHaveLength(1);
  }, 5 * MINUTES);

  it('turning processing on for a source with stored footage processes it, with progress in the run history; bad settings are refused naming the field', async () => {
    // Prepare: a second source over a copy of the first file, synced with processing off
    const other = google.fake.drive.addFolder({ name: 'Station 2' });
    google.fake.drive.addFile({ name: truth.files[0]!.name, parentId: other, content: first! });
    const connection = (await shop.call<{ items: { id: string }[] }>('GET', '/api/google/connections')).body.items[0]!;
    const config = { connectionId: connection.id, folderIds: [other], mapping: { layout: 'flat', timeZone: '+07:00', renames: {}, excluded: [] } };
    const created = await shop.call<SourceView>('POST', '/api/sources', { type: 'google_drive', name: 'Station 2', intervalMinutes: 15, config });
    await google.harness.stack.settle();
    const otherWindow = { tenantId, sourceId: created.body.id, cameraId: 'cam1', from: '2025-07-18T00:00:00.000Z', to: '2025-07-19T00:00:00.000Z' };
    const before = await events.listByCamera(otherWindow, 100);

    // Act
    const refused = await shop.call<{ error: { field: string } }>('PATCH', `/api/sources/${created.body.id}`, { config: { ...config, processing: { enabled: true, maxPackingSec: 5 } } });
    const enabled = await shop.call<SourceView>('PATCH', `/api/sources/${created.body.id}`, { config: { ...config, processing: { enabled: true, preBufferSec: 3 } } });
    await google.harness.stack.settle();
    const renamed = await shop.call<SourceView>('PATCH', `/api/sources/${created.body.id}`, { config: { ...config, mapping: { ...config.mapping, renames: { cam1: 'Bàn 2' } } } });
    const runs = (await shop.call<{ items: RunView[] }>('GET', `/api/sources/${created.body.id}/runs`)).body.items;

    // Assess
    expect(before).toEqual([]);
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe('config.processing.maxPackingSec');
    expect(enabled.status).toBe(200);
    const after = await events.listByCamera(otherWindow, 100);
    expect(after.map((e) => e.trackingCodes[0]).sort()).toEqual((await allEvents()).filter((e) => e.files[0]!.name === truth.files[0]!.name).map((e) => e.trackingCodes[0]).sort());
    expect(runs[0]).toMatchObject({ trigger: 'manual', status: 'succeeded', processing: { todo: 1, processed: 1, unprocessable: 0, events: after.length } });
    expect(runs[1]).toMatchObject({ trigger: 'initial', processing: null });
    expect(renamed.body.config).toMatchObject({ processing: { enabled: true, preBufferSec: 3 } });
  }, 5 * MINUTES);

  it('reads exactly as the CLI does on the same files', async () => {
    // Act: the real `vtrack process` on the same two files
    const outDir = resolve(tmpRoot, 'out-cloud-vs-cli');
    rmSync(outDir, { recursive: true, force: true });
    const cli = await runVtrack(['process', ...truth.files.map((f) => join(sharedFixtures, f.name)), '--out', outDir, '--tz', '+07:00', '--clips', 'none'], process.env, 5 * MINUTES);
    expect(cli.code, cli.stderr).toBe(0);
    const cliEvents = (JSON.parse(readFileSync(join(outDir, 'events.json'), 'utf8')) as { events: EventRecord[] }).events;

    // Assess: same orders, same codes, same times to the millisecond
    const shape = (e: { trackingCodes: readonly string[]; start: string; end: string }) => `${e.trackingCodes.join('+')} ${e.start} ${e.end}`;
    expect((await allEvents()).map(shape).sort()).toEqual(cliEvents.map(shape).sort());
  }, 5 * MINUTES);
});
