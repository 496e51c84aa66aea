import type { Clock } from '../ports/clock';
import type { ObjectStore } from '../ports/objectStore';
import type { TrackedFileRef, TrackedFileRepository } from '../ports/trackedFileRepository';

export interface AbandonDeps {
  readonly objectStore: ObjectStore;
  readonly files: TrackedFileRepository;
  readonly clock: Clock;
}

/**
 * Aborts the multipart upload a tracked file's checkpoint records and forgets
 * it, and any other upload still open for the file's key: for a file removed at
 * the source or a source being deleted. Mark the row
 * removed first (planner upsert), so a transfer under way loses its claim and
 * cannot start a new upload. Idempotent; an upload already gone counts as aborted.
 */
export async function abandonTransfer(deps: AbandonDeps, ref: TrackedFileRef): Promise<{ abortedUploadId: string | null }> {
  const file = await deps.files.get(ref);
  const checkpoint = file?.checkpoint ?? null;
  // A transfer killed between creating its upload and recording it left one that no checkpoint names
  // (a stored file, all its bytes transferred, has none left).
  if (file?.s3Key != null && file.bytesTransferred < (file.size ?? 1)) {
    for (const stray of await deps.objectStore.listOpenUploads(file.s3Key)) {
      if (stray !== checkpoint?.uploadId) await deps.objectStore.abortMultipartUpload(file.s3Key, stray);
    }
  }
  if (checkpoint === null) return { abortedUploadId: null };
  await deps.objectStore.abortMultipartUpload(checkpoint.s3Key, checkpoint.uploadId);
  await deps.files.clearCheckpoint(ref, checkpoint.uploadId, deps.clock.now().toISOString());
  return { abortedUploadId: checkpoint.uploadId };
}
