import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { tableKeys } from '../../core/keys/tableKeys';
import type { FileProcessingRecord, FileProcessingRepository } from '../../core/ports/fileProcessingRepository';
import { batchWriteAll } from './batchWriteAll';
import { queryAllByPrefix } from './queryAllByPrefix';
import type { TableContext } from './tableContext';

const PREFIX = 'PROCESSED#';

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
