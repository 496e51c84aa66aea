import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TenantDeletion } from '../../core/accounts/tenantDeletion';
import { tableKeys, tenantDeletionIndex } from '../../core/keys/tableKeys';
import type { TenantDeletionRepository } from '../../core/ports/tenantDeletionRepository';
import { isConditionFailure, type TableContext } from './tableContext';

function toDeletion(item: Record<string, unknown>): TenantDeletion {
  return {
    tenantId: String(item['tenantId']),
    tenantName: String(item['tenantName']),
    requestedAt: String(item['requestedAt']),
    requestedBy: String(item['requestedBy']),
    objectsDeleted: Number(item['objectsDeleted'] ?? 0),
    itemsDeleted: Number(item['itemsDeleted'] ?? 0),
  };
}

/** The record in its own partition `T#<t>#DELETION`, listed in gsi2 partition `TENANTDELETE` while it exists. */
export class DynamoTenantDeletionRepository implements TenantDeletionRepository {
  constructor(private readonly table: TableContext) {}

  async start(deletion: TenantDeletion): Promise<TenantDeletion> {
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...tableKeys.tenantDeletion(deletion.tenantId),
            entity: 'tenantDeletion',
            ...deletion,
            gsi2pk: tenantDeletionIndex.partition,
            gsi2sk: tenantDeletionIndex.sortKey(deletion.requestedAt, deletion.tenantId),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return deletion;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return (await this.get(deletion.tenantId)) ?? deletion;
    }
  }

  async get(tenantId: string): Promise<TenantDeletion | null> {
    const { Item } = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: tableKeys.tenantDeletion(tenantId), ConsistentRead: true }));
    return Item === undefined ? null : toDeletion(Item);
  }

  async listUnderWay(limit: number): Promise<readonly TenantDeletion[]> {
    const { Items } = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        IndexName: tenantDeletionIndex.name,
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': tenantDeletionIndex.partition },
        Limit: limit,
      }),
    );
    return (Items ?? []).map(toDeletion);
  }

  async saveProgress(tenantId: string, progress: Pick<TenantDeletion, 'objectsDeleted' | 'itemsDeleted'>): Promise<void> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: tableKeys.tenantDeletion(tenantId),
          UpdateExpression: 'SET objectsDeleted = :objects, itemsDeleted = :items',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':objects': progress.objectsDeleted, ':items': progress.itemsDeleted },
        }),
      );
    } catch (error) {
      // Finished meanwhile by an overlapping dispatch: nothing to record.
      if (!isConditionFailure(error)) throw error;
    }
  }

  async finish(tenantId: string): Promise<void> {
    await this.table.doc.send(new DeleteCommand({ TableName: this.table.tableName, Key: tableKeys.tenantDeletion(tenantId) }));
  }
}
