import type { TrackedFileView } from '../api/sourcesApi';
import { cameraNameOf } from '../cameras/cameraNameOf';
import { revisionTagOf, type FileProcessingRecord } from '../ports/fileProcessingRepository';
import type { TrackedFile } from './trackedFile';
import { driveFailureInText } from '../google/driveFailures';
import { fileReasonOf } from './fileReasons';

/** A tracked file as the API shows it: progress and reasons, no upload internals. */

export function toTrackedFileView(file: TrackedFile, renames: Readonly<Record<string, string>> = {}, processed: FileProcessingRecord | null = null): TrackedFileView {
  const reason = fileReasonOf(file.reason);
  return {
    providerFileId: file.providerFileId,
    name: file.name,
    relativePath: file.relativePath,
    cameraId: file.cameraId,
    cameraName: cameraNameOf(file, renames),
    size: file.size,
    status: file.status,
    attempts: file.attempts,
    lastError: file.lastError,
    lastErrorCode: file.status === 'failed' ? (file.lastErrorCode ?? null) : null,
    failure: failureOf(file),
    nextAttemptAt: file.status === 'failed' ? (file.nextAttemptAt ?? null) : null,
    reason: file.reason,
    reasonCode: reason?.code ?? null,
    reasonDetail: reason?.detail ?? null,
    bytesTransferred: file.bytesTransferred,
    recordingStartAt: file.recordingStartAt,
    s3Key: file.s3Key,
    updatedAt: file.updatedAt,
    processing: processingOf(file, processed),
  };
}

/** The processing record's verdict, if it is about the content stored now (a new revision is not processed yet). */
function processingOf(file: TrackedFile, record: FileProcessingRecord | null): TrackedFileView['processing'] {
  if (record === null || file.status !== 'done' || record.revisionTag !== revisionTagOf(file)) return null;
  return { state: record.state, orders: record.events, detail: record.reason };
}

/** A failed file's Drive cause, read from its last error (which keeps Drive's reason). */
function failureOf(file: TrackedFile): TrackedFileView['failure'] {
  if (file.status !== 'failed') return null;
  const failure = driveFailureInText(file.lastError);
  return failure === null ? null : { code: failure.code, message: failure.message };
}
