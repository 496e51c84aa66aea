import type { TrackedFile } from './trackedFile';

/** A tracked file as the API shows it: progress and reasons, no upload internals. */
export interface TrackedFileView {
  readonly providerFileId: string;
  readonly name: string;
  readonly relativePath: string;
  readonly cameraId: string | null;
  readonly size: number | null;
  readonly status: TrackedFile['status'];
  readonly attempts: number;
  readonly lastError: string | null;
  readonly reason: string | null;
  readonly bytesTransferred: number;
  readonly recordingStartAt: string | null;
  readonly s3Key: string | null;
  readonly updatedAt: string;
}

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
    reason: file.reason,
    bytesTransferred: file.bytesTransferred,
    recordingStartAt: file.recordingStartAt,
    s3Key: file.s3Key,
    updatedAt: file.updatedAt,
  };
}
