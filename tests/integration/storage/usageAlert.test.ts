import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStorage, updateStorage } from '../../../core/storage/storageService';
import { openStorageRig, ownerOf, type StorageRig } from './support/storageRig';

const T = 'tenant-alert';
const GB = 1_000_000_000;

describe('usage alert', () => {
  let rig: StorageRig;
  const footage = (i: number) => ({ tenantId: T, sourceId: 'src_a', cameraId: 'cam1', key: `${T}/src_a/cam1/2026-04-01/Cam1_${i}.mp4`, kind: 'footage' as const, bytes: 0.6 * GB });
  const alertEntries = async () => (await rig.audit.list(T, { limit: 50 })).entries.filter((entry) => entry.action === 'storage.alert_crossed');

  beforeAll(async () => {
    rig = await openStorageRig('alert');
  });

  afterAll(async () => {
    await rig.close();
  });

  it('shows the banner once the GB threshold is crossed and records one audit entry for the month', async () => {
    // Prepare: the counters only (the ledger is what is counted; 0.6 GB objects are not written to the stand-in).
    await updateStorage(rig.service, ownerOf(T), { alert: { kind: 'gb', value: 1 } });
    await rig.accounting.stored(footage(1));
    expect((await describeStorage(rig.service, T)).alert).toMatchObject({ crossed: false, crossing: null });
    expect(await alertEntries()).toEqual([]);

    // Act
    await rig.accounting.stored(footage(2));
    const view = await describeStorage(rig.service, T);
    await describeStorage(rig.service, T);

    // Assess
    expect(view.alert).toMatchObject({ crossed: true, crossing: { kind: 'gb', thresholdBytes: GB, measuredBytes: 1.2 * GB } });
    const entries = await alertEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: { userId: 'system' }, target: { type: 'storage' } });
    const changes = (await rig.audit.list(T, { limit: 50 })).entries.filter((entry) => entry.action === 'storage.settings_changed');
    expect(changes[0]?.actor.userId).toBe('user_owner');
  });

  it('a cost threshold crosses on the estimate; removing the alert clears the banner', async () => {
    expect((await updateStorage(rig.service, ownerOf(T), { alert: { kind: 'cost', value: 0.01 } })).alert.crossed).toBe(true);
    expect((await updateStorage(rig.service, ownerOf(T), { alert: null })).alert).toEqual({ alert: null, crossed: false, crossing: null });
  });
});
