import type { NamedFolderView as NamedFolder } from '../api/googleApi';
import { NotFoundError } from '../errors';
import type { StorageProvider } from '../providers/storageProvider';

const FOLDER_LOOKUPS_AT_ONCE = 5;

/**
 * Names a source's saved folder ids for the Edit form, which otherwise knows
 * them by id only: one files.get each (a source has a few), a few at a time.
 * A folder that was deleted, trashed or replaced by a file is reported, not
 * an error, so the form can say so and let the tenant remove it.
 */
export async function nameFolders(provider: StorageProvider, folderIds: readonly string[]): Promise<NamedFolder[]> {
  const named: NamedFolder[] = new Array<NamedFolder>(folderIds.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < folderIds.length; index = next++) {
      const id = folderIds[index] ?? '';
      named[index] = await nameOne(provider, id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(FOLDER_LOOKUPS_AT_ONCE, folderIds.length) }, worker));
  return named;
}

async function nameOne(provider: StorageProvider, id: string): Promise<NamedFolder> {
  try {
    const entry = await provider.getEntry(id);
    const found = entry.kind === 'folder' && !entry.trashed;
    return { id, name: entry.name, found };
  } catch (error) {
    if (error instanceof NotFoundError) return { id, name: null, found: false };
    throw error;
  }
}
