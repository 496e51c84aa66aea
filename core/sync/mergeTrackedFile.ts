import type { TrackedFile, TrackedFileStatus } from './trackedFile';

/** What the planner's write makes of a row: the row to store, and whether a transfer claim on it ends. */
export interface TrackedFileMerge {
  readonly file: TrackedFile;
  /**
   * The status came from the planner (new content, or a `skipped`/`removed`
   * file on either side): a transfer under way no longer holds the file and
   * stops at its next checkpoint.
   */
  readonly endsClaim: boolean;
}

/** Statuses a planner or a delivery states outright: the row takes them, or leaves them, whatever was stored. */
const notWanted = (status: TrackedFileStatus): boolean => status === 'skipped' || status === 'removed' || status === 'unprocessable';

/**
 * The planner's merge rules, as every TrackedFileRepository applies them in
 * `upsert` (`incoming` is what the planner says about the file now):
 *
 * - No row yet: the incoming row, as given.
 * - Always: what the provider says about the file's place and name (name,
 *   relativePath, rootFolderId, cameraId, mimeType, modifiedTime,
 *   recordingStartAt) and `updatedAt` come from `incoming`.
 * - Same revision: status, attempts, lastError, bytesTransferred, checkpoint,
 *   runId and reason stay as stored (a done file stays done; a live transfer
 *   keeps its checkpoint and claim), unless either side is `skipped`/`removed`/`unprocessable`:
 *   then status, runId and reason come from `incoming` and any claim ends.
 * - New revision: content fields (size, md5, revision, s3Key, previousS3Key) come from
 *   `incoming`; status, runId and reason too; attempts, lastError,
 *   bytesTransferred and a failed file's retry plan (nextAttemptAt,
 *   failedRounds) start over; the stored checkpoint stays, so the next
 *   transfer can abort its upload; any claim ends. Content fields change only
 *   with the revision.
 * - Identity and history (tenantId, sourceId, providerFileId, createdAt) stay as stored.
 */
export function mergeTrackedFile(existing: TrackedFile | null, incoming: TrackedFile): TrackedFileMerge {
  if (existing === null) return { file: incoming, endsClaim: false };
  const newContent = (existing.revision ?? '') !== (incoming.revision ?? '');
  const takesStatus = newContent || notWanted(incoming.status) || notWanted(existing.status);
  const file: TrackedFile = {
    ...existing,
    name: incoming.name,
    relativePath: incoming.relativePath,
    rootFolderId: incoming.rootFolderId ?? null,
    cameraId: incoming.cameraId,
    mimeType: incoming.mimeType,
    modifiedTime: incoming.modifiedTime,
    recordingStartAt: incoming.recordingStartAt,
    updatedAt: incoming.updatedAt,
    ...(newContent
      ? {
          size: incoming.size,
          md5: incoming.md5,
          revision: incoming.revision,
          s3Key: incoming.s3Key,
          attempts: 0,
          lastError: null,
          bytesTransferred: 0,
          ...(existing.nextAttemptAt == null ? {} : { nextAttemptAt: null }),
          ...(incoming.previousS3Key === undefined && existing.previousS3Key === undefined ? {} : { previousS3Key: incoming.previousS3Key ?? null }),
          ...(existing.failedRounds === undefined ? {} : { failedRounds: 0 }),
        }
      : {}),
    ...(takesStatus ? { status: incoming.status, runId: incoming.runId, reason: incoming.reason } : {}),
  };
  return { file, endsClaim: takesStatus };
}
