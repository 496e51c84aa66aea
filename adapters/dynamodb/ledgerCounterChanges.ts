import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableKeys } from '../../core/keys/tableKeys';
import { isConditionFailure, type TableContext } from './tableContext';

/** What of an object the counters hold: its kind, camera and size. */
export interface CountedObject {
  readonly kind: 'footage' | 'clip';
  readonly sourceId: string;
  readonly cameraId: string;
  readonly bytes: number;
}

/** Counter attributes: footage and clip bytes and files (net), bytes added. */
export interface Delta {
  fb: number;
  ff: number;
  cb: number;
  cf: number;
  fa: number;
  ca: number;
}

/** One change to the counters of one camera: its running total and its day (the tenant's are their sums). */
export interface CounterChange {
  readonly sourceId: string;
  readonly cameraId: string;
  readonly delta: Delta;
}

function deltaOf(object: CountedObject, added: boolean): Delta {
  const footage = object.kind === 'footage';
  return {
    fb: footage ? object.bytes : 0,
    ff: footage ? 1 : 0,
    cb: footage ? 0 : object.bytes,
    cf: footage ? 0 : 1,
    fa: added && footage ? object.bytes : 0,
    ca: added && !footage ? object.bytes : 0,
  };
}

const negate = (delta: Delta): Delta => ({ fb: -delta.fb, ff: -delta.ff, cb: -delta.cb, cf: -delta.cf, fa: 0, ca: 0 });

/**
 * What the counters must change to go from holding `counted` (null: nothing) to
 * holding `now` (null: the object is gone). The same object stored again adds
 * only its change in size and is still one file; one moved to another camera
 * or kind comes off the old and onto the new.
 */
export function counterChanges(counted: CountedObject | null, now: CountedObject | null): CounterChange[] {
  if (now === null) return counted === null ? [] : [{ sourceId: counted.sourceId, cameraId: counted.cameraId, delta: negate(deltaOf(counted, false)) }];
  if (counted === null) return [{ sourceId: now.sourceId, cameraId: now.cameraId, delta: deltaOf(now, true) }];
  if (counted.kind !== now.kind || counted.sourceId !== now.sourceId || counted.cameraId !== now.cameraId) {
    return [
      { sourceId: counted.sourceId, cameraId: counted.cameraId, delta: negate(deltaOf(counted, false)) },
      { sourceId: now.sourceId, cameraId: now.cameraId, delta: deltaOf(now, true) },
    ];
  }
  const sizeChange = now.bytes - counted.bytes;
  if (sizeChange === 0) return [];
  const footage = now.kind === 'footage';
  return [
    {
      sourceId: now.sourceId,
      cameraId: now.cameraId,
      delta: { fb: footage ? sizeChange : 0, ff: 0, cb: footage ? 0 : sizeChange, cf: 0, fa: footage ? Math.max(0, sizeChange) : 0, ca: footage ? 0 : Math.max(0, sizeChange) },
    },
  ];
}

/**
 * Only the camera's items: the tenant's total and days are the sums of its
 * cameras' (read back in `usage`), so each change is two ADDs, not four.
 */
function scopesOf(change: CounterChange, day: string) {
  const camera = { sourceId: change.sourceId, cameraId: change.cameraId };
  return [camera, { day, ...camera }];
}

/**
 * Adds each change to its two counter items, each at most once: the item
 * remembers the change's id (`ops`) in the same atomic update, so applying an
 * interrupted change again (the reconciler, a retry) skips the items it reached.
 */
export async function applyCounterChanges(table: TableContext, tenantId: string, op: string, day: string, changes: readonly CounterChange[]): Promise<void> {
  for (const [index, change] of changes.entries()) {
    const id = `${op}#${index}`;
    const names = Object.keys(change.delta) as (keyof Delta)[];
    for (const scope of scopesOf(change, day)) {
      try {
        await table.doc.send(
          new UpdateCommand({
            TableName: table.tableName,
            Key: tableKeys.usageCounter(tenantId, scope),
            UpdateExpression: `SET entity = :entity ADD ${names.map((name) => `${name} :${name}`).join(', ')}, ops :ids`,
            ConditionExpression: 'attribute_not_exists(ops) OR NOT contains(ops, :id)',
            ExpressionAttributeValues: { ':entity': 'usageCounter', ':ids': new Set([id]), ':id': id, ...Object.fromEntries(names.map((name) => [`:${name}`, change.delta[name]])) },
          }),
        );
      } catch (error) {
        // Added already, by the run that was cut off or by a concurrent retry.
        if (!isConditionFailure(error)) throw error;
      }
    }
  }
}

/** Once the entry says its change is applied, the counter items forget the change's id (keeps them small). */
export async function forgetCounterChanges(table: TableContext, tenantId: string, op: string, day: string, changes: readonly CounterChange[]): Promise<void> {
  for (const [index, change] of changes.entries()) {
    for (const scope of scopesOf(change, day)) {
      await table.doc.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: tableKeys.usageCounter(tenantId, scope),
          UpdateExpression: 'DELETE ops :ids',
          ExpressionAttributeValues: { ':ids': new Set([`${op}#${index}`]) },
        }),
      );
    }
  }
}

/** The changes of one pending ledger entry: its change id, its day and what its counters must take. */
export interface PendingCounterChanges {
  readonly op: string;
  readonly day: string;
  readonly changes: readonly CounterChange[];
}

interface CounterItemChange {
  readonly scope: ReturnType<typeof scopesOf>[number];
  readonly delta: Delta;
  readonly ids: string[];
}

/** The changes of several entries summed per counter item, with the ids of the changes each sum holds. */
function perCounterItem(pending: readonly PendingCounterChanges[]): CounterItemChange[] {
  const items = new Map<string, { scope: ReturnType<typeof scopesOf>[number]; delta: Delta; ids: string[] }>();
  for (const { op, day, changes } of pending) {
    for (const [index, change] of changes.entries()) {
      for (const scope of scopesOf(change, day)) {
        const itemKey = JSON.stringify(scope);
        const item = items.get(itemKey) ?? { scope, delta: { fb: 0, ff: 0, cb: 0, cf: 0, fa: 0, ca: 0 }, ids: [] };
        for (const name of Object.keys(item.delta) as (keyof Delta)[]) item.delta[name] += change.delta[name];
        item.ids.push(`${op}#${index}`);
        items.set(itemKey, item);
      }
    }
  }
  return [...items.values()];
}

/**
 * Adds the changes of several pending entries with one ADD per counter item
 * instead of one per entry and item. Each ADD remembers every change id it
 * holds (`ops`) and happens only if the item holds none of them yet, so it is
 * all-or-nothing per item: an item that already took one of the changes (the
 * reconciler finished an entry meanwhile) makes the caller fall back to
 * applyCounterChanges entry by entry, which skips what each item holds.
 * Returns false in that case.
 */
export async function applyCounterChangesTogether(table: TableContext, tenantId: string, pending: readonly PendingCounterChanges[]): Promise<boolean> {
  let allAdded = true;
  for (const { scope, delta, ids } of perCounterItem(pending)) {
    const names = Object.keys(delta) as (keyof Delta)[];
    const idNames = ids.map((_, index) => `:id${index}`);
    try {
      await table.doc.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: tableKeys.usageCounter(tenantId, scope),
          UpdateExpression: `SET entity = :entity ADD ${names.map((name) => `${name} :${name}`).join(', ')}, ops :ids`,
          ConditionExpression: `attribute_not_exists(ops) OR (${idNames.map((name) => `NOT contains(ops, ${name})`).join(' AND ')})`,
          ExpressionAttributeValues: {
            ':entity': 'usageCounter',
            ':ids': new Set(ids),
            ...Object.fromEntries(ids.map((id, index) => [`:id${index}`, id])),
            ...Object.fromEntries(names.map((name) => [`:${name}`, delta[name]])),
          },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      allAdded = false;
    }
  }
  return allAdded;
}

/** forgetCounterChanges for several entries at once: one DELETE per counter item. */
export async function forgetCounterChangesTogether(table: TableContext, tenantId: string, pending: readonly PendingCounterChanges[]): Promise<void> {
  for (const { scope, ids } of perCounterItem(pending)) {
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: tableKeys.usageCounter(tenantId, scope),
        UpdateExpression: 'DELETE ops :ids',
        ExpressionAttributeValues: { ':ids': new Set(ids) },
      }),
    );
  }
}
