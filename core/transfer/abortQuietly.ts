import { TransientError } from '../errors';
import type { ObjectStore } from '../ports/objectStore';
import type { TransferCheckpoint } from '../sync/trackedFile';

/**
 * Aborts a recorded upload. A transient failure is let go: the upload is then
 * an orphan, which the bucket's lifecycle rule aborts after a few days in AWS.
 */
export async function abortQuietly(store: ObjectStore, checkpoint: TransferCheckpoint | null): Promise<void> {
  if (checkpoint === null) return;
  try {
    await store.abortMultipartUpload(checkpoint.s3Key, checkpoint.uploadId);
  } catch (error) {
    if (!(error instanceof TransientError)) throw error;
  }
}
