import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableKeys } from '../../core/keys/tableKeys';
import type { RequestCounter } from '../../core/ports/requestCounter';
import type { TableContext } from './tableContext';

/**
 * One item per tenant and window, counted with an atomic `ADD`: one write per
 * request, no read, no race; the table's TTL removes spent windows.
 */
export class DynamoRequestCounter implements RequestCounter {
  constructor(private readonly table: TableContext) {}

  async increment(tenantId: string, windowStart: number, expiresAt: number): Promise<number> {
    const result = await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: tableKeys.tenantRequestWindow(tenantId, windowStart),
        UpdateExpression: 'ADD #count :one SET entity = :entity, expiresAt = :expiresAt',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':one': 1, ':entity': 'requestWindow', ':expiresAt': expiresAt },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(result.Attributes?.['count'] ?? 1);
  }
}
