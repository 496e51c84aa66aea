import { BatchGetCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { tableKeys } from '../../core/keys/tableKeys';
import type { FileProcessingRecord, FileProcessingRepository } from '../../core/ports/fileProcessingRepository';
import { batchWriteAll } from './batchWriteAll';
import { queryAllByPrefix } from './queryAllByPrefix';
import type { TableContext } from './tableContext';

const PREFIX = 'PROCESSED#';
/** Keys one BatchGetItem takes at most. */
const BATCH_GET_MAX = 100;

/** Processing records in the source's partition, one `PROCESSED#<providerFileId>` item per file. */
export class DynamoFileProcessingRepository implements FileProcessingRepository {
  constructor(private readonly table: TableContext) {}

  async listBySource(tenantId: string, sourceId: string): Promise<readonly FileProcessingRecord[]> {
    const { pk } = tableKeys.fileProcessing(tenantId, sourceId, '');
    return (await queryAllByPrefix(this.table, pk, PREFIX)).map(({ pk: _pk, sk: _sk, entity: _entity, ...record }) => record as unknown as FileProcessingRecord);
  }

  async get(ref: { readonly tenantId: string; readonly sourceId: string; readonly providerFileId: string }): Promise<FileProcessingRecord | null> {
    const { Item } = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: tableKeys.fileProcessing(ref.tenantId, ref.sourceId, ref.providerFileId) }));
    if (Item === undefined) return null;
    const { pk: _pk, sk: _sk, entity: _entity, ...record } = Item;
    return record as unknown as FileProcessingRecord;
  }

  async getMany(tenantId: string, sourceId: string, providerFileIds: readonly string[]): Promise<readonly FileProcessingRecord[]> {
    const found: FileProcessingRecord[] = [];
    for (let start = 0; start < providerFileIds.length; start += BATCH_GET_MAX) {
      let keys: readonly Record<string, unknown>[] = [...new Set(providerFileIds.slice(start, start + BATCH_GET_MAX))].map((id): Record<string, unknown> => ({ ...tableKeys.fileProcessing(tenantId, sourceId, id) }));
      // DynamoDB may answer part of a batch (throttling, 16 MB): ask again for the rest, a little later each time.
      for (let attempt = 0; keys.length > 0; attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * 2 ** attempt)));
        if (attempt > 8) throw new Error(`processing records: ${keys.length} keys still unanswered after ${attempt} tries`);
        const answer = await this.table.doc.send(new BatchGetCommand({ RequestItems: { [this.table.tableName]: { Keys: [...keys] } } }));
        for (const { pk: _pk, sk: _sk, entity: _entity, ...record } of answer.Responses?.[this.table.tableName] ?? []) found.push(record as unknown as FileProcessingRecord);
        keys = answer.UnprocessedKeys?.[this.table.tableName]?.Keys ?? [];
      }
    }
    return found;
  }

  async put(record: FileProcessingRecord): Promise<void> {
    const key = tableKeys.fileProcessing(record.tenantId, record.sourceId, record.providerFileId);
    await this.table.doc.send(new PutCommand({ TableName: this.table.tableName, Item: { ...key, entity: 'fileProcessing', ...record } }));
  }

  async deleteBySource(tenantId: string, sourceId: string): Promise<number> {
    const { pk } = tableKeys.fileProcessing(tenantId, sourceId, '');
    const items = await queryAllByPrefix(this.table, pk, PREFIX);
    await batchWriteAll(this.table, items.map((item) => ({ DeleteRequest: { Key: { pk: item['pk'], sk: item['sk'] } } })));
    return items.length;
  }
}
