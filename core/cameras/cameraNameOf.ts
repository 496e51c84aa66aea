import { parseRecordingFileName } from '../processing/recording/parseRecordingFileName';
import { cameraKey, legacyCameraKey } from './cameraKey';

/**
 * The name people see for a tracked file's camera: the tenant's rename, else
 * the name it was detected from (its file name's camera or one of its
 * folders, whichever has the camera's key, or its key from before "đ" was
 * read: files stored then keep it), else the key itself.
 */
export function cameraNameOf(file: { readonly cameraId: string | null; readonly name: string; readonly relativePath: string }, renames: Readonly<Record<string, string>>): string | null {
  if (file.cameraId === null) return null;
  const renamed = renames[file.cameraId];
  if (renamed !== undefined) return renamed;
  const fromName = parseRecordingFileName(file.name)?.camera;
  const candidates = [...(fromName === undefined ? [] : [fromName]), ...file.relativePath.split('/').slice(0, -1)];
  return candidates.find((candidate) => cameraKey(candidate) === file.cameraId || legacyCameraKey(candidate) === file.cameraId) ?? file.cameraId;
}
