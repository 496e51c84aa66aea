import { parseRecordingFileName, type ParsedRecordingName } from '../processing/recording/parseRecordingFileName';

/**
 * The camera and wall-clock start a file's names tell. The file's own name
 * comes first: a path may end with a shortcut's display name, which names the
 * camera only when the file's own name carries none.
 */
export function readRecordingName(file: { readonly relativePath: string; readonly fileName?: string | undefined }): ParsedRecordingName | null {
  const shown = parseRecordingFileName(file.relativePath.slice(file.relativePath.lastIndexOf('/') + 1));
  if (file.fileName === undefined) return shown;
  const own = parseRecordingFileName(file.fileName);
  if (own === null) return shown;
  return own.camera === undefined && shown?.camera !== undefined ? { ...own, camera: shown.camera } : own;
}
