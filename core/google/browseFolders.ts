import type { Page } from '../providers/providerEntry';
import type { StorageProvider } from '../providers/storageProvider';

/** One row of the folder picker: a folder, or a shortcut standing for one (opened at its target). */
export interface FolderNode {
  readonly id: string;
  readonly name: string;
  readonly viaShortcut: boolean;
}

/** The id that means "My Drive" to Drive; shared drives use their own id as their root folder. */
export const MY_DRIVE_ROOT = 'root';

/**
 * Children of a folder for the lazy folder tree: folders, and shortcuts to
 * folders resolved to their targets, one provider page at a time. The tree is
 * opened by hand one level at a time, so a shortcut loop costs a click, not a hang.
 */
export async function browseFolders(provider: StorageProvider, parentId: string, pageToken?: string): Promise<Page<FolderNode>> {
  const page = await provider.listChildren(parentId, pageToken);
  const items: FolderNode[] = [];
  for (const entry of page.items) {
    if (entry.kind === 'folder') items.push({ id: entry.id, name: entry.name, viaShortcut: false });
    else if (entry.kind === 'shortcut' && entry.shortcutTarget?.mimeType === 'application/vnd.google-apps.folder') {
      items.push({ id: entry.shortcutTarget.id, name: entry.name, viaShortcut: true });
    }
  }
  return { items, nextPageToken: page.nextPageToken };
}
