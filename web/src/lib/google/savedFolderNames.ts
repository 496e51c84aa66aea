import { m } from '../../paraglide/messages.js';
import type { NamedFolder } from '../api/types';
import type { ChosenFolder } from './folderTree';

/** Saved folders the form knows by id only (a saved source stores ids; the tree names what it shows). */
export function unnamedFolderIds(folders: readonly ChosenFolder[]): string[] {
  return folders.filter((folder) => folder.name === folder.id).map((folder) => folder.id);
}

/**
 * The chosen folders with Drive's names put in for those known by id only.
 * A folder Drive no longer has as a folder (deleted, trashed, replaced by a
 * file) says so in its name, so the tenant sees why and can take it out.
 */
export function withDriveNames(folders: readonly ChosenFolder[], named: readonly NamedFolder[]): ChosenFolder[] {
  const byId = new Map(named.map((folder) => [folder.id, folder]));
  return folders.map((folder) => {
    const found = byId.get(folder.id);
    if (found === undefined || folder.name !== folder.id) return folder;
    if (found.found && found.name) return { id: folder.id, name: found.name };
    return { id: folder.id, name: m.folder_gone({ name: found.name ?? m.folder_a_folder() }) };
  });
}
