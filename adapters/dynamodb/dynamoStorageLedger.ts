import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TransientError } from '../../core/errors';
import { ledgerPendingIndex, tableKeys } from '../../core/keys/tableKeys';
import { systemClock, type Clock } from '../../core/ports/clock';
import { LEDGER_CHANGE_GRACE_MS, type CameraUsage, type LedgerEntry, type StorageLedger, type UsageDayDelta, type UsageRecord, type UsageTotals } from '../../core/ports/storageLedger';
import { queryAllBetween } from './queryAllBetween';
import { queryAllByPrefix } from './queryAllByPrefix';
import { applyCounterChanges, counterChanges, forgetCounterChanges, type CountedObject } from './ledgerCounterChanges';
import { DynamoLedgerBatch } from './dynamoLedgerBatch';
import { isConditionFailure, type TableContext } from './tableContext';

const zeroTotals: UsageTotals = { footageBytes: 0, footageFiles: 0, clipBytes: 0, clipFiles: 0 };

const WAIT_FOR_WRITER_MS = 100;
const WRITE_ATTEMPTS = 50;

type Item = Record<string, unknown>;

/** An entry written with its change pending: what the counters hold of it, and what they must hold. */
export interface PendingChange {
  readonly tenantId: string;
  readonly key: string;
  readonly op: string;
  readonly day: string;
  readonly counted: CountedObject | null;
  readonly now: CountedObject | null;
}

/**
 * The storage ledger and usage counters in the one table, safe against a
 * process dying half-way. An entry remembers what the counters hold of it
 * (`counted`). A write sets the entry's new state together with a pending
 * change id (`op`, listed in the sparse `LEDGERPENDING` index); the counters
 * get the difference between the new state and `counted` through atomic ADDs
 * that each remember the change id (so none is added twice); then the entry
 * records the new state as counted and leaves the index. A removal marks the
 * entry removed the same way and deletes it once the counters are down. A
 * process killed anywhere leaves the change pending, and `reconcile` (run by
 * the storage worker every minute) finishes it exactly once. No step reads
 * the bucket.
 */
export class DynamoStorageLedger implements StorageLedger {
  constructor(
    private readonly table: TableContext,
    private readonly clock: Clock = systemClock,
    private readonly newOpId: () => string = randomUUID,
  ) {}

  async record(entry: LedgerEntry, day: string): Promise<void> {
    const pending = await this.writePending(entry, day);
    await this.settle(entry.tenantId, entry.key, pending.op, day, pending.counted, pending.now);
  }

  /**
   * Record's first half, which a batch (`batch()`) runs per entry: the entry's
   * new state is written with a pending change id, and what the counters must
   * change is returned for whoever adds it (record() at once, a batch on flush).
   */
  async writePending(entry: LedgerEntry, day: string): Promise<PendingChange> {
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
      const op = this.newOpId();
      const at = this.clock.now().toISOString();
      const fields = { ...entry };
      const names = Object.keys(fields);
      try {
        const { Attributes: old } = await this.table.doc.send(
          new UpdateCommand({
            TableName: this.table.tableName,
            Key: tableKeys.storedObject(entry.tenantId, entry.key),
            UpdateExpression: `SET entity = :entity, ${names.map((name) => `#${name} = :${name}`).join(', ')}, op = :op, opDay = :day, opAt = :at, gsi2pk = :gpk, gsi2sk = :gsk`,
            ConditionExpression: 'attribute_not_exists(op)',
            ExpressionAttributeNames: Object.fromEntries(names.map((name) => [`#${name}`, name])),
            ExpressionAttributeValues: {
              ':entity': 'storedObject',
              ...Object.fromEntries(names.map((name) => [`:${name}`, fields[name as keyof LedgerEntry]])),
              ':op': op,
              ':day': day,
              ':at': at,
              ':gpk': ledgerPendingIndex.partition,
              ':gsk': ledgerPendingIndex.sortKey(at, entry.tenantId, entry.key),
            },
            ReturnValues: 'ALL_OLD',
          }),
        );
        // An entry written before changes were tracked was counted in full.
        const counted = old === undefined ? null : (countedOf(old) ?? countedFields(toEntry(old)));
        return { tenantId: entry.tenantId, key: entry.key, op, day, counted, now: countedFields(entry) };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        // Another change of this object is under way: finish it if its writer is gone, else give it a moment.
        await this.settleStale(entry.tenantId, entry.key);
      }
    }
    throw new TransientError(`storage ledger: ${entry.key} is busy with another change`);
  }

  /** A ledger whose record() writes each entry at once but adds the counters of many together (dynamoLedgerBatch.ts). */
  batch(): DynamoLedgerBatch {
    return new DynamoLedgerBatch(this.table, this);
  }

  async remove(tenantId: string, key: string, day: string): Promise<LedgerEntry | null> {
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
      const op = this.newOpId();
      const at = this.clock.now().toISOString();
      try {
        const { Attributes: item } = await this.table.doc.send(
          new UpdateCommand({
            TableName: this.table.tableName,
            Key: tableKeys.storedObject(tenantId, key),
            UpdateExpression: 'SET removed = :true, op = :op, opDay = :day, opAt = :at, gsi2pk = :gpk, gsi2sk = :gsk',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(op)',
            ExpressionAttributeValues: { ':true': true, ':op': op, ':day': day, ':at': at, ':gpk': ledgerPendingIndex.partition, ':gsk': ledgerPendingIndex.sortKey(at, tenantId, key) },
            ReturnValues: 'ALL_NEW',
          }),
        );
        const entry = toEntry(item ?? {});
        await this.settle(tenantId, key, op, day, countedOf(item ?? {}) ?? countedFields(entry), null);
        return entry;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const current = await this.item(tenantId, key);
        // Gone, or being removed by another call: counted once, by that call (or the reconciler).
        if (current === null || current['removed'] === true) return null;
        await this.settleStale(tenantId, key);
      }
    }
    throw new TransientError(`storage ledger: ${key} is busy with another change`);
  }

  /**
   * Finishes changes whose writer stopped before their counters were added:
   * entries pending since before `writtenBefore`, oldest first, at most `limit`.
   * Each is finished exactly once, however often this runs.
   */
  async reconcile(writtenBefore: string, limit: number): Promise<number> {
    const { Items } = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        IndexName: ledgerPendingIndex.name,
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :before',
        ExpressionAttributeValues: { ':pk': ledgerPendingIndex.partition, ':before': ledgerPendingIndex.before(writtenBefore) },
        Limit: limit,
      }),
    );
    let finished = 0;
    for (const pending of Items ?? []) {
      if (await this.finishPending(String(pending['tenantId']), String(pending['key']), String(pending['op']))) finished += 1;
    }
    return finished;
  }

  async get(tenantId: string, key: string): Promise<LedgerEntry | null> {
    const { Item } = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: tableKeys.storedObject(tenantId, key), ConsistentRead: true }));
    // An entry being removed is gone for everyone but the reconciler.
    return Item === undefined || Item['removed'] === true ? null : toEntry(Item);
  }

  async page(tenantId: string, prefix: string, afterKey: string | null, limit: number): Promise<{ entries: readonly LedgerEntry[]; lastKey: string | null }> {
    const { pk } = tableKeys.storedObjectsOfTenant(tenantId);
    const entries: LedgerEntry[] = [];
    let startKey: Record<string, unknown> | undefined = afterKey === null ? undefined : { pk, sk: afterKey };
    do {
      const result = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.tableName,
          KeyConditionExpression: prefix === '' ? 'pk = :pk' : 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ...(prefix === '' ? {} : { ':prefix': prefix }) },
          FilterExpression: 'attribute_not_exists(removed)',
          ExclusiveStartKey: startKey,
          Limit: limit - entries.length,
          ConsistentRead: true,
        }),
      );
      entries.push(...(result.Items ?? []).map(toEntry));
      startKey = result.LastEvaluatedKey;
    } while (startKey !== undefined && entries.length < limit);
    return { entries, lastKey: entries.at(-1)?.key ?? null };
  }

  async setTag(tenantId: string, key: string, tag: string): Promise<void> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: tableKeys.storedObject(tenantId, key),
          UpdateExpression: 'SET #tag = :tag',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(removed)',
          ExpressionAttributeNames: { '#tag': 'tag' },
          ExpressionAttributeValues: { ':tag': tag },
        }),
      );
    } catch (error) {
      // Removed meanwhile: nothing to record.
      if (!isConditionFailure(error)) throw error;
    }
  }

  async usage(tenantId: string, fromDay: string, toDay: string): Promise<UsageRecord> {
    const { pk } = tableKeys.usageCountersOfTenant(tenantId);
    const totals = await queryAllByPrefix(this.table, pk, 'TOTAL');
    const days = await queryAllBetween(this.table, pk, `DAY#${fromDay}`, `DAY#${toDay}#\uffff`);

    const cameras = new Map<string, { sourceId: string; cameraId: string; totals: UsageTotals; days: UsageDayDelta[] }>();
    const camera = (sourceId: string, cameraId: string) => {
      const id = `${sourceId}#${cameraId}`;
      let found = cameras.get(id);
      if (found === undefined) {
        found = { sourceId, cameraId, totals: zeroTotals, days: [] };
        cameras.set(id, found);
      }
      return found;
    };
    for (const item of totals) {
      const [, sourceId, ...cameraId] = String(item['sk']).split('#');
      // `TOTAL` alone is a tenant item written before the tenant's figures were its cameras' sums: ignored.
      if (sourceId !== undefined) camera(sourceId, cameraId.join('#')).totals = toTotals(item);
    }
    const tenantDays = new Map<string, UsageDayDelta>();
    for (const item of days) {
      const [, day = '', sourceId, ...cameraId] = String(item['sk']).split('#');
      if (sourceId === undefined) continue; // a tenant day item of before, as above
      const delta = toDayDelta(day, item);
      camera(sourceId, cameraId.join('#')).days.push(delta);
      const sum = tenantDays.get(day);
      tenantDays.set(day, sum === undefined ? delta : addDayDeltas(sum, delta));
    }
    const cameraList: CameraUsage[] = [...cameras.values()].filter((c) => c.totals.footageFiles + c.totals.clipFiles > 0 || c.days.length > 0);
    const tenantTotals = [...cameras.values()].reduce((sum, c) => addTotals(sum, c.totals), zeroTotals);
    // Items come in key order, so days come oldest first.
    return { totals: tenantTotals, days: [...tenantDays.values()], cameras: cameraList };
  }

  /** The counters take the change, then the entry records it as counted (or, removed, goes). */
  private async settle(tenantId: string, key: string, op: string, day: string, counted: CountedObject | null, now: CountedObject | null): Promise<void> {
    const changes = counterChanges(counted, now);
    await applyCounterChanges(this.table, tenantId, op, day, changes);
    await this.markCounted(tenantId, key, op, now);
    await forgetCounterChanges(this.table, tenantId, op, day, changes);
  }

  /** The entry records its change as counted (removed: goes); a change the reconciler finished meanwhile is left alone. */
  async markCounted(tenantId: string, key: string, op: string, now: CountedObject | null): Promise<void> {
    try {
      if (now === null) {
        await this.table.doc.send(
          new DeleteCommand({ TableName: this.table.tableName, Key: tableKeys.storedObject(tenantId, key), ConditionExpression: 'op = :op', ExpressionAttributeValues: { ':op': op } }),
        );
      } else {
        await this.table.doc.send(
          new UpdateCommand({
            TableName: this.table.tableName,
            Key: tableKeys.storedObject(tenantId, key),
            UpdateExpression: 'SET counted = :counted REMOVE op, opDay, opAt, gsi2pk, gsi2sk',
            ConditionExpression: 'op = :op',
            ExpressionAttributeValues: { ':counted': now, ':op': op },
          }),
        );
      }
    } catch (error) {
      // Finished meanwhile by the reconciler: the counters were added once all the same.
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** A pending change of the entry: finished here if its writer has had its time, else waited for briefly. */
  private async settleStale(tenantId: string, key: string): Promise<void> {
    const item = await this.item(tenantId, key);
    if (item === null || typeof item['op'] !== 'string') return;
    if (Date.parse(String(item['opAt'])) + LEDGER_CHANGE_GRACE_MS <= this.clock.now().getTime()) {
      await this.finishPending(tenantId, key, item['op']);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, WAIT_FOR_WRITER_MS));
  }

  /** Finishes the change `op` of an entry from what the entry itself holds; false when it is no longer pending. */
  private async finishPending(tenantId: string, key: string, op: string): Promise<boolean> {
    const item = await this.item(tenantId, key);
    if (item === null || item['op'] !== op) return false;
    const entry = toEntry(item);
    const counted = countedOf(item) ?? (item['removed'] === true ? countedFields(entry) : null);
    await this.settle(tenantId, key, op, String(item['opDay']), counted, item['removed'] === true ? null : countedFields(entry));
    return true;
  }

  private async item(tenantId: string, key: string): Promise<Item | null> {
    const { Item } = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: tableKeys.storedObject(tenantId, key), ConsistentRead: true }));
    return Item ?? null;
  }
}

function countedFields(entry: LedgerEntry): CountedObject {
  return { kind: entry.kind, sourceId: entry.sourceId, cameraId: entry.cameraId, bytes: entry.bytes };
}

/** What the counters hold of an entry; undefined for an entry written before changes were tracked. */
function countedOf(item: Item): CountedObject | undefined {
  const counted = item['counted'] as Record<string, unknown> | undefined;
  if (counted === undefined) return undefined;
  return { kind: counted['kind'] === 'clip' ? 'clip' : 'footage', sourceId: String(counted['sourceId']), cameraId: String(counted['cameraId']), bytes: num(counted['bytes']) };
}

const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));

function toTotals(item: Record<string, unknown>): UsageTotals {
  return { footageBytes: num(item['fb']), footageFiles: num(item['ff']), clipBytes: num(item['cb']), clipFiles: num(item['cf']) };
}

function addTotals(a: UsageTotals, b: UsageTotals): UsageTotals {
  return { footageBytes: a.footageBytes + b.footageBytes, footageFiles: a.footageFiles + b.footageFiles, clipBytes: a.clipBytes + b.clipBytes, clipFiles: a.clipFiles + b.clipFiles };
}

function addDayDeltas(a: UsageDayDelta, b: UsageDayDelta): UsageDayDelta {
  return { ...addTotals(a, b), day: a.day, footageAddedBytes: a.footageAddedBytes + b.footageAddedBytes, clipAddedBytes: a.clipAddedBytes + b.clipAddedBytes };
}

function toDayDelta(day: string, item: Record<string, unknown>): UsageDayDelta {
  return { day, ...toTotals(item), footageAddedBytes: num(item['fa']), clipAddedBytes: num(item['ca']) };
}

function toEntry(item: Record<string, unknown>): LedgerEntry {
  return {
    tenantId: String(item['tenantId']),
    key: String(item['key']),
    kind: item['kind'] === 'clip' ? 'clip' : 'footage',
    sourceId: String(item['sourceId']),
    cameraId: String(item['cameraId']),
    bytes: num(item['bytes']),
    storedAt: String(item['storedAt']),
    tag: String(item['tag']),
    providerFileId: typeof item['providerFileId'] === 'string' ? item['providerFileId'] : null,
    eventId: typeof item['eventId'] === 'string' ? item['eventId'] : null,
  };
}
