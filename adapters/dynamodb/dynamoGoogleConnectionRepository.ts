import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { GoogleConnection, OAuthAttempt } from '../../core/google/googleConnection';
import { tableKeys } from '../../core/keys/tableKeys';
import type { GoogleConnectionRepository } from '../../core/ports/googleAuth';
import { queryAllByPrefix } from './queryAllByPrefix';
import { isConditionFailure, type TableContext } from './tableContext';

function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, entity: _entity, ...rest } = item;
  return rest as T;
}

/** Google grants and in-flight consent attempts; attempts expire through the table's TTL. */
export class DynamoGoogleConnectionRepository implements GoogleConnectionRepository {
  constructor(private readonly table: TableContext) {}

  async put(connection: GoogleConnection): Promise<void> {
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: { ...tableKeys.googleConnection(connection.tenantId, connection.id), entity: 'googleConnection', ...connection },
      }),
    );
  }

  async get(tenantId: string, connectionId: string): Promise<GoogleConnection | null> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: tableKeys.googleConnection(tenantId, connectionId), ConsistentRead: true }),
    );
    return result.Item === undefined ? null : strip<GoogleConnection>(result.Item);
  }

  async list(tenantId: string): Promise<GoogleConnection[]> {
    const { pk, skPrefix } = tableKeys.googleConnectionsOfTenant(tenantId);
    return (await queryAllByPrefix(this.table, pk, skPrefix)).filter((item) => item['disconnectedAt'] === undefined).map((item) => strip<GoogleConnection>(item));
  }

  async disconnect(tenantId: string, connectionId: string, message: string, now: string): Promise<boolean> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: tableKeys.googleConnection(tenantId, connectionId),
          // The sealed grant goes; the row stays so the sources naming it can reconnect to it.
          UpdateExpression: 'SET #status = :status, statusMessage = :message, updatedAt = :now, disconnectedAt = :now, secret = :none',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(disconnectedAt)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': 'needs_reauth', ':message': message, ':now': now, ':none': null },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async markNeedsReauth(tenantId: string, connectionId: string, message: string, now: string): Promise<void> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: tableKeys.googleConnection(tenantId, connectionId),
          UpdateExpression: 'SET #status = :status, statusMessage = :message, updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': 'needs_reauth', ':message': message, ':now': now },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async putAttempt(attempt: OAuthAttempt): Promise<void> {
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          ...tableKeys.oauthAttempt(attempt.tenantId, attempt.state),
          entity: 'oauthAttempt',
          ...attempt,
          // The table's TTL attribute wants epoch seconds.
          expiresAtIso: attempt.expiresAt,
          expiresAt: Math.ceil(Date.parse(attempt.expiresAt) / 1000),
        },
      }),
    );
  }

  async takeAttempt(tenantId: string, userId: string, state: string): Promise<OAuthAttempt | null> {
    try {
      const result = await this.table.doc.send(
        new DeleteCommand({
          TableName: this.table.tableName,
          Key: tableKeys.oauthAttempt(tenantId, state),
          ConditionExpression: 'userId = :user',
          ExpressionAttributeValues: { ':user': userId },
          ReturnValues: 'ALL_OLD',
        }),
      );
      if (result.Attributes === undefined) return null;
      const { expiresAtIso, expiresAt: _ttl, ...rest } = strip<Record<string, unknown>>(result.Attributes);
      return { ...(rest as Omit<OAuthAttempt, 'expiresAt'>), expiresAt: String(expiresAtIso) };
    } catch (error) {
      if (isConditionFailure(error)) return null;
      throw error;
    }
  }
}
