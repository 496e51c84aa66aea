import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { cameraWatchIndex, tableKeys } from '../../core/keys/tableKeys';
import type { CameraHealthWatchList } from '../../core/ports/cameraHealthWatchList';
import { queryAllPages } from './queryAllPages';
import { isConditionFailure, type TableContext } from './tableContext';

/**
 * One `WATCH` item in each watched tenant's health partition, listed through
 * the sparse `gsi2` partition `CAMWATCH` (sorted by tenant): the scheduled
 * judgement reads the whole list with one query (about 40 tenants per read
 * unit), never the table.
 */
export class DynamoCameraHealthWatchList implements CameraHealthWatchList {
  constructor(private readonly table: TableContext) {}

  async watch(tenantId: string, at: string): Promise<void> {
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: { ...tableKeys.cameraHealthWatch(tenantId), entity: 'cameraHealthWatch', tenantId, since: at, gsi2pk: cameraWatchIndex.partition, gsi2sk: cameraWatchIndex.sortKey(tenantId) },
      }),
    );
  }

  async watched(): Promise<readonly string[]> {
    const items = await queryAllPages(this.table, {
      IndexName: cameraWatchIndex.name,
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': cameraWatchIndex.partition },
      ProjectionExpression: 'tenantId',
    });
    return items.map((item) => String(item['tenantId']));
  }

  async unwatch(tenantId: string, judgedFrom: string): Promise<void> {
    try {
      await this.table.doc.send(
        new DeleteCommand({
          TableName: this.table.tableName,
          Key: tableKeys.cameraHealthWatch(tenantId),
          ConditionExpression: '#since < :from',
          ExpressionAttributeNames: { '#since': 'since' },
          ExpressionAttributeValues: { ':from': judgedFrom },
        }),
      );
    } catch (error) {
      // Watched again meanwhile (or already gone): it stays as it is.
      if (!isConditionFailure(error)) throw error;
    }
  }
}
