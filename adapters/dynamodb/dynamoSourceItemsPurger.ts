import { BatchWriteCommand, DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableKeys } from '../../core/keys/tableKeys';
import type { SourceItemsPurger } from '../../core/ports/sourceItemsPurger';
import type { TableContext } from './tableContext';

const BATCH = 25;
const ROUNDS_FOR_UNPROCESSED = 5;

/** Queries the source's partition page by page (keys only) and deletes each page in batches of 25. */
export class DynamoSourceItemsPurger implements SourceItemsPurger {
  constructor(private readonly table: TableContext) {}

  async purge(tenantId: string, sourceId: string): Promise<number> {
    const { pk } = tableKeys.file(tenantId, sourceId, '');
    let deleted = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ProjectionExpression: 'pk, sk',
          ExclusiveStartKey: startKey,
        }),
      );
      const keys = (page.Items ?? []).map((item) => ({ pk: item['pk'], sk: item['sk'] }));
      for (let i = 0; i < keys.length; i += BATCH) await this.deleteBatch(keys.slice(i, i + BATCH));
      deleted += keys.length;
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    await this.table.doc.send(new DeleteCommand({ TableName: this.table.tableName, Key: tableKeys.syncState(tenantId, sourceId) }));
    return deleted;
  }

  private async deleteBatch(keys: readonly Record<string, unknown>[]): Promise<void> {
    let requests = keys.map((Key) => ({ DeleteRequest: { Key } }));
    for (let round = 0; requests.length > 0; round += 1) {
      if (round >= ROUNDS_FOR_UNPROCESSED) throw new Error(`DynamoDB left ${requests.length} deletes unprocessed`);
      const result = await this.table.doc.send(new BatchWriteCommand({ RequestItems: { [this.table.tableName]: requests } }));
      requests = (result.UnprocessedItems?.[this.table.tableName] ?? []).flatMap((item) =>
        item.DeleteRequest?.Key === undefined ? [] : [{ DeleteRequest: { Key: item.DeleteRequest.Key } }],
      );
    }
  }
}
