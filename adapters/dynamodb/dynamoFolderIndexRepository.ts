import { BatchWriteCommand, type BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { tableKeys } from '../../core/keys/tableKeys';
import type { FolderIndexRepository } from '../../core/ports/folderIndexRepository';
import type { IndexedFolder } from '../../core/sync/syncState';
import { queryAllByPrefix } from './queryAllByPrefix';
import type { TableContext } from './tableContext';

const BATCH = 25;
const MAX_UNPROCESSED_ROUNDS = 8;

/** The folders a source covers, one item each under the source's partition. */
export class DynamoFolderIndexRepository implements FolderIndexRepository {
  constructor(private readonly table: TableContext) {}

  async list(tenantId: string, sourceId: string): Promise<IndexedFolder[]> {
    const { pk } = tableKeys.folder(tenantId, sourceId, '');
    return (await queryAllByPrefix(this.table, pk, 'FOLDER#')).map((item) => ({
      id: String(item['id']),
      relativePath: String(item['relativePath']),
      rootFolderId: String(item['rootFolderId']),
      rootFolderName: String(item['rootFolderName']),
      ...(Array.isArray(item['shortcutFolders']) ? { shortcutFolders: item['shortcutFolders'].map(Number) } : {}),
    }));
  }

  async put(tenantId: string, sourceId: string, folders: readonly IndexedFolder[]): Promise<void> {
    await this.write(folders.map((f) => ({ PutRequest: { Item: { ...tableKeys.folder(tenantId, sourceId, f.id), entity: 'folder', ...f } } })));
  }

  async remove(tenantId: string, sourceId: string, folderIds: readonly string[]): Promise<void> {
    await this.write(folderIds.map((id) => ({ DeleteRequest: { Key: tableKeys.folder(tenantId, sourceId, id) } })));
  }

  private async write(requests: NonNullable<BatchWriteCommandInput['RequestItems']>[string]): Promise<void> {
    for (let i = 0; i < requests.length; i += BATCH) {
      let pending = requests.slice(i, i + BATCH);
      for (let round = 0; pending.length > 0; round += 1) {
        if (round >= MAX_UNPROCESSED_ROUNDS) throw new Error('DynamoDB kept items unprocessed in the folder index');
        const result = await this.table.doc.send(new BatchWriteCommand({ RequestItems: { [this.table.tableName]: pending } }));
        pending = result.UnprocessedItems?.[this.table.tableName] ?? [];
        if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
      }
    }
  }
}
