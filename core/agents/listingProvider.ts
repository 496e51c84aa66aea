import { NotFoundError, PermanentError } from '../errors';
import type { Page, ProviderEntry } from '../providers/providerEntry';
import type { StorageProvider } from '../providers/storageProvider';
import type { FolderListing } from './folderListing';

/** The id of the listed folder itself; its subfolders are their relative paths. */
export const LISTING_ROOT_ID = 'root';

/**
 * An agent's folder listing seen as a storage provider, so a local folder's
 * mapping preview walks and maps it exactly as a Drive source's
 * (core/google/previewCameraMapping.ts). Read-only: it has no content or changes.
 */
export function listingProvider(listing: FolderListing, rootName: string): StorageProvider {
  const children = new Map<string, ProviderEntry[]>([[LISTING_ROOT_ID, []]]);
  const folderId = (relativeDir: string): string => (relativeDir === '' ? LISTING_ROOT_ID : `d:${relativeDir}`);
  const ensureFolder = (relativeDir: string): string => {
    const id = folderId(relativeDir);
    if (children.has(id)) return id;
    const slash = relativeDir.lastIndexOf('/');
    const parent = ensureFolder(slash < 0 ? '' : relativeDir.slice(0, slash));
    children.set(id, []);
    children.get(parent)?.push(entry(id, relativeDir.slice(slash + 1), 'folder', parent, null, null));
    return id;
  };
  for (const file of listing.files) {
    const slash = file.relativePath.lastIndexOf('/');
    const parent = ensureFolder(slash < 0 ? '' : file.relativePath.slice(0, slash));
    children.get(parent)?.push(entry(`f:${file.relativePath}`, file.relativePath.slice(slash + 1), 'file', parent, file.bytes, file.modifiedTime));
  }
  const root = entry(LISTING_ROOT_ID, rootName, 'folder', '', null, null);
  const unsupported = (): never => {
    throw new PermanentError('a folder listing has no content or changes');
  };
  return {
    account: () => Promise.resolve({ email: '', displayName: null, quota: { limitBytes: null, usageBytes: 0 } }),
    sharedDrives: () => Promise.resolve({ items: [], nextPageToken: null }),
    listChildren: (id: string): Promise<Page<ProviderEntry>> => Promise.resolve({ items: children.get(id) ?? [], nextPageToken: null }),
    getEntry: (id: string) => {
      if (id === LISTING_ROOT_ID) return Promise.resolve(root);
      const found = [...children.values()].flat().find((item) => item.id === id);
      return found === undefined ? Promise.reject(new NotFoundError(`no ${id} in the listing`)) : Promise.resolve(found);
    },
    startCursor: () => Promise.resolve(unsupported()),
    listChanges: () => Promise.resolve(unsupported()),
    readRange: () => Promise.resolve(unsupported()),
  };
}

function entry(id: string, name: string, kind: 'file' | 'folder', parent: string, size: number | null, modifiedTime: string | null): ProviderEntry {
  return {
    id,
    name,
    kind,
    mimeType: kind === 'folder' ? 'inode/directory' : '',
    parentIds: parent === '' ? [] : [parent],
    size,
    md5: null,
    revision: null,
    modifiedTime,
    createdTime: null,
    trashed: false,
    driveId: null,
    shortcutTarget: null,
  };
}
