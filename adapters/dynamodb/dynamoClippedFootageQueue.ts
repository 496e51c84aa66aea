import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { clippedFootageIndex, tableKeys } from '../../core/keys/tableKeys';
import type { ClippedFootageQueue, ClippedFootageWait } from '../../core/ports/clippedFootageQueue';
import type { TableContext } from './tableContext';

/**
 * One `CLIPWAIT#<providerFileId>` item in the source's partition per waiting
 * recording, listed by due time in the sparse `CLIPWAIT` partition of gsi2
 * (deleted with the source's items when the source goes).
 */
export class DynamoClippedFootageQueue implements ClippedFootageQueue {
  constructor(private readonly table: TableContext) {}

  async wait(item: ClippedFootageWait): Promise<void> {
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          ...tableKeys.clippedFootageWait(item.tenantId, item.sourceId, item.providerFileId),
          entity: 'clippedFootageWait',
          ...item,
          gsi2pk: clippedFootageIndex.partition,
          gsi2sk: clippedFootageIndex.sortKey(item.dueAt, item.tenantId, item.sourceId, item.providerFileId),
        },
      }),
    );
  }

  async due(before: string, limit: number): Promise<readonly ClippedFootageWait[]> {
    const { Items } = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        IndexName: clippedFootageIndex.name,
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :before',
        ExpressionAttributeValues: { ':pk': clippedFootageIndex.partition, ':before': clippedFootageIndex.before(before) },
        Limit: limit,
      }),
    );
    return (Items ?? []).map((item) => ({
      tenantId: String(item['tenantId']),
      sourceId: String(item['sourceId']),
      providerFileId: String(item['providerFileId']),
      s3Key: String(item['s3Key']),
      dueAt: String(item['dueAt']),
    }));
  }

  async done(ref: { readonly tenantId: string; readonly sourceId: string; readonly providerFileId: string }): Promise<void> {
    await this.table.doc.send(new DeleteCommand({ TableName: this.table.tableName, Key: tableKeys.clippedFootageWait(ref.tenantId, ref.sourceId, ref.providerFileId) }));
  }
}
