import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableKeys } from '../../core/keys/tableKeys';
import type { CameraUsage, LedgerEntry, StorageLedger, UsageDayDelta, UsageRecord, UsageTotals } from '../../core/ports/storageLedger';
import { queryAllByPrefix } from './queryAllByPrefix';
import type { TableContext } from './tableContext';

/** Counter attributes: footage and clip bytes and files (net), bytes added. */
interface Delta {
  fb: number;
  ff: number;
  cb: number;
  cf: number;
  fa: number;
  ca: number;
}

const zeroTotals: UsageTotals = { footageBytes: 0, footageFiles: 0, clipBytes: 0, clipFiles: 0 };

/**
 * The storage ledger and usage counters in the one table. An object's entry is
 * written with PutItem returning the old one, so the counters get exactly the
 * change (a retried or re-cut object adds only its size difference); a removal
 * deletes the entry returning it, so a second removal adds nothing. Counters
 * are four atomic ADDs per change: the tenant's and the camera's running total
 * and their day. No step reads the bucket.
 */
export class DynamoStorageLedger implements StorageLedger {
  constructor(private readonly table: TableContext) {}

  async record(entry: LedgerEntry, day: string): Promise<void> {
    const { Attributes: old } = await this.table.doc.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: { ...tableKeys.storedObject(entry.tenantId, entry.key), entity: 'storedObject', ...entry },
        ReturnValues: 'ALL_OLD',
      }),
    );
    const before = old === undefined ? null : toEntry(old);
    if (before !== null && (before.kind !== entry.kind || before.sourceId !== entry.sourceId || before.cameraId !== entry.cameraId)) {
      await this.add(before, day, negate(deltaOf(before, false)));
      await this.add(entry, day, deltaOf(entry, true));
      return;
    }
    const delta = deltaOf(entry, true);
    if (before !== null) {
      // The same object stored again: only its change in size counts; it is still one file.
      const sizeChange = entry.bytes - before.bytes;
      delta.ff = 0;
      delta.cf = 0;
      if (entry.kind === 'footage') delta.fb = sizeChange;
      else delta.cb = sizeChange;
      if (entry.kind === 'footage') delta.fa = Math.max(0, sizeChange);
      else delta.ca = Math.max(0, sizeChange);
      if (sizeChange === 0) return;
    }
    await this.add(entry, day, delta);
  }

  async remove(tenantId: string, key: string, day: string): Promise<LedgerEntry | null> {
    const { Attributes: old } = await this.table.doc.send(
      new DeleteCommand({ TableName: this.table.tableName, Key: tableKeys.storedObject(tenantId, key), ReturnValues: 'ALL_OLD' }),
    );
    if (old === undefined) return null;
    const entry = toEntry(old);
    await this.add(entry, day, negate(deltaOf(entry, false)));
    return entry;
  }

  async get(tenantId: string, key: string): Promise<LedgerEntry | null> {
    const { Item } = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: tableKeys.storedObject(tenantId, key), ConsistentRead: true }));
    return Item === undefined ? null : toEntry(Item);
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
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#tag': 'tag' },
          ExpressionAttributeValues: { ':tag': tag },
        }),
      );
    } catch (error) {
      // Removed meanwhile: nothing to record.
      if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
    }
  }

  async usage(tenantId: string, fromDay: string, toDay: string): Promise<UsageRecord> {
    const { pk } = tableKeys.usageCountersOfTenant(tenantId);
    const totals = await queryAllByPrefix(this.table, pk, 'TOTAL');
    const days: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': pk, ':from': `DAY#${fromDay}`, ':to': `DAY#${toDay}#\uffff` },
          ExclusiveStartKey: startKey,
        }),
      );
      days.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);

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
    let tenantTotals = zeroTotals;
    for (const item of totals) {
      const [, sourceId, ...cameraId] = String(item['sk']).split('#');
      if (sourceId === undefined) tenantTotals = toTotals(item);
      else camera(sourceId, cameraId.join('#')).totals = toTotals(item);
    }
    const tenantDays: UsageDayDelta[] = [];
    for (const item of days) {
      const [, day = '', sourceId, ...cameraId] = String(item['sk']).split('#');
      if (sourceId === undefined) tenantDays.push(toDayDelta(day, item));
      else camera(sourceId, cameraId.join('#')).days.push(toDayDelta(day, item));
    }
    const cameraList: CameraUsage[] = [...cameras.values()].filter((c) => c.totals.footageFiles + c.totals.clipFiles > 0 || c.days.length > 0);
    return { totals: tenantTotals, days: tenantDays, cameras: cameraList };
  }

  private async add(entry: LedgerEntry, day: string, delta: Delta): Promise<void> {
    const scopes = [{}, { day }, { sourceId: entry.sourceId, cameraId: entry.cameraId }, { day, sourceId: entry.sourceId, cameraId: entry.cameraId }];
    const names = Object.keys(delta) as (keyof Delta)[];
    for (const scope of scopes) {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: tableKeys.usageCounter(entry.tenantId, scope),
          UpdateExpression: `SET entity = :entity ADD ${names.map((name) => `${name} :${name}`).join(', ')}`,
          ExpressionAttributeValues: { ':entity': 'usageCounter', ...Object.fromEntries(names.map((name) => [`:${name}`, delta[name]])) },
        }),
      );
    }
  }
}

function deltaOf(entry: LedgerEntry, added: boolean): Delta {
  const footage = entry.kind === 'footage';
  return {
    fb: footage ? entry.bytes : 0,
    ff: footage ? 1 : 0,
    cb: footage ? 0 : entry.bytes,
    cf: footage ? 0 : 1,
    fa: added && footage ? entry.bytes : 0,
    ca: added && !footage ? entry.bytes : 0,
  };
}

const negate = (delta: Delta): Delta => ({ fb: -delta.fb, ff: -delta.ff, cb: -delta.cb, cf: -delta.cf, fa: 0, ca: 0 });

const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));

function toTotals(item: Record<string, unknown>): UsageTotals {
  return { footageBytes: num(item['fb']), footageFiles: num(item['ff']), clipBytes: num(item['cb']), clipFiles: num(item['cf']) };
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
