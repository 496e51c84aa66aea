import { GetCommand, QueryCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../../core/errors';
import { checkCameraWindow, checkEventsForWindow, checkLimit, MIN_CODE_PREFIX, newestFirst } from '../../core/events/checkEventsForWindow';
import { normalizeTrackingCode } from '../../core/events/normalizeTrackingCode';
import type { ParcelEvent } from '../../core/events/parcelEvent';
import { tableKeys, type ItemKey } from '../../core/keys/tableKeys';
import type { CameraWindow, EventRepository } from '../../core/ports/eventRepository';
import { findEventsByCodes } from './findEventsByCodes';
import { batchWriteAll, type WriteRequest } from './batchWriteAll';
import { isConditionFailure, type TableContext } from './tableContext';

type Copy = 'event' | 'eventOnCamera' | 'eventByCode';

/** Matching codes a prefix search reads at most before it sorts them newest first. */
const PREFIX_READ_CAP = 2000;

interface KeyedCopy {
  readonly key: ItemKey;
  readonly entity: Copy;
}

/** The three places one event is written: by id, on its camera's time line, once per code. */
function copiesOf(event: ParcelEvent): KeyedCopy[] {
  return [
    { key: tableKeys.event(event.tenantId, event.id), entity: 'event' },
    ...event.trackingCodes.map((code) => ({ key: tableKeys.eventByCode(event.tenantId, code, event.start, event.id), entity: 'eventByCode' as const })),
    { key: tableKeys.eventOnCamera(event.tenantId, event.sourceId, event.cameraId, event.start, event.id), entity: 'eventOnCamera' },
  ];
}

const keyText = (key: ItemKey): string => `${key.pk}\n${key.sk}`;

function fromItem(raw: Record<string, unknown>): ParcelEvent {
  const { pk: _pk, sk: _sk, entity: _entity, ...event } = raw;
  return event as unknown as ParcelEvent;
}

/**
 * EventRepository on the one table (docs/DATA_MODEL.md, "events"). Each event
 * is stored whole three ways so every read is one request: by id, on its
 * camera's time line (in the source's partition) and once per tracking code.
 * With no transactions (the local stand-in has none), replaceWindow writes the
 * new copies first and removes stale ones after, the time-line copy last: a
 * crash in between leaves at most an extra event that the (idempotent) retry
 * removes, never a search hit whose event is gone from the time line.
 */
export class DynamoEventRepository implements EventRepository {
  constructor(private readonly table: TableContext) {}

  async replaceWindow(window: CameraWindow, events: readonly ParcelEvent[]): Promise<readonly string[]> {
    checkEventsForWindow(window, events);
    const before = await this.readWindow(window, undefined);
    const fresh = new Set(events.flatMap(copiesOf).map((copy) => keyText(copy.key)));
    const puts: WriteRequest[] = events.flatMap((event) =>
      copiesOf(event).map((copy) => ({ PutRequest: { Item: { ...copy.key, entity: copy.entity, ...event } } })),
    );
    await batchWriteAll(this.table, puts);
    await this.deleteCopies(before, (copy) => !fresh.has(keyText(copy.key)));
    const kept = new Set(events.map((event) => event.id));
    return before.filter((event) => !kept.has(event.id)).map((event) => event.id);
  }

  async get(tenantId: string, eventId: string): Promise<ParcelEvent | null> {
    const result = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: tableKeys.event(tenantId, eventId), ConsistentRead: true }));
    return result.Item === undefined ? null : fromItem(result.Item);
  }

  async findByCode(tenantId: string, code: string, limit: number): Promise<readonly ParcelEvent[]> {
    checkLimit(limit);
    const normal = normalizeTrackingCode(code);
    if (normal === '') return [];
    const { pk, skPrefix } = tableKeys.eventsOfCode(tenantId, normal);
    return this.query({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix }, ScanIndexForward: false }, limit);
  }

  async findByCodes(tenantId: string, codes: readonly string[], limitPerCode: number): Promise<ReadonlyMap<string, readonly ParcelEvent[]>> {
    checkLimit(limitPerCode);
    return findEventsByCodes(this.table, tenantId, codes, limitPerCode, (code) => this.findByCode(tenantId, code, limitPerCode));
  }

  async findByCodePrefix(tenantId: string, prefix: string, limit: number): Promise<readonly ParcelEvent[]> {
    checkLimit(limit);
    const normal = normalizeTrackingCode(prefix);
    if (normal.length < MIN_CODE_PREFIX) throw new ValidationError('prefix', `a code prefix needs at least ${MIN_CODE_PREFIX} characters`);
    const { pk, skPrefix } = tableKeys.eventsOfCodePrefix(tenantId, normal);
    const matches = await this.query({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix } }, PREFIX_READ_CAP);
    const byId = new Map(matches.map((event) => [event.id, event]));
    return [...byId.values()].sort(newestFirst).slice(0, limit);
  }

  async listByCamera(window: CameraWindow, limit: number): Promise<readonly ParcelEvent[]> {
    checkCameraWindow(window);
    checkLimit(limit);
    return this.readWindow(window, limit);
  }

  async updateClip(tenantId: string, eventId: string, clip: ParcelEvent['clip']): Promise<void> {
    const event = await this.get(tenantId, eventId);
    if (event === null) return;
    for (const copy of copiesOf(event)) {
      try {
        await this.table.doc.send(
          new UpdateCommand({
            TableName: this.table.tableName,
            Key: copy.key,
            UpdateExpression: 'SET clip = :clip',
            ConditionExpression: 'attribute_exists(pk) AND id = :id',
            ExpressionAttributeValues: { ':clip': clip, ':id': eventId },
          }),
        );
      } catch (error) {
        // The event was replaced or removed meanwhile: nothing to update there.
        if (!isConditionFailure(error)) throw error;
      }
    }
  }

  async deleteBySource(tenantId: string, sourceId: string): Promise<number> {
    const { pk, skPrefix } = tableKeys.eventsOfSource(tenantId, sourceId);
    let removed = 0;
    for (;;) {
      const page = await this.query({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix } }, 200);
      if (page.length === 0) return removed;
      await this.deleteCopies(page, () => true);
      removed += page.length;
    }
  }

  /** Events of the window's camera starting in [from, to), oldest first; `EVENT#cam#<to>` sorts before any key starting at `to`. */
  private readWindow(window: CameraWindow, limit: number | undefined): Promise<ParcelEvent[]> {
    const { pk, skPrefix } = tableKeys.eventsOfCamera(window.tenantId, window.sourceId, window.cameraId);
    return this.query(
      { KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to', ExpressionAttributeValues: { ':pk': pk, ':from': `${skPrefix}${window.from}`, ':to': `${skPrefix}${window.to}` } },
      limit,
    );
  }

  /** Removes the chosen copies of these events: by-id and code copies first, the time-line copy (how they are found again) last. */
  private async deleteCopies(events: readonly ParcelEvent[], chosen: (copy: KeyedCopy) => boolean): Promise<void> {
    const stale = events.flatMap(copiesOf).filter(chosen);
    const unique = (copies: KeyedCopy[]): WriteRequest[] => [...new Map(copies.map((c) => [keyText(c.key), c.key])).values()].map((Key) => ({ DeleteRequest: { Key } }));
    await batchWriteAll(this.table, unique(stale.filter((copy) => copy.entity !== 'eventOnCamera')));
    await batchWriteAll(this.table, unique(stale.filter((copy) => copy.entity === 'eventOnCamera')));
  }

  private async query(input: Omit<QueryCommandInput, 'TableName'>, limit: number | undefined): Promise<ParcelEvent[]> {
    const events: ParcelEvent[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.table.doc.send(
        new QueryCommand({ TableName: this.table.tableName, ConsistentRead: true, ...input, ExclusiveStartKey: startKey, ...(limit === undefined ? {} : { Limit: limit - events.length }) }),
      );
      events.push(...(page.Items ?? []).map(fromItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined && (limit === undefined || events.length < limit));
    return events;
  }
}
