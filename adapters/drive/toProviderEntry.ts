import type { drive_v3 } from 'googleapis';
import type { ProviderEntry } from '../../core/providers/providerEntry';

export const FOLDER_MIME = 'application/vnd.google-apps.folder';
export const SHORTCUT_MIME = 'application/vnd.google-apps.shortcut';

/** The file fields every call asks for: exactly what ProviderEntry needs, nothing more. */
export const ENTRY_FIELDS =
  'id,name,mimeType,parents,size,md5Checksum,headRevisionId,modifiedTime,createdTime,trashed,driveId,shortcutDetails(targetId,targetMimeType)';

export function toProviderEntry(file: drive_v3.Schema$File): ProviderEntry {
  const mimeType = file.mimeType ?? 'application/octet-stream';
  const target = file.shortcutDetails;
  return {
    id: file.id ?? '',
    name: file.name ?? '',
    kind: mimeType === FOLDER_MIME ? 'folder' : mimeType === SHORTCUT_MIME ? 'shortcut' : 'file',
    mimeType,
    parentIds: file.parents ?? [],
    size: file.size === undefined || file.size === null ? null : Number(file.size),
    md5: file.md5Checksum ?? null,
    revision: file.headRevisionId ?? null,
    modifiedTime: file.modifiedTime ?? null,
    createdTime: file.createdTime ?? null,
    trashed: file.trashed === true,
    driveId: file.driveId ?? null,
    shortcutTarget:
      mimeType === SHORTCUT_MIME && target?.targetId ? { id: target.targetId, mimeType: target.targetMimeType ?? 'application/octet-stream' } : null,
  };
}
