import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mapWithConcurrency } from '../../core/events/mapWithConcurrency';
import { normalizeTrackingCode } from '../../core/events/normalizeTrackingCode';
import type { ParcelEvent } from '../../core/events/parcelEvent';
import { tableKeys } from '../../core/keys/tableKeys';
import type { TableContext } from './tableContext';

/** Codes one range query covers at most; its filter names each (DynamoDB allows 4 KB of expression). */
const CODES_PER_RANGE = 60;
/** Range queries in flight at once. */
const RANGE_CONCURRENCY = 8;
/**
 * Items a range may read per asked code before it gives up and asks code by code:
 * a range over a partition dense with codes nobody asked for (a shop with a
 * million `SPXV…` orders, two of them asked) must not read the partition.
 */
const READ_BUDGET_PER_CODE = 50;

interface Group {
  readonly pk: string;
  readonly codes: readonly string[];
}

/** The code a by-code copy is filed under: its sort key up to the first space (never part of a normalised code). */
/** DynamoDB orders sort keys by their UTF-8 bytes; so do these comparisons. */
const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

const codeOfSortKey = (sk: string): string => sk.slice(0, sk.indexOf(' '));

function fromItem(raw: Record<string, unknown>): ParcelEvent {
  const { pk: _pk, sk: _sk, entity: _entity, ...event } = raw;
  return event as unknown as ParcelEvent;
}

/** Asked codes by partition (tenant + first characters), sorted, in runs of at most CODES_PER_RANGE. */
function groupsOf(tenantId: string, codes: readonly string[]): Group[] {
  const byPk = new Map<string, string[]>();
  for (const code of codes) {
    const { pk } = tableKeys.eventsOfCode(tenantId, code);
    byPk.set(pk, [...(byPk.get(pk) ?? []), code]);
  }
  const groups: Group[] = [];
  for (const [pk, inPk] of byPk) {
    const sorted = [...inPk].sort(byBytes);
    for (let i = 0; i < sorted.length; i += CODES_PER_RANGE) groups.push({ pk, codes: sorted.slice(i, i + CODES_PER_RANGE) });
  }
  return groups;
}

/**
 * Events of many codes at once, each code's newest `limit` (the same as
 * `findByCode` one code at a time, newest first). The codes of one partition
 * are read with one query over the sort-key range from the first to the last
 * asked code, filtered on the server to events holding an asked code; a range
 * that reads more than its budget (a partition dense with other codes) falls
 * back to one query per code. Returns a list for every asked (normalised) code,
 * empty when not found.
 */
export async function findEventsByCodes(
  table: TableContext,
  tenantId: string,
  codes: readonly string[],
  limit: number,
  findByCode: (code: string) => Promise<readonly ParcelEvent[]>,
): Promise<Map<string, readonly ParcelEvent[]>> {
  const asked = [...new Set(codes.map(normalizeTrackingCode).filter((code) => code !== ''))];
  const copies = new Map<string, { sk: string; event: ParcelEvent }[]>(asked.map((code) => [code, []]));
  const singles: string[] = [];
  await mapWithConcurrency(groupsOf(tenantId, asked), RANGE_CONCURRENCY, async (group) => {
    if (group.codes.length === 1) {
      singles.push(...group.codes);
      return;
    }
    const read = await readRange(table, group, READ_BUDGET_PER_CODE * group.codes.length);
    if (read === null) {
      singles.push(...group.codes);
      return;
    }
    for (const item of read) copies.get(codeOfSortKey(item.sk))?.push(item);
  });
  const result = new Map<string, readonly ParcelEvent[]>();
  for (const [code, found] of copies) {
    result.set(code, found.sort((a, b) => byBytes(b.sk, a.sk)).slice(0, limit).map((copy) => copy.event));
  }
  await mapWithConcurrency(singles, 32, async (code) => {
    result.set(code, await findByCode(code));
  });
  return result;
}

/** The by-code copies of the group's codes, or null when the range reads more than `budget` items. */
async function readRange(table: TableContext, group: Group, budget: number): Promise<{ sk: string; event: ParcelEvent }[] | null> {
  const first = group.codes[0] as string;
  const last = group.codes[group.codes.length - 1] as string;
  const values = Object.fromEntries(group.codes.map((code, i) => [`:c${i}`, code]));
  const filter = group.codes.map((_, i) => `contains(#codes, :c${i})`).join(' OR ');
  const wanted = new Set(group.codes);
  const found: { sk: string; event: ParcelEvent }[] = [];
  let scanned = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        ConsistentRead: true,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        FilterExpression: filter,
        ExpressionAttributeNames: { '#codes': 'trackingCodes' },
        // `<last> ` then U+FFFF: above every copy of the last code (its sort keys go on with ISO times and ids).
        ExpressionAttributeValues: { ':pk': group.pk, ':from': `${first} `, ':to': `${last} \uffff`, ...values },
        ExclusiveStartKey: startKey,
        Limit: budget + 1 - scanned,
      }),
    );
    scanned += page.ScannedCount ?? 0;
    if (scanned > budget) return null;
    for (const item of page.Items ?? []) {
      const sk = String(item['sk']);
      if (wanted.has(codeOfSortKey(sk))) found.push({ sk, event: fromItem(item) });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return found;
}
