import type { DriveFolderView, DriveFoldersPageView } from '../api/googleApi';
import { videoFileVerdict } from '../providers/videoFileFilter';
import type { StorageProvider } from '../providers/storageProvider';

/** The id that means "My Drive" to Drive; shared drives use their own id as their root folder. */
export const MY_DRIVE_ROOT = 'root';

/**
 * Children of a folder for the lazy folder tree: folders, and shortcuts to
 * folders resolved to their targets (opened there), one provider page at a time. The tree is
 * opened by hand one level at a time, so a shortcut loop costs a click, not a hang.
 * Counts the videos the page holds beside the folders, so the tree can say
 * how many a folder has.
 */
export async function browseFolders(provider: StorageProvider, parentId: string, pageToken?: string): Promise<DriveFoldersPageView> {
  const page = await provider.listChildren(parentId, pageToken);
  const items: DriveFolderView[] = [];
  let videos = 0;
  for (const entry of page.items) {
    if (entry.kind === 'file' && videoFileVerdict(entry).take) videos += 1;
    else if (entry.kind === 'folder') items.push({ id: entry.id, name: entry.name, viaShortcut: false });
    else if (entry.kind === 'shortcut' && entry.shortcutTarget?.mimeType === 'application/vnd.google-apps.folder') {
      items.push({ id: entry.shortcutTarget.id, name: entry.name, viaShortcut: true });
    }
  }
  return { items, nextPageToken: page.nextPageToken, videos };
}
