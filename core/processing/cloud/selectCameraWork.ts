import type { FileProcessingRecord } from '../../ports/fileProcessingRepository';
import { revisionTagOf } from '../../ports/fileProcessingRepository';
import type { CameraWork } from '../../ports/processingManifestStore';
import type { TrackedFile } from '../../sync/trackedFile';

/**
 * From a source's stored files and what processing made of them, each camera's
 * work: its files in time order that still need processing (never processed, or
 * a new revision since), each with the stored file before and after it as a
 * neighbour, so an order across a file boundary is built from both sides.
 * Cameras with nothing to do are left out.
 */
export function selectCameraWork(files: readonly TrackedFile[], records: readonly FileProcessingRecord[]): CameraWork[] {
  const recordOf = new Map(records.map((record) => [record.providerFileId, record]));
  const byCamera = new Map<string, TrackedFile[]>();
  for (const file of files) {
    if (file.status !== 'done' || file.s3Key === null || file.cameraId === null) continue;
    const list = byCamera.get(file.cameraId);
    if (list === undefined) byCamera.set(file.cameraId, [file]);
    else list.push(file);
  }
  const work: CameraWork[] = [];
  for (const cameraId of [...byCamera.keys()].sort()) {
    const ordered = byCamera.get(cameraId)!.sort(
      (a, b) => (a.recordingStartAt ?? '').localeCompare(b.recordingStartAt ?? '') || a.name.localeCompare(b.name) || a.providerFileId.localeCompare(b.providerFileId),
    );
    const todo = ordered.map((file) => recordOf.get(file.providerFileId)?.revisionTag !== revisionTagOf(file));
    const keep = todo.map((_, i) => todo[i - 1] === true || todo[i] === true || todo[i + 1] === true);
    const entries = ordered.flatMap((file, i) => (keep[i] ? [{ providerFileId: file.providerFileId, todo: todo[i]! }] : []));
    if (entries.some((entry) => entry.todo)) work.push({ cameraId, files: entries });
  }
  return work;
}
