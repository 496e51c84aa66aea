import type { TimeZone } from '../time/timeZone';
import type { CameraMappingConfig } from './cameraMappingConfig';
import { FolderCameras } from './folderCameras';
import { mapFileToCamera, type CameraAssignment } from './mapFileToCamera';

/** The whole local folder is one tree: its files share one root in FolderCameras. */
const ROOT = 'root';

/**
 * The name a local folder goes by as the camera of last resort: its last path
 * segment, for POSIX and Windows paths alike (`/srv/nvr/Quầy 1/` → `Quầy 1`).
 */
export function localFolderName(folderPath: string): string {
  return folderPath.split(/[\\/]/).filter(Boolean).pop() ?? folderPath;
}

/**
 * The cameras of a local folder's files, by the rules of Drive sources
 * (mapFileToCamera): a folder whose files name several cameras names none of
 * them, and each of its files goes by its own name's camera (FolderCameras).
 * Built from a listing of the whole folder, so each file is judged with its
 * neighbours: the agent's scan when it takes a file, and the same listing,
 * sent to the cloud, in the web app's preview (core/agents/agentListingView.ts).
 */
export class LocalFolderCameras {
  private readonly cameras = new FolderCameras();
  private readonly rootFolderName: string;

  /** `listedPaths`: every file below the folder, relative, folders joined by '/'. */
  constructor(
    folderPath: string,
    listedPaths: Iterable<string>,
    private readonly mapping: CameraMappingConfig,
    private readonly zone: TimeZone,
  ) {
    this.rootFolderName = localFolderName(folderPath);
    for (const relativePath of listedPaths) this.cameras.add(ROOT, relativePath);
  }

  cameraOf(file: { readonly relativePath: string; readonly modifiedTime: string | null }): CameraAssignment {
    return mapFileToCamera(
      {
        relativePath: file.relativePath,
        rootFolderName: this.rootFolderName,
        modifiedTime: file.modifiedTime,
        createdTime: null,
        folderHoldsSeveralCameras: this.cameras.holdsSeveral(ROOT, file.relativePath),
      },
      this.mapping,
      this.zone,
    );
  }
}
