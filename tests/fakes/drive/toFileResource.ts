// Renders a stored item as Drive v3's File resource (the full representation
// a `fields=*` request sees); projectFields trims it to what was asked for.
import type { DriveModel } from './DriveModel';
import type { DriveItem } from './types';
import { GOOGLE_APPS_PREFIX } from './types';

export type FileResource = Record<string, unknown>;

export async function toFileResource(model: DriveModel, item: DriveItem, includeMd5: boolean): Promise<FileResource> {
  const isBinary = !item.mimeType.startsWith(GOOGLE_APPS_PREFIX) && item.content !== undefined;
  const extension = /\.([^.]+)$/.exec(item.name)?.[1];
  const fullExtension = /^[^.]*\.(.+)$/.exec(item.name)?.[1];
  const resource: FileResource = {
    kind: 'drive#file',
    id: item.id,
    name: item.name,
    mimeType: item.mimeType,
    starred: false,
    trashed: item.trashed,
    explicitlyTrashed: item.explicitlyTrashed,
    ...(item.parents.length > 0 ? { parents: item.parents } : {}),
    spaces: ['drive'],
    version: String(item.version),
    createdTime: item.createdTime,
    modifiedTime: item.modifiedTime,
    ownedByMe: item.driveId === undefined,
    ...(item.driveId ? { driveId: item.driveId, teamDriveId: item.driveId } : {}),
    capabilities: { canDownload: true, canListChildren: item.mimeType.endsWith('.folder') },
  };
  if (item.shortcutDetails) resource['shortcutDetails'] = { ...item.shortcutDetails };
  if (isBinary && item.content) {
    resource['originalFilename'] = item.name;
    if (extension) resource['fileExtension'] = extension;
    if (fullExtension) resource['fullFileExtension'] = fullExtension;
    // Drive sends int64 values as strings.
    resource['size'] = String(item.content.size);
    resource['quotaBytesUsed'] = String(item.content.size);
    resource['headRevisionId'] = item.headRevisionId;
    if (includeMd5) resource['md5Checksum'] = await model.md5For(item);
  }
  return resource;
}
