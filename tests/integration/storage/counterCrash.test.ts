import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoStorageLedger } from '../../../adapters/dynamodb/dynamoStorageLedger';
import type { TableContext } from '../../../adapters/dynamodb/tableContext';
import { LEDGER_CHANGE_GRACE_MS, type UsageTotals } from '../../../core/ports/storageLedger';
import type { StoredObject } from '../../../core/ports/storageRecorder';
import { StorageAccounting } from '../../../core/storage/storageAccounting';
import { BUCKET, openStorageRig, type StorageRig } from './support/storageRig';

/** A process that dies: after `allowed` counter updates its next DynamoDB call never returns an answer. */
class Killed extends Error {}

function dyingTable(table: TableContext, dies: (command: { input: { Key?: Record<string, unknown>; UpdateExpression?: string } }, counterWrites: number) => boolean): TableContext {
  let counterWrites = 0;
  const send = async (command: { input: { Key?: Record<string, unknown>; UpdateExpression?: string } }): Promise<unknown> => {
    if (dies(command, counterWrites)) throw new Killed('process killed');
    if (String(command.input.Key?.['pk'] ?? '').endsWith('#USAGE') && command.input.UpdateExpression?.includes('ADD') === true) counterWrites += 1;
    return (table.doc.send as (c: unknown) => Promise<unknown>)(command);
  };
  // Only `send` changes: every other part of the client is the real one.
  const doc = new Proxy(table.doc, { get: (target, prop, receiver) => (prop === 'send' ? send : Reflect.get(target, prop, receiver)) });
  return { tableName: table.tableName, doc };
}

const isCounterAdd = (command: { input: { Key?: Record<string, unknown>; UpdateExpression?: string } }): boolean =>
  String(command.input.Key?.['pk'] ?? '').endsWith('#USAGE') && command.input.UpdateExpression?.includes('ADD') === true;
const isEntrySettle = (command: { input: { Key?: Record<string, unknown>; UpdateExpression?: string } }): boolean =>
  String(command.input.Key?.['pk'] ?? '').endsWith('#OBJ') && (command.input.UpdateExpression?.startsWith('SET counted') === true || !('UpdateExpression' in command.input));

/**
 * Usage counters are a ledger entry plus atomic ADDs, with no transaction
 * between them. A process killed anywhere between the two leaves the change
 * pending; the reconciler (the storage worker's minute) finishes it exactly
 * once, and a recount of the bucket equals the counters again.
 */
describe('usage counters survive a process killed between the ledger write and the counter ADDs', () => {
  let rig: StorageRig;
  const T = 'tenant-crash';

  async function recount(): Promise<{ totals: UsageTotals; cameras: Record<string, UsageTotals> }> {
    const totals = { footageBytes: 0, footageFiles: 0, clipBytes: 0, clipFiles: 0 };
    const cameras: Record<string, typeof totals> = {};
    const listed = await rig.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${T}/` }));
    for (const object of listed.Contents ?? []) {
      const [, source, camera] = object.Key!.split('/');
      const clip = camera === '_clips';
      const id = `${source}/${clip ? 'cam1' : camera}`;
      const scope = (cameras[id] ??= { footageBytes: 0, footageFiles: 0, clipBytes: 0, clipFiles: 0 });
      for (const counted of [totals, scope]) {
        if (clip) {
          counted.clipBytes += object.Size!;
          counted.clipFiles += 1;
        } else {
          counted.footageBytes += object.Size!;
          counted.footageFiles += 1;
        }
      }
    }
    return { totals, cameras };
  }

  async function counters(): Promise<{ totals: UsageTotals; cameras: Record<string, UsageTotals>; daysSum: UsageTotals }> {
    const usage = await rig.ledger.usage(T, '2000-01-01', '2100-01-01');
    const cameras = Object.fromEntries(
      usage.cameras.filter((c) => c.totals.footageFiles + c.totals.clipFiles > 0).map((c) => [`${c.sourceId}/${c.cameraId}`, c.totals]),
    );
    const daysSum = usage.days.reduce(
      (sum, d) => ({ footageBytes: sum.footageBytes + d.footageBytes, footageFiles: sum.footageFiles + d.footageFiles, clipBytes: sum.clipBytes + d.clipBytes, clipFiles: sum.clipFiles + d.clipFiles }),
      { footageBytes: 0, footageFiles: 0, clipBytes: 0, clipFiles: 0 },
    );
    return { totals: usage.totals, cameras, daysSum };
  }

  /** The recount and every counter agree: totals, each camera, and the day changes summed. */
  async function expectCountersEqualRecount(): Promise<void> {
    const [counted, recounted] = [await counters(), await recount()];
    expect(counted.totals).toEqual(recounted.totals);
    expect(counted.cameras).toEqual(recounted.cameras);
    expect(counted.daysSum).toEqual(recounted.totals);
  }

  /** Stores an object as a write point does, through a process that dies where `dies` says. */
  async function storeDying(object: Omit<StoredObject, 'tenantId'>, dies: Parameters<typeof dyingTable>[1]): Promise<unknown> {
    await rig.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: object.key, Body: Buffer.alloc(object.bytes, 1) }));
    const ledger = new DynamoStorageLedger(dyingTable(rig.table, dies), rig.clock);
    const accounting = new StorageAccounting({ ledger, tagger: rig.tagger, settings: rig.settings, clock: rig.clock });
    return accounting.stored({ tenantId: T, ...object }).then(() => 'finished', (error: unknown) => error);
  }

  /** A fresh process, one grace period later, runs the storage worker's reconciliation. */
  async function reconcileLater(): Promise<number> {
    rig.clock.set(new Date(rig.clock.now().getTime() + LEDGER_CHANGE_GRACE_MS + 1000));
    return rig.ledger.reconcile(new Date(rig.clock.now().getTime() - LEDGER_CHANGE_GRACE_MS).toISOString(), 100);
  }

  const footage = (name: string, camera = 'cam1') => `${T}/src_a/${camera}/2025-07-18/${name}`;
  const clip = (eventId: string) => `${T}/src_a/_clips/${eventId}.mp4`;

  beforeAll(async () => {
    rig = await openStorageRig('crash');
    await rig.store({ tenantId: T, sourceId: 'src_a', cameraId: 'cam1', key: footage('Cam1_20250718_093000.mp4'), kind: 'footage', bytes: 3000 });
  }, 120_000);
  afterAll(async () => {
    await rig.close();
  });

  it('killed right after the ledger write: the counters are short until the reconciler adds the object once', async () => {
    // Act
    const outcome = await storeDying({ sourceId: 'src_a', cameraId: 'cam2', key: footage('Quầy 2 — ca chiều.mp4', 'cam2'), kind: 'footage', bytes: 4100 }, isCounterAdd);

    // Assess
    expect(outcome).toBeInstanceOf(Killed);
    expect((await counters()).totals).toEqual({ footageBytes: 3000, footageFiles: 1, clipBytes: 0, clipFiles: 0 });
    expect(await rig.ledger.reconcile(rig.clock.now().toISOString(), 100)).toBe(0); // still its writer's: within the grace period
    expect(await reconcileLater()).toBe(1);
    await expectCountersEqualRecount();
    expect(await reconcileLater()).toBe(0);
    await expectCountersEqualRecount();
  });

  it('killed between the camera total ADD and the camera day ADD: the reconciler adds the day and not the total again', async () => {
    const outcome = await storeDying({ sourceId: 'src_a', cameraId: 'cam1', key: clip('evt_01'), kind: 'clip', bytes: 700, eventId: 'evt_01' }, (command, writes) => isCounterAdd(command) && writes === 1);

    expect(outcome).toBeInstanceOf(Killed);
    expect(await reconcileLater()).toBe(1);
    await expectCountersEqualRecount();
  });

  it('killed after every counter ADD but before the entry says so: nothing is counted twice', async () => {
    const outcome = await storeDying({ sourceId: 'src_a', cameraId: 'cam1', key: footage('Cam1_20250718_100000.mp4'), kind: 'footage', bytes: 5200 }, isEntrySettle);

    expect(outcome).toBeInstanceOf(Killed);
    await expectCountersEqualRecount();
    expect(await reconcileLater()).toBe(1);
    await expectCountersEqualRecount();
  });

  it('a clip cut again larger, killed half-way: only its change in size is added, once', async () => {
    await rig.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: clip('evt_01'), Body: Buffer.alloc(950, 2) }));
    const ledger = new DynamoStorageLedger(dyingTable(rig.table, (command, writes) => isCounterAdd(command) && writes === 1), rig.clock);

    await expect(ledger.record({ tenantId: T, key: clip('evt_01'), kind: 'clip', sourceId: 'src_a', cameraId: 'cam1', bytes: 950, storedAt: rig.clock.now().toISOString(), tag: 'clip-forever', providerFileId: null, eventId: 'evt_01' }, '2026-01-02')).rejects.toBeInstanceOf(Killed);
    expect(await reconcileLater()).toBe(1);
    await expectCountersEqualRecount();
  });

  it('the next write of an object whose change was cut off finishes that change first, then its own', async () => {
    // Prepare: a store killed before its counters, then (a grace period later) the same object stored again by a live process.
    const key = footage('Cam1_20250718_110000.mp4');
    expect(await storeDying({ sourceId: 'src_a', cameraId: 'cam1', key, kind: 'footage', bytes: 1000 }, isCounterAdd)).toBeInstanceOf(Killed);
    rig.clock.set(new Date(rig.clock.now().getTime() + LEDGER_CHANGE_GRACE_MS + 1000));
    await rig.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Buffer.alloc(1300, 3) }));

    // Act
    await rig.accounting.stored({ tenantId: T, sourceId: 'src_a', cameraId: 'cam1', key, kind: 'footage', bytes: 1300 });

    // Assess
    await expectCountersEqualRecount();
    expect(await reconcileLater()).toBe(0);
  });

  /** A batch's recorder over a table that dies where `dies` says, counting the counter ADDs it sends. */
  function dyingBatch(dies: Parameters<typeof dyingTable>[1]): { accounting: StorageAccounting; counterAdds: () => number } {
    let adds = 0;
    const table = dyingTable(rig.table, (command, writes) => {
      if (isCounterAdd(command)) adds += 1;
      return dies(command, writes);
    });
    const ledger = new DynamoStorageLedger(table, rig.clock);
    return { accounting: new StorageAccounting({ ledger, tagger: rig.tagger, settings: rig.settings, clock: rig.clock }), counterAdds: () => adds };
  }

  it('a batch counts its objects together: one ADD per counter item for a camera\'s files, the same counters as one by one', async () => {
    // Prepare
    const { accounting, counterAdds } = dyingBatch(() => false);
    const objects = [4000, 4100, 4200].map((bytes, index) => ({ tenantId: T, sourceId: 'src_b', cameraId: 'cam1', key: `${T}/src_b/cam1/2025-07-18/Cam1_2025071809${index}000.mp4`, kind: 'footage' as const, bytes }));
    for (const object of objects) await rig.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: object.key, Body: Buffer.alloc(object.bytes, 4) }));
    const batch = accounting.batch();

    // Act
    for (const object of objects) await batch.recorder.stored(object);
    await batch.flush();

    // Assess: the camera's total and its day, each once.
    expect(counterAdds()).toBe(2);
    await expectCountersEqualRecount();
    expect(await reconcileLater()).toBe(0);
  });

  it('a batch killed before its flush: nothing of it is counted until the reconciler adds each object once', async () => {
    const { accounting } = dyingBatch(isCounterAdd);
    const objects = [1500, 1600].map((bytes, index) => ({ tenantId: T, sourceId: 'src_b', cameraId: 'cam2', key: `${T}/src_b/cam2/2025-07-18/Cam2_2025071809${index}000.mp4`, kind: 'footage' as const, bytes }));
    for (const object of objects) await rig.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: object.key, Body: Buffer.alloc(object.bytes, 5) }));
    const batch = accounting.batch();
    for (const object of objects) await batch.recorder.stored(object);

    await expect(batch.flush()).rejects.toBeInstanceOf(Killed);
    expect((await counters()).cameras['src_b/cam2']).toBeUndefined();
    expect(await reconcileLater()).toBe(2);
    await expectCountersEqualRecount();
  });

  it('a batch killed between its counter ADDs and marking its entries counted: the reconciler counts nothing twice', async () => {
    const { accounting } = dyingBatch((command, writes) => (isCounterAdd(command) && writes === 1) || isEntrySettle(command));
    const objects = [2500, 2600, 2700].map((bytes, index) => ({ tenantId: T, sourceId: 'src_b', cameraId: 'cam3', key: `${T}/src_b/cam3/2025-07-18/Cam3_2025071809${index}000.mp4`, kind: 'footage' as const, bytes }));
    for (const object of objects) await rig.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: object.key, Body: Buffer.alloc(object.bytes, 6) }));
    const batch = accounting.batch();
    for (const object of objects) await batch.recorder.stored(object);

    await expect(batch.flush()).rejects.toBeInstanceOf(Killed);
    expect(await reconcileLater()).toBe(3);
    await expectCountersEqualRecount();
  });

  it('an object stored twice in one batch is counted once, at its last size', async () => {
    const { accounting } = dyingBatch(() => false);
    const key = `${T}/src_b/cam1/2025-07-18/Cam1_20250718_120000.mp4`;
    const batch = accounting.batch();
    await rig.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Buffer.alloc(800, 7) }));
    await batch.recorder.stored({ tenantId: T, sourceId: 'src_b', cameraId: 'cam1', key, kind: 'footage', bytes: 800 });
    await rig.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Buffer.alloc(900, 7) }));
    await batch.recorder.stored({ tenantId: T, sourceId: 'src_b', cameraId: 'cam1', key, kind: 'footage', bytes: 900 });
    await batch.flush();

    await expectCountersEqualRecount();
    expect(await reconcileLater()).toBe(0);
  });

  it('a removal killed after the ledger marks it: the entry is gone for everyone at once, the counters follow through the reconciler', async () => {
    const key = footage('Quầy 2 — ca chiều.mp4', 'cam2');
    const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
    await rig.s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
    const ledger = new DynamoStorageLedger(dyingTable(rig.table, isCounterAdd), rig.clock);

    await expect(ledger.remove(T, key, '2026-01-03')).rejects.toBeInstanceOf(Killed);
    expect(await rig.ledger.get(T, key)).toBeNull();
    expect((await rig.ledger.page(T, '', null, 100)).entries.map((e) => e.key)).not.toContain(key);
    expect(await rig.ledger.remove(T, key, '2026-01-03')).toBeNull(); // a second removal counts nothing
    expect(await reconcileLater()).toBe(1);
    await expectCountersEqualRecount();
    expect((await counters()).cameras[`src_a/cam2`]).toBeUndefined();
  });
});
