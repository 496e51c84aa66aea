import type { CameraMapping, MappingPreview, PreviewCamera } from '../api/types';

/**
 * The camera mapping as the tenant edits it. The preview is asked for with the
 * layout and time zone only, so it reports the names VTrack detects; renames
 * and exclusions are applied here, on top, and saved with the source.
 */

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function defaultMapping(timeZone = browserTimeZone()): CameraMapping {
  return { layout: 'auto', timeZone, renames: {}, excluded: [] };
}

/** What to ask the preview for; equal keys mean the last preview still holds. */
export function previewRequest(folderIds: readonly string[], mapping: CameraMapping): { folderIds: string[]; mapping: CameraMapping } {
  return { folderIds: [...folderIds], mapping: { layout: mapping.layout, timeZone: mapping.timeZone.trim(), renames: {}, excluded: [] } };
}

export interface ShownCamera extends PreviewCamera {
  /** The name VTrack found, shown as the placeholder of the rename field. */
  detectedName: string;
}

export function shownCameras(preview: MappingPreview, mapping: CameraMapping): ShownCamera[] {
  return preview.cameras.map((camera) => ({
    ...camera,
    detectedName: camera.name,
    name: mapping.renames[camera.cameraId] ?? camera.name,
    excluded: mapping.excluded.includes(camera.cameraId),
  }));
}

/** A blank name, or the detected one, means "no rename". */
export function renameCamera(mapping: CameraMapping, camera: { cameraId: string; detectedName: string }, name: string): CameraMapping {
  const renames = { ...mapping.renames };
  const trimmed = name.trim();
  if (trimmed === '' || trimmed === camera.detectedName) delete renames[camera.cameraId];
  else renames[camera.cameraId] = trimmed;
  return { ...mapping, renames };
}

export function setExcluded(mapping: CameraMapping, cameraId: string, excluded: boolean): CameraMapping {
  const rest = mapping.excluded.filter((id) => id !== cameraId);
  return { ...mapping, excluded: excluded ? [...rest, cameraId] : rest };
}

/** "3 cameras, 120 files (2 excluded)" — what the source will take. */
export function takenSummary(cameras: readonly ShownCamera[]): { cameras: number; files: number; bytes: number } {
  const taken = cameras.filter((camera) => !camera.excluded);
  return {
    cameras: taken.length,
    files: taken.reduce((sum, camera) => sum + camera.fileCount, 0),
    bytes: taken.reduce((sum, camera) => sum + camera.bytes, 0),
  };
}
