import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoClippedFootageQueue } from '../../../adapters/dynamodb/dynamoClippedFootageQueue';
import type { Source } from '../../../core/sources/source';
import { CLIPS_ONLY_GRACE_MS, expireWaitingFootage, settleClipsOnlyFootage } from '../../../core/storage/clippedFootage';
import { updateStorage } from '../../../core/storage/storageService';
import { retagStep } from '../../../core/storage/retagStep';
import { trackedFile } from '../../contracts/support/trackedFiles';
import { openStorageRig, ownerOf, type StorageRig } from './support/storageRig';

const T = 'tenant-clips-only';

/**
 * The grace of `keep: clips_only`: a processed recording whose next one does
 * not come is set to expire by the storage worker 24 hours after it was
 * processed, not before; a retention change keeps clipped footage clipped
 * while its source keeps clips only.
 */
describe('clips-only footage waiting for its next recording', () => {
  let rig: StorageRig;
  let queue: DynamoClippedFootageQueue;
  const key = (name: string) => `${T}/src_only/cam1/2025-07-18/${name}`;
  const deps = () => ({ ledger: rig.ledger, tagger: rig.tagger, queue, clock: rig.clock, sources: rig.sources, files: rig.files });
  const source = (id: string, keep: 'clips_only' | 'clips_and_footage'): Source => {
    const now = rig.clock.now().toISOString();
    return {
      tenantId: T,
      id,
      type: 'google_drive',
      name: `Quầy ${id}`,
      intervalMinutes: 15,
      config: { connectionId: 'gc_1', folderIds: ['f'], mapping: { layout: 'flat', timeZone: '+07:00', renames: {}, excluded: [] }, processing: { enabled: true, keep } } as unknown as Source['config'],
      status: 'idle',
      statusMessage: null,
      nextSyncAt: null,
      lastSyncAt: null,
      lastRunId: null,
      claim: null,
      totals: { files: 0, bytes: 0 },
      createdAt: now,
      updatedAt: now,
    };
  };

  beforeAll(async () => {
    rig = await openStorageRig('clips-only');
    queue = new DynamoClippedFootageQueue(rig.table);
    await updateStorage(rig.service, ownerOf(T), { retention: { footageDays: 14 } });
    await rig.sources.create(source('src_only', 'clips_only'));
    for (const [id, name] of [
      ['f1', 'Cam1_20250718_093000.mp4'],
      ['f2', 'Cam1_20250718_093130.mp4'],
    ] as const) {
      await rig.files.upsert(trackedFile(id, { tenantId: T, sourceId: 'src_only', status: 'done', s3Key: key(name) }));
      await rig.store({ tenantId: T, sourceId: 'src_only', cameraId: 'cam1', key: key(name), kind: 'footage', bytes: 4000, providerFileId: id });
    }
  }, 120_000);

  afterAll(() => rig.close(), 60_000);

  it('a recording whose next one has not come waits, and is set to expire 24 hours after it was processed, not before', async () => {
    // Prepare: f1's next recording (f2) was read; f2 is the newest, nothing after it yet.
    const settled = await settleClipsOnlyFootage(deps(), { tenantId: T, sourceId: 'src_only' }, [
      { providerFileId: 'f1', s3Key: key('Cam1_20250718_093000.mp4'), nextSettled: true },
      { providerFileId: 'f2', s3Key: key('Cam1_20250718_093130.mp4'), nextSettled: false },
    ]);
    expect(settled).toEqual({ clipped: 1, waiting: 1 });
    expect(await rig.tagOf(key('Cam1_20250718_093000.mp4'))).toBe('footage-clipped');
    expect(await rig.tagOf(key('Cam1_20250718_093130.mp4'))).toBe('footage-14d');

    // Act: the storage worker a minute before the grace ends, then after it.
    const processedAt = rig.clock.now().getTime();
    rig.clock.set(new Date(processedAt + CLIPS_ONLY_GRACE_MS - 60_000));
    const early = await expireWaitingFootage(deps(), 100);
    const tagEarly = await rig.tagOf(key('Cam1_20250718_093130.mp4'));
    rig.clock.set(new Date(processedAt + CLIPS_ONLY_GRACE_MS + 60_000));
    const due = await expireWaitingFootage(deps(), 100);

    // Assess
    expect(early).toBe(0);
    expect(tagEarly).toBe('footage-14d');
    expect(due).toBe(1);
    expect(await rig.tagOf(key('Cam1_20250718_093130.mp4'))).toBe('footage-clipped');
    expect((await rig.ledger.get(T, key('Cam1_20250718_093130.mp4')))?.tag).toBe('footage-clipped');
    expect(await queue.due(new Date(processedAt + 10 * CLIPS_ONLY_GRACE_MS).toISOString(), 100)).toEqual([]);
  });

  it('a retention change re-tags footage for the new days but leaves clipped footage of a clips-only source clipped', async () => {
    // Act
    await updateStorage(rig.service, ownerOf(T), { retention: { footageDays: 30 } });
    await retagStep({ ...rig.service }, T, 100);

    // Assess
    expect(await rig.tagOf(key('Cam1_20250718_093000.mp4'))).toBe('footage-clipped');
    expect(await rig.tagOf(key('Cam1_20250718_093130.mp4'))).toBe('footage-clipped');
  });

  it('a wait whose source went back to keeping footage is dropped without tagging', async () => {
    // Prepare
    await rig.sources.create(source('src_back', 'clips_and_footage'));
    const backKey = `${T}/src_back/cam1/2025-07-18/Cam1_20250718_110000.mp4`;
    await rig.files.upsert(trackedFile('b1', { tenantId: T, sourceId: 'src_back', status: 'done', s3Key: backKey }));
    await rig.store({ tenantId: T, sourceId: 'src_back', cameraId: 'cam1', key: backKey, kind: 'footage', bytes: 1000, providerFileId: 'b1' });
    await queue.wait({ tenantId: T, sourceId: 'src_back', providerFileId: 'b1', s3Key: backKey, dueAt: rig.clock.now().toISOString() });

    // Act
    rig.clock.set(new Date(rig.clock.now().getTime() + 60_000));
    const handled = await expireWaitingFootage(deps(), 100);

    // Assess
    expect(handled).toBe(1);
    expect(await rig.tagOf(backKey)).toBe('footage-30d');
  });
});
