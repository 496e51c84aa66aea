import type { MappingPreviewView, PreviewNoteView, PreviewSampleView as PreviewSample } from '../api/googleApi';
import { mapFileToCamera } from '../cameras/mapFileToCamera';
import type { CameraMappingConfig } from '../cameras/cameraMappingConfig';
import { parseTimeZone } from '../time/timeZone';
import { videoFileVerdict, type FileSkipCode } from '../providers/videoFileFilter';
import type { StorageProvider } from '../providers/storageProvider';
import { walkFolders, type WalkedFile } from '../sync/walkFolders';
import { FolderCameras } from '../cameras/folderCameras';

const SAMPLES = 3;

/**
 * What a source would take from the chosen folders, before it is saved: the
 * cameras found, their file counts, sizes and sample files, and what would be
 * skipped and why. Walks the same way a first sync does, up to `maxFiles`.
 */
export async function previewCameraMapping(
  provider: StorageProvider,
  folderIds: readonly string[],
  mapping: CameraMappingConfig,
  maxFiles = 5000,
): Promise<MappingPreviewView> {
  const zone = parseTimeZone(mapping.timeZone, 'mapping.timeZone');
  const cameras = new Map<string, { name: string; excluded: boolean; fileCount: number; bytes: number; first: string | null; last: string | null; samples: PreviewSample[] }>();
  const skipped = new Map<string, { code: FileSkipCode; detail: string | null; count: number; samples: string[] }>();
  const notes: string[] = [];
  const noteDetails: PreviewNoteView[] = [];
  let filesSeen = 0;
  let truncated = false;

  // First the files, so a folder's cameras are known before any of its files is mapped.
  const files: WalkedFile[] = [];
  const folderCameras = new FolderCameras();
  for await (const item of walkFolders(provider, folderIds)) {
    if (item.kind === 'note') {
      notes.push(`${item.relativePath}: ${item.message}`);
      noteDetails.push({ code: item.code, relativePath: item.relativePath, name: item.name });
    }
    if (item.kind !== 'file') continue;
    if (files.length >= maxFiles) {
      truncated = true;
      break;
    }
    files.push(item);
    folderCameras.add(item.rootFolderId, item.relativePath, item.entry.name);
  }

  for (const item of files) {
    filesSeen += 1;
    const verdict = videoFileVerdict(item.entry);
    if (!verdict.take) {
      const bucket = skipped.get(verdict.reason) ?? { code: verdict.code, detail: verdict.detail, count: 0, samples: [] };
      bucket.count += 1;
      if (bucket.samples.length < SAMPLES) bucket.samples.push(item.relativePath);
      skipped.set(verdict.reason, bucket);
      continue;
    }
    const mapped = mapFileToCamera(
      {
        relativePath: item.relativePath,
        fileName: item.entry.name,
        rootFolderName: item.rootFolderName,
        modifiedTime: item.entry.modifiedTime,
        createdTime: item.entry.createdTime,
        folderHoldsSeveralCameras: folderCameras.holdsSeveral(item.rootFolderId, item.relativePath),
        shortcutFolders: item.shortcutFolders,
      },
      mapping,
      zone,
    );
    const camera = cameras.get(mapped.cameraId) ?? { name: mapped.cameraName, excluded: mapped.excluded, fileCount: 0, bytes: 0, first: null, last: null, samples: [] };
    camera.fileCount += 1;
    camera.bytes += item.entry.size ?? 0;
    if (mapped.recordingStartAt !== null) {
      if (camera.first === null || mapped.recordingStartAt < camera.first) camera.first = mapped.recordingStartAt;
      if (camera.last === null || mapped.recordingStartAt > camera.last) camera.last = mapped.recordingStartAt;
    }
    if (camera.samples.length < SAMPLES) camera.samples.push({ name: item.entry.name, relativePath: item.relativePath, recordingStartAt: mapped.recordingStartAt });
    cameras.set(mapped.cameraId, camera);
  }

  return {
    cameras: [...cameras.entries()]
      .map(([cameraId, c]) => ({ cameraId, name: c.name, excluded: c.excluded, fileCount: c.fileCount, bytes: c.bytes, firstRecordingAt: c.first, lastRecordingAt: c.last, samples: c.samples }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    skipped: [...skipped.entries()].map(([reason, s]) => ({ reason, code: s.code, detail: s.detail, count: s.count, samples: s.samples })),
    notes,
    noteDetails,
    truncated,
    filesSeen,
  };
}
