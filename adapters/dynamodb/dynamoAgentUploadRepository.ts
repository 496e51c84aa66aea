import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AgentUpload } from '../../core/agents/agentUpload';
import { tableKeys } from '../../core/keys/tableKeys';
import type { AgentUploadRepository } from '../../core/ports/agentUploadRepository';
import { queryAllByPrefix } from './queryAllByPrefix';
import { isConditionFailure, type TableContext } from './tableContext';

function toUpload(item: Record<string, unknown> | undefined): AgentUpload | null {
  if (item === undefined) return null;
  const { pk: _pk, sk: _sk, entity: _entity, ...rest } = item;
  return rest as unknown as AgentUpload;
}

/** An agent's multipart uploads: items of the tenant's partition, one prefix per agent. */
export class DynamoAgentUploadRepository implements AgentUploadRepository {
  constructor(private readonly table: TableContext) {}

  async put(upload: AgentUpload): Promise<void> {
    await this.table.doc.send(
      new PutCommand({ TableName: this.table.tableName, Item: { ...tableKeys.agentUpload(upload.tenantId, upload.agentId, upload.id), entity: 'agentUpload', ...upload } }),
    );
  }

  async get(tenantId: string, agentId: string, uploadId: string): Promise<AgentUpload | null> {
    const result = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: tableKeys.agentUpload(tenantId, agentId, uploadId), ConsistentRead: true }));
    return toUpload(result.Item);
  }

  async list(tenantId: string, agentId: string): Promise<readonly AgentUpload[]> {
    const { pk, skPrefix } = tableKeys.agentUploadsOfAgent(tenantId, agentId);
    return (await queryAllByPrefix(this.table, pk, skPrefix)).map((item) => toUpload(item) as AgentUpload);
  }

  async touch(tenantId: string, agentId: string, uploadId: string, now: string): Promise<void> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: tableKeys.agentUpload(tenantId, agentId, uploadId),
          UpdateExpression: 'SET updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':now': now },
        }),
      );
    } catch (error) {
      // Aborted meanwhile: nothing to touch.
      if (!isConditionFailure(error)) throw error;
    }
  }

  async delete(tenantId: string, agentId: string, uploadId: string): Promise<void> {
    await this.table.doc.send(new DeleteCommand({ TableName: this.table.tableName, Key: tableKeys.agentUpload(tenantId, agentId, uploadId) }));
  }
}
