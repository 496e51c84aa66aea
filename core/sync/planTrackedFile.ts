import { mapFileToCamera } from '../cameras/mapFileToCamera';
import type { CameraMappingConfig } from '../cameras/cameraMappingConfig';
import type { TimeZone } from '../time/timeZone';
import type { ProviderEntry } from '../providers/providerEntry';
import { videoFileVerdict } from '../providers/videoFileFilter';
import { cameraExcludedReason } from './fileReasons';
import type { TrackedFile } from './trackedFile';

export interface PlannedFile {
  readonly row: TrackedFile;
  /** The key to claim for a file to take (camera and day decided); null when skipped. */
  readonly keyParts: { readonly cameraId: string; readonly day: string | null; readonly name: string } | null;
}

/**
 * What a source makes of one provider file: a pending row with its camera and
 * recording start, or a skipped row saying why (not a video, an excluded camera).
 */
export function planTrackedFile(input: {
  tenantId: string;
  sourceId: string;
  runId: string;
  entry: ProviderEntry;
  relativePath: string;
  rootFolderId: string;
  rootFolderName: string;
  mapping: CameraMappingConfig;
  zone: TimeZone;
  now: string;
  /** The file's folder holds files naming several cameras (FolderCameras). */
  folderHoldsSeveralCameras?: boolean;
  /** Positions of folders in `relativePath` that are shortcuts' display names (walkFolders). */
  shortcutFolders?: readonly number[];
}): PlannedFile {
  const { entry } = input;
  const verdict = videoFileVerdict(entry);
  const camera = mapFileToCamera(
    {
      relativePath: input.relativePath,
      fileName: entry.name,
      rootFolderName: input.rootFolderName,
      modifiedTime: entry.modifiedTime,
      createdTime: entry.createdTime,
      folderHoldsSeveralCameras: input.folderHoldsSeveralCameras ?? false,
      shortcutFolders: input.shortcutFolders ?? [],
    },
    input.mapping,
    input.zone,
  );
  const reason = !verdict.take ? verdict.reason : camera.excluded ? cameraExcludedReason(camera.cameraName) : null;
  const row: TrackedFile = {
    tenantId: input.tenantId,
    sourceId: input.sourceId,
    providerFileId: entry.id,
    name: entry.name,
    relativePath: input.relativePath,
    rootFolderId: input.rootFolderId,
    cameraId: verdict.take ? camera.cameraId : null,
    mimeType: entry.mimeType,
    size: entry.size,
    md5: entry.md5,
    revision: entry.revision,
    modifiedTime: entry.modifiedTime,
    recordingStartAt: verdict.take ? camera.recordingStartAt : null,
    s3Key: null,
    status: reason === null ? 'pending' : 'skipped',
    attempts: 0,
    lastError: null,
    reason,
    bytesTransferred: 0,
    checkpoint: null,
    runId: input.runId,
    createdAt: input.now,
    updatedAt: input.now,
  };
  return { row, keyParts: reason === null ? { cameraId: camera.cameraId, day: camera.localDay, name: entry.name } : null };
}

/** A tracked file that left the source: kept (its footage too), marked removed with the reason. */
export function removedRow(existing: TrackedFile, reason: string, runId: string, now: string): TrackedFile {
  return { ...existing, status: 'removed', reason, runId, updatedAt: now };
}
