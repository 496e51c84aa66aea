/**
 * Per-camera read counters from real cloud processing: Drive footage (the
 * shared fixture, named for today) and a file that is no video are synced and
 * processed on the local stack; the camera's day counts the files, the orders
 * read, the undecodable file and the footage seconds, a second sync adds
 * nothing, and the Drive camera appears in camera health by its source.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCameraReadCounters } from '../../../adapters/dynamodb/dynamoCameraReadCounters';
import { DynamoEventRepository } from '../../../adapters/dynamodb/dynamoEventRepository';
import { makeTableContext } from '../../../adapters/dynamodb/tableContext';
import type { MeView } from '../../../core/api/authApi';
import type { CamerasHealthView } from '../../../core/api/cameraHealthApi';
import type { SourceView } from '../../../core/api/sourcesApi';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { connectGoogle, startGoogleStack, type GoogleStack } from '../../support/googleStack';
import { ApiClient } from '../../support/localStackHarness';
import { sharedFixtures } from './helpers/paths';
import { readTruth } from './helpers/truth';

const MINUTES = 60_000;
const truth = readTruth(join(sharedFixtures, 'Cam1_20250718_093000.truth.json'));

describe('camera read counters from cloud processing', () => {
  let google: GoogleStack;
  let shop: ApiClient;
  let tenantId: string;
  let sourceId: string;
  let dynamo: DynamoDBClient;
  let counters: DynamoCameraReadCounters;
  let events: DynamoEventRepository;
  // The footage day: 09:30 at +07:00 is 02:30 UTC the same day.
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    google = await startGoogleStack();
    shop = (await new ApiClient(google.harness.stack.url).signUp('owner@read-counts.example', 'Kho Đếm Mã')).client;
    tenantId = (await shop.call<MeView>('GET', '/api/me')).body.tenantId;
    dynamo = new DynamoDBClient(localClientConfig(google.harness.stack.endpoints.dynamodb));
    const table = makeTableContext({ tableName: google.harness.stack.tableName, client: dynamo });
    counters = new DynamoCameraReadCounters(table);
    events = new DynamoEventRepository(table);
    const folder = google.fake.drive.addFolder({ name: 'Quầy đóng gói 1' });
    const stamp = today.replaceAll('-', '');
    google.fake.drive.addFile({ name: `Cam1_${stamp}_093000.mp4`, parentId: folder, content: readFileSync(join(sharedFixtures, truth.files[0]!.name)) });
    google.fake.drive.addFile({ name: `Cam1_${stamp}_100000.mp4`, parentId: folder, content: Buffer.from('not a video, whatever the name says') });
    const connection = await connectGoogle(shop);
    const created = await shop.call<SourceView>('POST', '/api/sources', {
      type: 'google_drive',
      name: 'Quầy Drive',
      intervalMinutes: 15,
      config: { connectionId: connection.id, folderIds: [folder], mapping: { layout: 'flat', timeZone: '+07:00', renames: {}, excluded: [] }, processing: { enabled: true } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    sourceId = created.body.id;
    await google.harness.stack.settle();
  }, 10 * MINUTES);

  afterAll(async () => {
    dynamo.destroy();
    await google.close();
  }, 5 * MINUTES);

  it("counts each processed file once on its camera's day: files, orders read, the undecodable file and footage seconds", async () => {
    const stored = await events.listByCamera({ tenantId, sourceId, cameraId: 'cam1', from: `${today}T00:00:00.000Z`, to: `${today}T23:59:59.999Z` }, 1000);
    expect(stored.length).toBeGreaterThan(0);
    const expected = { sourceId, cameraId: 'cam1', agentId: null, day: today, files: 2, codes: stored.length, failures: 1, footageSec: 90 };
    expect(await counters.days(tenantId, today, today)).toEqual([expected]);

    // Synced again: nothing new, nothing counted twice.
    expect((await shop.call('POST', `/api/sources/${sourceId}/sync`)).status).toBe(202);
    await google.harness.stack.settle();
    expect(await counters.days(tenantId, today, today)).toEqual([expected]);

    const health = await shop.call<CamerasHealthView>('GET', '/api/cameras/health');
    expect(health.body.cameras).toEqual([
      expect.objectContaining({ key: `source:${sourceId}/cam1`, cameraId: 'cam1', placeName: 'Quầy Drive', agentId: null, sourceId, health: expect.objectContaining({ status: 'ok' }) as unknown }),
    ]);
  }, 5 * MINUTES);
});
