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
 * it: for a file removed at the source or a source being deleted. Mark the row
 * removed first (planner upsert), so a transfer under way loses its claim and
 * cannot start a new upload. Idempotent; an upload already gone counts as aborted.
 */
export async function abandonTransfer(deps: AbandonDeps, ref: TrackedFileRef): Promise<{ abortedUploadId: string | null }> {
  const file = await deps.files.get(ref);
  const checkpoint = file?.checkpoint ?? null;
  if (checkpoint === null) return { abortedUploadId: null };
  await deps.objectStore.abortMultipartUpload(checkpoint.s3Key, checkpoint.uploadId);
  await deps.files.clearCheckpoint(ref, checkpoint.uploadId, deps.clock.now().toISOString());
  return { abortedUploadId: checkpoint.uploadId };
}
