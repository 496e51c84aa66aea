import type { TrackedFileView } from '../api/sourcesApi';
import type { TrackedFile } from './trackedFile';

/** A tracked file as the API shows it: progress and reasons, no upload internals. */

export function toTrackedFileView(file: TrackedFile): TrackedFileView {
  return {
    providerFileId: file.providerFileId,
    name: file.name,
    relativePath: file.relativePath,
    cameraId: file.cameraId,
    size: file.size,
    status: file.status,
    attempts: file.attempts,
    lastError: file.lastError,
    nextAttemptAt: file.status === 'failed' ? (file.nextAttemptAt ?? null) : null,
    reason: file.reason,
    bytesTransferred: file.bytesTransferred,
    recordingStartAt: file.recordingStartAt,
    s3Key: file.s3Key,
    updatedAt: file.updatedAt,
  };
}
