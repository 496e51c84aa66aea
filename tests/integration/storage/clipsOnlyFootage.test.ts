import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectTaggingCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClipUrlView, CodeSearchView } from '../../../core/api/eventsApi';
import type { SourceView, TrackedFilesPageView } from '../../../core/api/sourcesApi';
import type { StorageView } from '../../../core/api/storageApi';
import type { GoogleStack } from '../../support/googleStack';
import type { ApiClient } from '../../support/localStackHarness';
import { openProcessingShop } from '../../support/processingShop';
import { sharedFixtures } from '../processing/helpers/paths';
import { readTruth } from '../processing/helpers/truth';
import { recountBucket } from './support/recountBucket';

const truth = readTruth(join(sharedFixtures, 'Cam1_20250718_093000.truth.json'));
const [first, second] = truth.files.map((f) => readFileSync(join(sharedFixtures, f.name)));
const spanning = truth.orders.find((o) => o.files.length === 2)!;
const MINUTES = 60_000;
const DAY = 86_400_000;
/** The file beside the first video that is named like one but is not (tests/support/processingShop.ts). */
const UNREADABLE = 'Cam1_20250718_100000.mp4';

/**
 * `keep: clips_only` on the whole local stack: a Drive source's footage is set
 * to expire once its clips are cut and its next recording is read too, through
 * retention (the `footage-clipped` tag, the lifecycle sweeper, ObjectExpired);
 * the clips stay, play and are found, and the counters equal a recount.
 */
describe('a clips-only source: footage expires once its clips are cut', () => {
  let google: GoogleStack;
  let shop: ApiClient;
  let tenantId: string;
  let sourceId: string;
  let folder: string;
  let s3: S3Client;
  let close: () => Promise<void>;
  const started = Date.now();

  /** The `vt-retain` tag of each stored footage file, by file name; clips under `clips`. */
  async function tags(): Promise<{ footage: Record<string, string | undefined>; clips: Set<string | undefined> }> {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: google.harness.stack.bucketName, Prefix: `${tenantId}/${sourceId}/` }));
    const footage: Record<string, string | undefined> = {};
    const clips = new Set<string | undefined>();
    for (const object of listed.Contents ?? []) {
      if (object.Key!.includes('/_runs/')) continue;
      const tagging = await s3.send(new GetObjectTaggingCommand({ Bucket: google.harness.stack.bucketName, Key: object.Key! }));
      const tag = tagging.TagSet?.find((entry) => entry.Key === 'vt-retain')?.Value;
      if (object.Key!.includes('/_clips/')) clips.add(tag);
      else footage[object.Key!.split('/').at(-1)!] = tag;
    }
    return { footage, clips };
  }
  const setKeep = async (keep: 'clips_only' | 'clips_and_footage'): Promise<void> => {
    const source = (await shop.call<SourceView>('GET', `/api/sources/${sourceId}`)).body;
    const processing = 'processing' in source.config ? source.config.processing : undefined;
    const saved = await shop.call('PATCH', `/api/sources/${sourceId}`, { config: { ...source.config, processing: { ...processing, keep } } });
    expect(saved.status).toBe(200);
  };
  const fileStatuses = async (): Promise<Record<string, string>> =>
    Object.fromEntries((await shop.call<TrackedFilesPageView>('GET', `/api/sources/${sourceId}/files`)).body.items.map((file) => [file.name, file.status]));

  beforeAll(async () => {
    ({ google, shop, tenantId, sourceId, folder, s3, close } = await openProcessingShop({
      email: 'owner@clips-only.example',
      shopName: 'Cửa hàng Chỉ Giữ Clip',
      sourceName: 'Quầy gói hàng số 2',
      firstVideo: { name: truth.files[0]!.name, content: first! },
      beforeSource: async ({ shop: owner }) => {
        expect((await owner.call('PATCH', '/api/storage', { retention: { footageDays: 14, clipDays: 180 } })).status).toBe(200);
      },
      processing: { keep: 'clips_only' },
    }));
  }, 10 * MINUTES);

  afterAll(() => close(), 5 * MINUTES);

  it('after the first sync: the processed recording is set to expire (the one after it was read); the unreadable one is kept', async () => {
    // Assess
    const { footage, clips } = await tags();
    expect(footage).toEqual({ [truth.files[0]!.name]: 'footage-clipped', [UNREADABLE]: 'footage-14d' });
    expect([...clips]).toEqual(['clip-180d']);
  }, 5 * MINUTES);

  it('keeping footage again re-tags what was set to expire, and the sweeper then deletes nothing', async () => {
    // Act
    await setKeep('clips_and_footage');
    for (let tick = 0; tick < 5 && (await shop.call<StorageView>('GET', '/api/storage')).body.retag?.state !== 'done'; tick += 1) await google.harness.stack.runScheduledTasks();

    // Assess
    expect((await shop.call<StorageView>('GET', '/api/storage')).body.retag?.state).toBe('done');
    expect((await tags()).footage[truth.files[0]!.name]).toBe('footage-14d');
    expect((await google.harness.stack.sweepNow(new Date(started + 3 * DAY))).deleted).toEqual([]);
    await setKeep('clips_only');
  }, 5 * MINUTES);

  it('a next recording arriving within the grace joins the order across the cut, and both recordings are set to expire', async () => {
    // Act
    google.fake.drive.addFile({ name: truth.files[1]!.name, parentId: folder, content: second! });
    expect((await shop.call('POST', `/api/sources/${sourceId}/sync`)).status).toBe(202);
    await google.harness.stack.settle();

    // Assess: one order across the two files, its clip cut from both.
    const found = (await shop.call<CodeSearchView>('POST', '/api/events/search', { codes: [spanning.code] })).body.found;
    expect(found).toHaveLength(1);
    expect(found[0]!.events).toHaveLength(1);
    const joined = found[0]!.events[0]!;
    expect(joined.clipState).toBe('ready');
    const cut = Date.parse('2025-07-18T09:31:30+07:00');
    expect(Date.parse(joined.start)).toBeLessThan(cut);
    expect(Date.parse(joined.end)).toBeGreaterThan(cut);
    const { footage } = await tags();
    expect(footage).toEqual({ [truth.files[0]!.name]: 'footage-clipped', [truth.files[1]!.name]: 'footage-clipped', [UNREADABLE]: 'footage-14d' });
  }, 10 * MINUTES);

  it('the sweeper deletes the clipped footage: files say expired, every clip is still found and plays, counters equal a recount', async () => {
    // Act: the first midnight a day after storing has passed.
    const swept = await google.harness.stack.sweepNow(new Date(started + 3 * DAY));

    // Assess
    expect(swept.deleted.map((key) => key.split('/').at(-1)).sort()).toEqual(truth.files.map((f) => f.name).sort());
    expect(await fileStatuses()).toEqual({ [truth.files[0]!.name]: 'expired', [truth.files[1]!.name]: 'expired', [UNREADABLE]: 'done' });
    const search = (await shop.call<CodeSearchView>('POST', '/api/events/search', { codes: truth.orders.map((o) => o.code) })).body;
    expect(search.notFound).toEqual([]);
    for (const { code, events } of search.found) expect(events.map((e) => e.clipState), code).toEqual(['ready']);
    const clip = (await shop.call<ClipUrlView>('GET', `/api/events/${search.found[0]!.events[0]!.id}/clip`)).body;
    const head = Buffer.from(await (await fetch(clip.url, { headers: { Range: 'bytes=0-63' } })).arrayBuffer());
    expect(head.subarray(4, 8).toString('latin1')).toBe('ftyp');
    const view = (await shop.call<StorageView>('GET', '/api/storage')).body;
    expect(view.totals).toEqual(await recountBucket(s3, google.harness.stack.bucketName, tenantId));
    expect(view.totals.footageFiles).toBe(1);
  }, 10 * MINUTES);
});
