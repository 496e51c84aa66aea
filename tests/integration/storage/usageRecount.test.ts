import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectTaggingCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackedFilesPageView } from '../../../core/api/sourcesApi';
import type { StorageView } from '../../../core/api/storageApi';
import type { CodeSearchView, EventView } from '../../../core/api/eventsApi';
import type { GoogleStack } from '../../support/googleStack';
import type { ApiClient } from '../../support/localStackHarness';
import { openProcessingShop } from '../../support/processingShop';
import { sharedFixtures } from '../processing/helpers/paths';
import { readTruth } from '../processing/helpers/truth';
import { recountBucket } from './support/recountBucket';

const truth = readTruth(join(sharedFixtures, 'Cam1_20250718_093000.truth.json'));
const [first, second] = truth.files.map((f) => readFileSync(join(sharedFixtures, f.name)));
const MINUTES = 60_000;
const DAY = 86_400_000;

interface Recount {
  footageBytes: number;
  footageFiles: number;
  clipBytes: number;
  clipFiles: number;
}

/**
 * The usage counters are kept as objects are stored and expire, never by
 * listing the bucket; here the test lists it (the one place that may) after
 * each kind of change on the whole local stack and finds the same figures.
 */
describe('usage counters equal a full recount of the bucket', () => {
  let google: GoogleStack;
  let shop: ApiClient;
  let tenantId: string;
  let sourceId: string;
  let folder: string;
  let s3: S3Client;
  let close: () => Promise<void>;
  const started = Date.now();

  const recount = (): Promise<Recount> => recountBucket(s3, google.harness.stack.bucketName, tenantId);
  const usage = async (): Promise<StorageView> => (await shop.call<StorageView>('GET', '/api/storage')).body;
  const sync = async (): Promise<void> => {
    expect((await shop.call('POST', `/api/sources/${sourceId}/sync`)).status).toBe(202);
    await google.harness.stack.settle();
  };
  const expectCountersToMatch = async (): Promise<StorageView> => {
    const view = await usage();
    const counted = await recount();
    expect(view.totals).toEqual(counted);
    // Per camera, the same: footage under cam1, clips cut from it.
    const camera = view.cameras.filter((c) => c.sourceId === sourceId).reduce((sum, c) => sum + c.footageBytes + c.clipBytes, 0);
    expect(camera).toBe(counted.footageBytes + counted.clipBytes);
    expect(view.series.at(-1)?.bytes).toBe(counted.footageBytes + counted.clipBytes);
    return view;
  };

  beforeAll(async () => {
    ({ google, shop, tenantId, sourceId, folder, s3, close } = await openProcessingShop({
      email: 'owner@recount-shop.example',
      shopName: 'Cửa hàng Đếm Lại',
      sourceName: 'Quầy 1',
      firstVideo: { name: truth.files[0]!.name, content: first! },
      // The tenant chooses before anything is stored.
      beforeSource: async ({ shop: owner }) => {
        expect((await owner.call('PATCH', '/api/storage', { retention: { footageDays: 14, clipDays: 180 } })).status).toBe(200);
      },
    }));
  }, 10 * MINUTES);

  afterAll(() => close(), 5 * MINUTES);

  it('after the first sync and its processing: footage and clips counted, each tagged with the chosen retention', async () => {
    const view = await expectCountersToMatch();
    expect(view.totals.footageFiles).toBe(2);
    expect(view.totals.clipFiles).toBeGreaterThan(0);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: google.harness.stack.bucketName, Prefix: `${tenantId}/${sourceId}/` }));
    const tags = new Map<string, string | undefined>();
    for (const object of listed.Contents ?? []) {
      if (object.Key!.includes('/_runs/')) continue;
      const tagging = await s3.send(new GetObjectTaggingCommand({ Bucket: google.harness.stack.bucketName, Key: object.Key! }));
      tags.set(object.Key!, tagging.TagSet?.find((tag) => tag.Key === 'vt-retain')?.Value);
    }
    for (const [key, tag] of tags) expect(tag, key).toBe(key.includes('/_clips/') ? 'clip-180d' : 'footage-14d');
    expect(view.savings.footageBytesPerDay).toBeGreaterThan(0);
  }, 5 * MINUTES);

  it('after re-processing (a neighbour arrives and the boundary order is cut again): still equal', async () => {
    // Act
    google.fake.drive.addFile({ name: truth.files[1]!.name, parentId: folder, content: second! });
    await sync();

    // Assess
    const view = await expectCountersToMatch();
    expect(view.totals.footageFiles).toBe(3);
  }, 10 * MINUTES);

  it('after expiry by the lifecycle sweeper: the footage is gone, its files say expired, clips stay; a kept clip outlives its retention', async () => {
    // Prepare: a dispute on one order.
    const found = await shop.call<CodeSearchView>('POST', '/api/events/search', { codes: [truth.orders[0]!.code] });
    const disputed = found.body.found[0]!.events[0]!;
    expect((await shop.call('PUT', `/api/events/${disputed.id}/keep`, { keep: true, reason: 'khách báo thiếu hàng' })).status).toBe(200);

    // Act: 15 days on, footage (14 days) expires.
    const afterFootage = await google.harness.stack.sweepNow(new Date(started + 15 * DAY));

    // Assess
    expect(afterFootage.deleted.length).toBe(3);
    const view = await expectCountersToMatch();
    expect(view.totals.footageFiles).toBe(0);
    const files = (await shop.call<TrackedFilesPageView>('GET', `/api/sources/${sourceId}/files`)).body.items;
    expect(files.map((file) => file.status)).toEqual(['expired', 'expired', 'expired']);

    // Act: 200 days on, clips (180 days) expire, except the disputed one.
    await google.harness.stack.sweepNow(new Date(started + 200 * DAY));

    // Assess
    const later = await expectCountersToMatch();
    expect(later.totals.clipFiles).toBe(1);
    expect((await shop.call<EventView>('GET', `/api/events/${disputed.id}`)).body.clipState).toBe('ready');
  }, 10 * MINUTES);

  it('after deleting the source with its footage: nothing left, nothing counted', async () => {
    // Act
    expect((await shop.call('DELETE', `/api/sources/${sourceId}?keepFootage=false`)).status).toBeLessThan(300);
    for (let tick = 0; tick < 5 && (await shop.call('GET', `/api/sources/${sourceId}`)).status !== 404; tick += 1) await google.harness.stack.dispatchNow();

    // Assess
    const view = await expectCountersToMatch();
    expect(view.totals).toEqual({ footageBytes: 0, footageFiles: 0, clipBytes: 0, clipFiles: 0 });
  }, 5 * MINUTES);
});
