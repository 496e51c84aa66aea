import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordExpiry } from '../../../core/storage/recordExpiry';
import { lifecycleClasses, RETAIN_TAG_KEY } from '../../../core/storage/retentionTags';
import { setKeepFlag, updateStorage } from '../../../core/storage/storageService';
import { sweepExpiredObjects } from '../../../infra/local/s3/lifecycleSweeper';
import { parcelEvent, seedEvents } from '../../support/eventSeeds';
import { trackedFile } from '../../contracts/support/trackedFiles';
import { BUCKET, openStorageRig, ownerOf, type StorageRig } from './support/storageRig';

const T = 'tenant-sweep';
const DAY = 86_400_000;

/**
 * The local stand-in for S3 lifecycle rules: objects tagged with a retention
 * class are deleted once the class's days have passed, nothing else is, and
 * each deletion reaches the same expiry handling as in AWS.
 */
describe('local lifecycle sweeper', () => {
  let rig: StorageRig;
  const started = Date.now();
  const footage = (source: string, name: string) => `${T}/${source}/cam1/2025-07-18/${name}`;
  const clip = (source: string, eventId: string) => `${T}/${source}/_clips/${eventId}.mp4`;
  const e1 = parcelEvent({ tenantId: T, sourceId: 'src_a', codes: ['SPXVN0000001'], start: '2025-07-18T02:31:00.000Z' });
  const e2 = parcelEvent({ tenantId: T, sourceId: 'src_a', codes: ['SPXVN0000002'], start: '2025-07-18T02:32:00.000Z' });
  const e3 = parcelEvent({ tenantId: T, sourceId: 'src_a', codes: ['SPXVN0000003'], start: '2025-07-18T02:33:00.000Z' });
  const deletedBy = async (daysLater: number): Promise<string[]> => {
    const now = new Date(started + daysLater * DAY);
    rig.clock.set(now);
    const result = await sweepExpiredObjects(
      {
        client: rig.s3,
        bucket: BUCKET,
        classes: lifecycleClasses,
        tagKey: RETAIN_TAG_KEY,
        onDeleted: async (event) => {
          await recordExpiry({ ledger: rig.ledger, files: rig.files, events: rig.events, clock: rig.clock }, event.detail.object.key, new Date(event.time));
        },
      },
      now,
    );
    return result.deleted.sort();
  };

  beforeAll(async () => {
    rig = await openStorageRig('sweeper');
    // Prepare: footage 14 days and clips 30 days for the tenant; source B keeps its footage.
    await updateStorage(rig.service, ownerOf(T), { retention: { footageDays: 14, clipDays: 30 }, sources: { src_b: { footageDays: null } } });
    for (const [id, name] of [
      ['f1', 'Cam1_20250718_093000.mp4'],
      ['f2', 'Quầy 1 — ca sáng 09:30.mp4'],
    ] as const) {
      await rig.files.upsert(trackedFile(id, { tenantId: T, sourceId: 'src_a', status: 'done', s3Key: footage('src_a', name), recordingStartAt: '2025-07-18T02:30:00.000Z' }));
      await rig.store({ tenantId: T, sourceId: 'src_a', cameraId: 'cam1', key: footage('src_a', name), kind: 'footage', bytes: 3000, providerFileId: id });
    }
    await rig.store({ tenantId: T, sourceId: 'src_b', cameraId: 'cam1', key: footage('src_b', 'kept.mp4'), kind: 'footage', bytes: 2000 });
    // e1 and e2 have clips; e3's clip was never cut, from f1.
    const withFootage = { ...e3, clip: { state: 'failed' as const, s3Key: null, bytes: null, error: 'cut failed' }, files: [{ providerFileId: 'f1', s3Key: footage('src_a', 'Cam1_20250718_093000.mp4'), name: 'Cam1_20250718_093000.mp4', fromSec: 0, toSec: 5 }] };
    await seedEvents(rig.events, [
      { ...e1, clip: { state: 'ready', s3Key: clip('src_a', e1.id), bytes: 500, error: null } },
      { ...e2, clip: { state: 'ready', s3Key: clip('src_a', e2.id), bytes: 400, error: null } },
      withFootage,
    ]);
    await rig.store({ tenantId: T, sourceId: 'src_a', cameraId: 'cam1', key: clip('src_a', e1.id), kind: 'clip', bytes: 500, eventId: e1.id });
    await rig.store({ tenantId: T, sourceId: 'src_a', cameraId: 'cam1', key: clip('src_a', e2.id), kind: 'clip', bytes: 400, eventId: e2.id });
    // An order under dispute: its clip is held.
    await setKeepFlag(rig.service, ownerOf(T), e2.id, { keep: true, reason: 'customer says the box was empty' });
    // Something the app stores without a retention tag (a run manifest): never the sweeper's.
    await rig.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${T}/_manifests/run_1.json`, Body: '{}' }));
  }, 120_000);

  afterAll(async () => {
    await rig.close();
  });

  it('tags each object with its class: footage 14 days, the override keeps, the disputed clip is held', async () => {
    expect(await rig.tagOf(footage('src_a', 'Cam1_20250718_093000.mp4'))).toBe('footage-14d');
    expect(await rig.tagOf(footage('src_b', 'kept.mp4'))).toBe('footage-keep');
    expect(await rig.tagOf(clip('src_a', e1.id))).toBe('clip-30d');
    expect(await rig.tagOf(clip('src_a', e2.id))).toBe('hold');
  });

  it('deletes nothing before the first class is due', async () => {
    expect(await deletedBy(13)).toEqual([]);
  });

  it('after 15 days deletes exactly the 14-day footage: tracked files expired, the uncut order says its footage expired, counters follow', async () => {
    // Act
    const deleted = await deletedBy(15.01);

    // Assess
    expect(deleted).toEqual([footage('src_a', 'Cam1_20250718_093000.mp4'), footage('src_a', 'Quầy 1 — ca sáng 09:30.mp4')].sort());
    expect((await rig.files.get({ tenantId: T, sourceId: 'src_a', providerFileId: 'f1' }))?.status).toBe('expired');
    expect((await rig.files.get({ tenantId: T, sourceId: 'src_a', providerFileId: 'f2' }))?.status).toBe('expired');
    expect((await rig.events.get(T, e3.id))?.clip.state).toBe('footage_expired');
    expect((await rig.events.get(T, e1.id))?.clip.state).toBe('ready');
    const usage = await rig.ledger.usage(T, '2000-01-01', '2100-01-01');
    expect(usage.totals).toEqual({ footageBytes: 2000, footageFiles: 1, clipBytes: 900, clipFiles: 2 });
  });

  it('after 31 days deletes the 30-day clip but never the held one, the kept footage or untagged objects', async () => {
    // Act
    const deleted = await deletedBy(31.01);

    // Assess
    expect(deleted).toEqual([clip('src_a', e1.id)]);
    expect(await rig.keys()).toEqual([clip('src_a', e2.id), footage('src_b', 'kept.mp4'), `${T}/_manifests/run_1.json`].sort());
    expect((await rig.events.get(T, e1.id))?.clip).toMatchObject({ state: 'failed', s3Key: null, error: expect.stringMatching(/clip retention/) });
    expect((await rig.ledger.usage(T, '2000-01-01', '2100-01-01')).totals).toEqual({ footageBytes: 2000, footageFiles: 1, clipBytes: 400, clipFiles: 1 });
  });

  it('a year on, the held clip is still there; once the dispute is closed the next sweep removes it', async () => {
    expect(await deletedBy(400)).toEqual([]);

    // Act
    await setKeepFlag(rig.service, ownerOf(T), e2.id, { keep: false });

    // Assess
    expect(await rig.tagOf(clip('src_a', e2.id))).toBe('clip-30d');
    expect(await deletedBy(400)).toEqual([clip('src_a', e2.id)]);
    expect((await rig.ledger.usage(T, '2000-01-01', '2100-01-01')).totals).toEqual({ footageBytes: 2000, footageFiles: 1, clipBytes: 0, clipFiles: 0 });
  });
});
