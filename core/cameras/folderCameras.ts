import { cameraKey } from './cameraKey';
import { readRecordingName } from './readRecordingName';

/**
 * The cameras that file names name, per folder: a folder whose files name
 * several cameras (flat uploads inside a hierarchical tree) is no camera
 * itself, and each of its files goes by its own name's camera.
 */
export class FolderCameras {
  private readonly byFolder = new Map<string, Set<string>>();

  /**
   * `relativePath` is the file's path below the chosen folder, ending with its
   * name as listed; `fileName` its own name when that differs (a shortcut).
   */
  add(rootFolderId: string, relativePath: string, fileName?: string): void {
    const camera = readRecordingName({ relativePath, fileName })?.camera;
    if (camera === undefined) return;
    const key = folderKey(rootFolderId, relativePath);
    const cameras = this.byFolder.get(key) ?? new Set<string>();
    cameras.add(cameraKey(camera));
    this.byFolder.set(key, cameras);
  }

  /** True when the files in this file's folder name more than one camera. */
  holdsSeveral(rootFolderId: string, relativePath: string): boolean {
    return (this.byFolder.get(folderKey(rootFolderId, relativePath))?.size ?? 0) > 1;
  }
}

function folderKey(rootFolderId: string, relativePath: string): string {
  const slash = relativePath.lastIndexOf('/');
  return `${rootFolderId}\u0000${slash < 0 ? '' : relativePath.slice(0, slash)}`;
}
