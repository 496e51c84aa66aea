import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomIds } from '../../../adapters/system/randomIds';
import { randomSecrets } from '../../../adapters/system/randomSecrets';
import { recordExpiry } from '../../../core/storage/recordExpiry';
import { lifecycleClasses, RETAIN_TAG_KEY } from '../../../core/storage/retentionTags';
import { releaseExpiredShareHolds, releaseShareHold, retagClipHold } from '../../../core/storage/clipHold';
import { setKeepFlag, updateStorage } from '../../../core/storage/storageService';
import { createShareLink, revokeShareLink } from '../../../core/shares/shareLinks';
import { sweepExpiredObjects } from '../../../infra/local/s3/lifecycleSweeper';
import { parcelEvent, seedEvents } from '../../support/eventSeeds';
import { BUCKET, openStorageRig, ownerOf, type StorageRig } from './support/storageRig';

const T = 'tenant-sharekeep';
const DAY = 86_400_000;

/**
 * A share link can carry "keep": while it works, its order's clip is tagged
 * `hold` and the lifecycle (here the local sweeper) never deletes it; turning
 * the link off or its expiry releases the hold, unless the order itself is kept.
 */
describe('keep flag on a share link', () => {
  let rig: StorageRig;
  const started = Date.now();
  const clip = (eventId: string) => `${T}/src_a/_clips/${eventId}.mp4`;
  const events = ['SPXVN1000001', 'SPXVN1000002', 'SPXVN1000003', 'GHN1000004'].map((code, i) =>
    parcelEvent({ tenantId: T, sourceId: 'src_a', codes: [code], start: `2025-07-18T02:3${i}:00.000Z`, clipKey: `${T}/src_a/_clips/evt${i}.mp4` }),
  );
  const [revokedLater, expiresLater, orderAlsoKept, plain] = events as [typeof events[0], typeof events[0], typeof events[0], typeof events[0]];
  const links: Record<string, Awaited<ReturnType<typeof createShareLink>>['link']> = {};

  const deps = () => ({ ledger: rig.ledger, tagger: rig.tagger, settings: rig.settings, events: rig.events, shareLinks: rig.shareLinks, holds: rig.shareLinks, clock: rig.clock });
  /** What the share route does: the link, then its clip held. */
  async function shareKeeping(eventId: string, days: number): Promise<void> {
    const { link } = await createShareLink({ tenantId: T, userId: 'user_staff', eventId, days, keep: true }, { shareLinks: rig.shareLinks, events: rig.events, clock: rig.clock, ids: randomIds, secrets: randomSecrets });
    await retagClipHold(deps(), T, eventId);
    links[eventId] = link;
  }
  /** One storage-worker minute and one lifecycle run at `daysLater`. */
  async function workerAndSweepAt(daysLater: number): Promise<string[]> {
    const now = new Date(started + daysLater * DAY);
    rig.clock.set(now);
    await releaseExpiredShareHolds(deps(), 100);
    const { deleted } = await sweepExpiredObjects(
      {
        client: rig.s3,
        bucket: BUCKET,
        classes: lifecycleClasses,
        tagKey: RETAIN_TAG_KEY,
        onDeleted: async (event) => void (await recordExpiry({ ledger: rig.ledger, files: rig.files, events: rig.events, clock: rig.clock }, event.detail.object.key, new Date(event.time))),
      },
      now,
    );
    return deleted.sort();
  }

  beforeAll(async () => {
    rig = await openStorageRig('sharekeep');
    rig.clock.set(new Date(started));
    // Prepare: clips kept 30 days; four orders with clips.
    await updateStorage(rig.service, ownerOf(T), { retention: { clipDays: 30 } });
    await seedEvents(rig.events, events.map((event) => ({ ...event, clip: { ...event.clip, state: 'ready' as const, bytes: 600 } })));
    for (const event of events) await rig.store({ tenantId: T, sourceId: 'src_a', cameraId: 'cam1', key: event.clip.s3Key!, kind: 'clip', bytes: 600, eventId: event.id });
  }, 120_000);
  afterAll(async () => {
    await rig.close();
  });

  it('holds the clip of a link made with keep, and only that clip', async () => {
    // Act: on day 20, 30-day keeping links for three orders; the order of the third is kept itself as well.
    rig.clock.set(new Date(started + 20 * DAY));
    await shareKeeping(revokedLater.id, 30);
    await shareKeeping(expiresLater.id, 14);
    await shareKeeping(orderAlsoKept.id, 30);
    await setKeepFlag(rig.service, ownerOf(T), orderAlsoKept.id, { keep: true, reason: 'khách nói hộp rỗng' });

    // Assess
    for (const event of [revokedLater, expiresLater, orderAlsoKept]) expect(await rig.tagOf(event.clip.s3Key!)).toBe('hold');
    expect(await rig.tagOf(plain.clip.s3Key!)).toBe('clip-30d');
  });

  it('the sweeper deletes the unkept clip after 30 days and nothing under a working keeping link', async () => {
    expect(await workerAndSweepAt(31.01)).toEqual([plain.clip.s3Key]);
    expect(await rig.keys()).toEqual([revokedLater, expiresLater, orderAlsoKept].map((e) => e.clip.s3Key!).sort());
  });

  it('an expired keeping link releases its hold on the next worker minute, and the clip goes at the next sweep', async () => {
    // The 14-day link made on day 20 expires on day 34.
    expect(await workerAndSweepAt(33.9)).toEqual([]);
    expect(await rig.tagOf(expiresLater.clip.s3Key!)).toBe('hold');

    const deleted = await workerAndSweepAt(34.01);

    expect(deleted).toEqual([expiresLater.clip.s3Key]);
    expect((await rig.events.get(T, expiresLater.id))?.clip).toMatchObject({ state: 'failed', error: expect.stringMatching(/clip retention/) });
  });

  it('turning a keeping link off releases its clip, but not the clip of an order kept by itself', async () => {
    // Act (day 40)
    rig.clock.set(new Date(started + 40 * DAY));
    for (const event of [revokedLater, orderAlsoKept]) {
      const link = await revokeShareLink(T, event.id, links[event.id]!.id, { shareLinks: rig.shareLinks, clock: rig.clock });
      await releaseShareHold(deps(), link);
    }

    // Assess
    expect(await rig.tagOf(revokedLater.clip.s3Key!)).toBe('clip-30d');
    expect(await rig.tagOf(orderAlsoKept.clip.s3Key!)).toBe('hold');
    expect(await workerAndSweepAt(40.01)).toEqual([revokedLater.clip.s3Key]);
    expect(await workerAndSweepAt(400)).toEqual([]);
    expect(await rig.keys()).toEqual([orderAlsoKept.clip.s3Key]);
  });

  it('a retention change re-tags in the background but leaves a held clip held', async () => {
    await updateStorage(rig.service, ownerOf(T), { retention: { clipDays: 90 } });
    expect(await rig.tagOf(orderAlsoKept.clip.s3Key!)).toBe('hold');
  });

  it('a clip cut after its keeping link was made is stored held', async () => {
    // Prepare: a link with keep for an order whose clip is not cut yet.
    const late = parcelEvent({ tenantId: T, sourceId: 'src_a', codes: ['SPXVN1000009'], start: '2025-07-18T03:00:00.000Z' });
    await seedEvents(rig.events, [late]);
    await shareKeeping(late.id, 7);

    // Act: the clip is cut.
    await rig.store({ tenantId: T, sourceId: 'src_a', cameraId: 'cam1', key: clip(late.id), kind: 'clip', bytes: 500, eventId: late.id });

    // Assess
    expect(await rig.tagOf(clip(late.id))).toBe('hold');
  });
});
