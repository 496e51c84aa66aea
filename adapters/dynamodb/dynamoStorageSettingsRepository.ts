import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { retagIndex, tableKeys } from '../../core/keys/tableKeys';
import type { KeepFlag, RetagJob, StorageSettingsRepository } from '../../core/ports/storageSettingsRepository';
import { defaultStorageSettings, type StorageSettings } from '../../core/storage/storageSettings';
import { isConditionFailure, type TableContext } from './tableContext';

/**
 * A tenant's storage settings (one item), its re-tagging job (one item, in the
 * `RETAG` partition of gsi2 while it runs), keep flags (one item per order) and
 * the month's alert record.
 */
export class DynamoStorageSettingsRepository implements StorageSettingsRepository {
  constructor(private readonly table: TableContext) {}

  async get(tenantId: string): Promise<StorageSettings> {
    const { Item } = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: tableKeys.storageSettings(tenantId), ConsistentRead: true }));
    if (Item === undefined) return defaultStorageSettings;
    return {
      retention: (Item['retention'] as StorageSettings['retention'] | undefined) ?? defaultStorageSettings.retention,
      sources: (Item['sources'] as StorageSettings['sources'] | undefined) ?? {},
      alert: (Item['alert'] as StorageSettings['alert'] | undefined) ?? null,
      generation: Number(Item['generation'] ?? 0),
      updatedAt: typeof Item['updatedAt'] === 'string' ? Item['updatedAt'] : null,
    };
  }

  async put(tenantId: string, settings: StorageSettings): Promise<void> {
    await this.table.doc.send(new PutCommand({ TableName: this.table.tableName, Item: { ...tableKeys.storageSettings(tenantId), entity: 'storageSettings', ...settings } }));
  }

  async getJob(tenantId: string): Promise<RetagJob | null> {
    const { Item } = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: tableKeys.retagJob(tenantId), ConsistentRead: true }));
    if (Item === undefined) return null;
    return {
      tenantId,
      generation: Number(Item['generation']),
      state: Item['state'] === 'done' ? 'done' : 'running',
      cursor: typeof Item['cursor'] === 'string' ? Item['cursor'] : null,
      checked: Number(Item['checked'] ?? 0),
      retagged: Number(Item['retagged'] ?? 0),
      total: Number(Item['total'] ?? 0),
      startedAt: String(Item['startedAt']),
      updatedAt: String(Item['updatedAt']),
    };
  }

  async putJob(job: RetagJob): Promise<void> {
    const running = job.state === 'running' ? { gsi2pk: retagIndex.partition, gsi2sk: retagIndex.sortKey(job.startedAt, job.tenantId) } : {};
    await this.table.doc.send(new PutCommand({ TableName: this.table.tableName, Item: { ...tableKeys.retagJob(job.tenantId), entity: 'retagJob', ...job, ...running } }));
  }

  async runningJobs(limit: number): Promise<readonly string[]> {
    const { Items } = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        IndexName: retagIndex.name,
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': retagIndex.partition },
        Limit: limit,
      }),
    );
    return (Items ?? []).map((item) => String(item['tenantId']));
  }

  async getKeep(tenantId: string, eventId: string): Promise<KeepFlag | null> {
    const { Item } = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: tableKeys.keepFlag(tenantId, eventId), ConsistentRead: true }));
    if (Item === undefined) return null;
    return { eventId, reason: String(Item['reason'] ?? ''), by: String(Item['by'] ?? ''), at: String(Item['at']) };
  }

  async putKeep(tenantId: string, flag: KeepFlag): Promise<void> {
    await this.table.doc.send(new PutCommand({ TableName: this.table.tableName, Item: { ...tableKeys.keepFlag(tenantId, flag.eventId), entity: 'keepFlag', ...flag } }));
  }

  async deleteKeep(tenantId: string, eventId: string): Promise<void> {
    await this.table.doc.send(new DeleteCommand({ TableName: this.table.tableName, Key: tableKeys.keepFlag(tenantId, eventId) }));
  }

  async claimAlert(tenantId: string, month: string, at: string, message: string): Promise<boolean> {
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: { ...tableKeys.storageAlert(tenantId, month), entity: 'storageAlert', month, at, message },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
