import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableKeys } from '../../core/keys/tableKeys';
import type { TenantItemsPurger } from '../../core/ports/tenantItemsPurger';
import { batchWriteAll } from './batchWriteAll';
import type { TableContext } from './tableContext';

/**
 * Empties a deleted tenant's partitions one query page at a time (keys only),
 * deleting each page in batches of 25. Every page is queried from the start
 * of its partition again, so nothing needs remembering between steps.
 */
export class DynamoTenantItemsPurger implements TenantItemsPurger {
  constructor(private readonly table: TableContext) {}

  async purgeStep(tenantId: string, maxItems: number): Promise<{ deleted: number; done: boolean }> {
    let deleted = 0;
    for (const pk of tableKeys.tenantPartitions(tenantId)) {
      for (;;) {
        if (deleted >= maxItems) return { deleted, done: false };
        const page = await this.table.doc.send(
          new QueryCommand({
            TableName: this.table.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
            ProjectionExpression: 'pk, sk',
            Limit: Math.min(500, maxItems - deleted),
          }),
        );
        const keys = (page.Items ?? []).map((item) => ({ DeleteRequest: { Key: { pk: item['pk'], sk: item['sk'] } } }));
        if (keys.length === 0) break;
        await batchWriteAll(this.table, keys);
        deleted += keys.length;
      }
    }
    return { deleted, done: true };
  }
}
