import type { IndexedFolder } from '../sync/syncState';

/** The folders a source covers: tells whether a changed file's parent is in scope. */
export interface FolderIndexRepository {
  list(tenantId: string, sourceId: string): Promise<IndexedFolder[]>;
  put(tenantId: string, sourceId: string, folders: readonly IndexedFolder[]): Promise<void>;
  remove(tenantId: string, sourceId: string, folderIds: readonly string[]): Promise<void>;
}
