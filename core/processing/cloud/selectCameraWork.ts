import type { FileProcessingRecord } from '../../ports/fileProcessingRepository';
import { revisionTagOf } from '../../ports/fileProcessingRepository';
import type { CameraWork } from '../../ports/processingManifestStore';
import type { TrackedFile } from '../../sync/trackedFile';

/**
 * From a source's stored files and what processing made of them, each camera's
 * work: its files in time order that still need processing (never processed, or
 * a new revision since), each with the stored files before and after it as
 * neighbours, so an order across a file boundary is built from both sides: the
 * file on each side, and further ones as long as they start within `reachSec`
 * (the longest order's reach, orderReachSec) of the file's start, or of the
 * start of the file after it, so an order longer than short segment files
 * (10 s files, a 90 s parcel) can be read through all of them. Files without a
 * recording time get the file on each side only. Cameras with nothing to do
 * are left out.
 */
export function selectCameraWork(files: readonly TrackedFile[], records: readonly FileProcessingRecord[], reachSec = 0): CameraWork[] {
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
    const keep = neighboursInReach(ordered.map((file) => Date.parse(file.recordingStartAt ?? '')), todo, reachSec * 1000);
    const entries = ordered.flatMap((file, i) => (keep[i] ? [{ providerFileId: file.providerFileId, todo: todo[i]! }] : []));
    if (entries.some((entry) => entry.todo)) work.push({ cameraId, files: entries });
  }
  return work;
}

/** Which files to list: the to-do ones and their neighbours within reach (NaN start: unknown, the file on each side only). */
function neighboursInReach(startMs: readonly number[], todo: readonly boolean[], reachMs: number): boolean[] {
  const keep = [...todo];
  todo.forEach((isTodo, i) => {
    if (!isTodo) return;
    // A to-do file on the way lists its own neighbours further out.
    for (let j = i - 1; j >= 0; j -= 1) {
      keep[j] = true;
      // The file before j ends about where j starts: needed while that is within reach.
      if (todo[j] || !(startMs[j]! > startMs[i]! - reachMs)) break;
    }
    for (let j = i + 1; j < todo.length; j += 1) {
      keep[j] = true;
      if (todo[j] || !(startMs[j + 1]! < startMs[i + 1]! + reachMs)) break;
    }
  });
  return keep;
}
