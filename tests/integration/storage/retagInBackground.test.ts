import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectTagger } from '../../../core/ports/objectTagger';
import { retagStep } from '../../../core/storage/retagStep';
import { describeStorage, setKeepFlag, updateStorage } from '../../../core/storage/storageService';
import { parcelEvent, seedEvents } from '../../support/eventSeeds';
import { openStorageRig, ownerOf, type StorageRig } from './support/storageRig';

const T = 'tenant-retag';
const FOOTAGE = 240;
const CLIPS = 60;

/**
 * Changing retention re-tags every stored object in the background, in bounded
 * batches whose progress the Storage page shows, and a job cut off anywhere
 * goes on from where it stopped.
 */
describe('re-tagging after a retention change', () => {
  let rig: StorageRig;
  const held = parcelEvent({ tenantId: T, sourceId: 'src_a', codes: ['GHNVN00001'], start: '2025-07-18T02:31:00.000Z' });
  const footageKey = (i: number) => `${T}/src_${i % 3 === 0 ? 'b' : 'a'}/cam${i % 2}/2025-07-18/Cam_${String(i).padStart(4, '0')}.mp4`;
  const clipKey = (i: number) => `${T}/src_a/_clips/ev_${String(i).padStart(4, '0')}.mp4`;
  const allTags = async (): Promise<Map<string, string | undefined>> => new Map(await Promise.all((await rig.keys()).map(async (key) => [key, await rig.tagOf(key)] as const)));

  beforeAll(async () => {
    rig = await openStorageRig('retag');
    for (let i = 0; i < FOOTAGE; i += 1) {
      await rig.store({ tenantId: T, sourceId: i % 3 === 0 ? 'src_b' : 'src_a', cameraId: `cam${i % 2}`, key: footageKey(i), kind: 'footage', bytes: 100 + i });
    }
    for (let i = 0; i < CLIPS; i += 1) await rig.store({ tenantId: T, sourceId: 'src_a', cameraId: 'cam0', key: clipKey(i), kind: 'clip', bytes: 10, eventId: `ev_${String(i).padStart(4, '0')}` });
    await seedEvents(rig.events, [{ ...held, clip: { state: 'ready', s3Key: clipKey(7), bytes: 10, error: null } }]);
    await setKeepFlag(rig.service, ownerOf(T), held.id, { keep: true });
  }, 300_000);

  afterAll(async () => {
    await rig.close();
  });

  it('until a tenant chooses, everything is kept', async () => {
    const tags = await allTags();
    expect(tags.get(footageKey(1))).toBe('footage-keep');
    expect(tags.get(clipKey(1))).toBe('clip-forever');
    expect(tags.get(clipKey(7))).toBe('hold');
  });

  it('"footage 14 days, clips 180 days" shows progress at once and finishes in bounded batches, cut off half-way and resumed', async () => {
    // Act: the request runs the first batch itself.
    const view = await updateStorage(rig.service, ownerOf(T), { retention: { footageDays: 14, clipDays: 180 }, sources: { src_b: { footageDays: 60 } } });

    // Assess: progress after the first batch
    expect(view.retention).toEqual({ footageDays: 14, clipDays: 180 });
    expect(view.retag).toMatchObject({ state: 'running', checked: 100, total: FOOTAGE + CLIPS });

    // Act: the worker's next batch dies after 30 tags (a killed process)...
    let budget = 30;
    const dying: ObjectTagger = {
      setTags: async (key, tags) => {
        if (budget-- <= 0) throw new Error('process killed');
        return rig.tagger.setTags(key, tags);
      },
      getTags: (key) => rig.tagger.getTags(key),
    };
    await expect(retagStep({ ...rig.service, tagger: dying }, T, 100)).rejects.toThrow('process killed');
    expect((await rig.settings.getJob(T))?.checked, 'the cursor did not move past what was not done').toBe(100);
    // ...and the next worker run goes on from the cursor.
    const progress: number[] = [];
    for (;;) {
      const job = await retagStep(rig.service, T, 100);
      progress.push(job!.checked);
      if (job!.state === 'done') break;
    }

    // Assess
    expect(progress).toEqual([200, 300]);
    const job = (await describeStorage(rig.service, T)).retag;
    expect(job).toMatchObject({ state: 'done', checked: FOOTAGE + CLIPS, total: FOOTAGE + CLIPS });
    // Every object but the held clip changed; the 30 the dying batch tagged were right already and were not tagged again.
    expect(job!.retagged).toBe(FOOTAGE + CLIPS - 1 - 30);
    const tags = await allTags();
    for (let i = 0; i < FOOTAGE; i += 1) expect(tags.get(footageKey(i)), footageKey(i)).toBe(i % 3 === 0 ? 'footage-60d' : 'footage-14d');
    for (let i = 0; i < CLIPS; i += 1) expect(tags.get(clipKey(i)), clipKey(i)).toBe(i === 7 ? 'hold' : 'clip-180d');
    expect(await rig.settings.runningJobs(10)).toEqual([]);
  });

  it('a second change while a job runs restarts it for the newest settings; an alert-only change re-tags nothing', async () => {
    // Act
    const first = await updateStorage(rig.service, ownerOf(T), { retention: { footageDays: 7 } });
    const second = await updateStorage(rig.service, ownerOf(T), { retention: { footageDays: 30 } });
    expect(await rig.settings.runningJobs(10)).toEqual([T]);
    while ((await retagStep(rig.service, T, 100))?.state === 'running');
    const alertOnly = await updateStorage(rig.service, ownerOf(T), { alert: { kind: 'gb', value: 500 } });

    // Assess
    expect(first.retag!.startedAt <= second.retag!.startedAt).toBe(true);
    const tags = await allTags();
    expect(tags.get(footageKey(1))).toBe('footage-30d');
    expect(tags.get(footageKey(3)), 'the source override stays').toBe('footage-60d');
    expect(alertOnly.retag).toMatchObject({ state: 'done', checked: FOOTAGE + CLIPS });
  });

  it('refuses a retention that is not one of the choices, naming the field, and changes nothing', async () => {
    const before = await rig.settings.get(T);
    await expect(updateStorage(rig.service, ownerOf(T), { retention: { footageDays: 10 } })).rejects.toMatchObject({ name: 'ValidationError', field: 'retention.footageDays' });
    await expect(updateStorage(rig.service, ownerOf(T), { retention: { clipDays: '180' } })).rejects.toMatchObject({ name: 'ValidationError', field: 'retention.clipDays' });
    await expect(updateStorage(rig.service, ownerOf(T), { sources: { '../x': { footageDays: 7 } } })).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(updateStorage(rig.service, ownerOf(T), { alert: { kind: 'gb', value: -1 } })).rejects.toMatchObject({ name: 'ValidationError', field: 'alert.value' });
    await expect(updateStorage(rig.service, ownerOf(T), {})).rejects.toMatchObject({ name: 'ValidationError' });
    expect(await rig.settings.get(T)).toEqual(before);
  });
});
