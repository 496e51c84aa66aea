import type { StorageProvider } from '../../../core/providers/storageProvider';

/**
 * How a contract test arranges files at the provider under test: Drive's
 * protocol fake for the Google adapter, the tree for the in-memory provider.
 * Ids are the provider's own; every call is a change the changes feed reports.
 */
export interface ProviderWorld {
  /** A folder of this test's own, empty at the start. */
  readonly topFolderId: string;
  addFolder(name: string, parentId: string): string;
  /** A binary file; `.mp4` names are video/mp4. */
  addFile(name: string, parentId: string, content: Uint8Array): string;
  addShortcut(name: string, parentId: string, targetId: string): string;
  rename(id: string, name: string): void;
  move(id: string, newParentId: string): void;
  /** Moves to the trash; a folder's contents go with it. */
  trash(id: string): void;
  /** New bytes: a new revision. */
  updateContent(id: string, content: Uint8Array): void;
  /** Gone for good (not in the trash). */
  delete(id: string): void;
}

export interface StorageProviderSubject {
  readonly provider: StorageProvider;
  readonly world: ProviderWorld;
  /** Entries per listChildren page, so a test can make a folder that needs several. */
  readonly listPageSize: number;
  /** Changes per listChanges page. */
  readonly changesPageSize: number;
}

export async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
