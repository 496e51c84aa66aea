import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableKeys } from '../../core/keys/tableKeys';
import type { SyncStateRepository } from '../../core/ports/syncStateRepository';
import type { SyncState } from '../../core/sync/syncState';
import { isConditionFailure, type TableContext } from './tableContext';

/** A source's changes cursor, committed and pending: one item per source. */
export class DynamoSyncStateRepository implements SyncStateRepository {
  constructor(private readonly table: TableContext) {}

  async get(tenantId: string, sourceId: string): Promise<SyncState | null> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: tableKeys.syncState(tenantId, sourceId), ConsistentRead: true }),
    );
    if (result.Item === undefined) return null;
    const item = result.Item;
    return {
      tenantId,
      sourceId,
      cursor: (item['cursor'] as string | undefined) ?? null,
      cursorCommittedAt: (item['cursorCommittedAt'] as string | undefined) ?? null,
      pendingCursor: (item['pendingCursor'] as string | undefined) ?? null,
      pendingRunId: (item['pendingRunId'] as string | undefined) ?? null,
    };
  }

  async setPending(tenantId: string, sourceId: string, runId: string, cursor: string): Promise<void> {
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: tableKeys.syncState(tenantId, sourceId),
        UpdateExpression: 'SET entity = :entity, pendingCursor = :cursor, pendingRunId = :run',
        ExpressionAttributeValues: { ':entity': 'syncState', ':cursor': cursor, ':run': runId },
      }),
    );
  }

  async commit(tenantId: string, sourceId: string, runId: string, now: string): Promise<boolean> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: tableKeys.syncState(tenantId, sourceId),
          UpdateExpression: 'SET #cursor = pendingCursor, cursorCommittedAt = :now REMOVE pendingCursor, pendingRunId',
          ConditionExpression: 'pendingRunId = :run',
          ExpressionAttributeNames: { '#cursor': 'cursor' },
          ExpressionAttributeValues: { ':run': runId, ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async advanceIdle(tenantId: string, sourceId: string, from: string, to: string, now: string): Promise<boolean> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: tableKeys.syncState(tenantId, sourceId),
          UpdateExpression: 'SET #cursor = :to, cursorCommittedAt = :now',
          ConditionExpression: '#cursor = :from AND attribute_not_exists(pendingCursor)',
          ExpressionAttributeNames: { '#cursor': 'cursor' },
          ExpressionAttributeValues: { ':from': from, ':to': to, ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async reset(tenantId: string, sourceId: string): Promise<void> {
    await this.table.doc.send(new DeleteCommand({ TableName: this.table.tableName, Key: tableKeys.syncState(tenantId, sourceId) }));
  }
}
