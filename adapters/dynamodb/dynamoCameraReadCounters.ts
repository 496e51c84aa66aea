import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableKeys } from '../../core/keys/tableKeys';
import type { CameraReadCounters, CameraReadDay, CameraReadUnit } from '../../core/ports/cameraReadCounters';
import { DynamoCameraHealthWatchList } from './dynamoCameraHealthWatchList';
import { queryAllBetween } from './queryAllBetween';
import type { TableContext } from './tableContext';

const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));

/**
 * Per-camera, per-day read counters in the one table, kept like the usage
 * counters (DynamoStorageLedger): a unit's entry is written with PutItem
 * returning the old one, then the day's counter gets exactly the change by
 * atomic ADDs, so a retried step or a window sent again adds nothing and a
 * re-processed file counts only its difference. No step reads the events.
 * A camera's first unit of a day also puts its tenant on the health watch
 * list (one more write per camera and day), so the scheduled judgement looks
 * at cameras nobody opened a page for.
 */
export class DynamoCameraReadCounters implements CameraReadCounters {
  private readonly watchList: DynamoCameraHealthWatchList;

  constructor(
    private readonly table: TableContext,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.watchList = new DynamoCameraHealthWatchList(table);
  }

  async record(unit: CameraReadUnit): Promise<void> {
    const { Attributes: old } = await this.table.doc.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: { ...tableKeys.cameraReadUnit(unit.tenantId, unit.sourceId, unit.unitId), entity: 'cameraReadUnit', ...unit },
        ReturnValues: 'ALL_OLD',
      }),
    );
    const before = old === undefined ? null : toUnit(old);
    const delta = { f: 1, c: unit.codes, x: unit.failures, s: unit.footageSec };
    if (before !== null && (before.day !== unit.day || before.cameraId !== unit.cameraId)) {
      await this.add(before, { f: -1, c: -before.codes, x: -before.failures, s: -before.footageSec });
    } else if (before !== null) {
      delta.f = 0;
      delta.c -= before.codes;
      delta.x -= before.failures;
      delta.s -= before.footageSec;
      if (delta.c === 0 && delta.x === 0 && delta.s === 0) return;
    }
    await this.add(unit, delta);
  }

  async days(tenantId: string, fromDay: string, toDay: string): Promise<readonly CameraReadDay[]> {
    const items = await queryAllBetween(this.table, tableKeys.cameraReadsOfTenant(tenantId).pk, `DAY#${fromDay}`, `DAY#${toDay}#\uffff`);
    return items.map((item) => ({
      sourceId: String(item['sourceId']),
      cameraId: String(item['cameraId']),
      agentId: typeof item['agentId'] === 'string' ? item['agentId'] : null,
      day: String(item['day']),
      files: num(item['f']),
      codes: num(item['c']),
      failures: num(item['x']),
      footageSec: num(item['s']),
    }));
  }

  private async add(unit: CameraReadUnit, delta: { f: number; c: number; x: number; s: number }): Promise<void> {
    const names = Object.keys(delta) as (keyof typeof delta)[];
    const { Attributes: before } = await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: tableKeys.cameraReadDay(unit.tenantId, unit.day, unit.sourceId, unit.cameraId),
        UpdateExpression: `SET entity = :entity, sourceId = :sourceId, cameraId = :cameraId, #day = :day, agentId = :agentId ADD ${names.map((name) => `${name} :${name}`).join(', ')}`,
        ExpressionAttributeNames: { '#day': 'day' },
        ExpressionAttributeValues: {
          ':entity': 'cameraReadDay',
          ':sourceId': unit.sourceId,
          ':cameraId': unit.cameraId,
          ':day': unit.day,
          ':agentId': unit.agentId,
          ...Object.fromEntries(names.map((name) => [`:${name}`, delta[name]])),
        },
        ReturnValues: 'UPDATED_OLD',
      }),
    );
    if (before?.['entity'] === undefined && delta.f > 0) await this.watchList.watch(unit.tenantId, this.now().toISOString());
  }
}

function toUnit(item: Record<string, unknown>): CameraReadUnit {
  return {
    tenantId: String(item['tenantId']),
    sourceId: String(item['sourceId']),
    cameraId: String(item['cameraId']),
    agentId: typeof item['agentId'] === 'string' ? item['agentId'] : null,
    unitId: String(item['unitId']),
    day: String(item['day']),
    codes: num(item['codes']),
    failures: num(item['failures']),
    footageSec: num(item['footageSec']),
  };
}
