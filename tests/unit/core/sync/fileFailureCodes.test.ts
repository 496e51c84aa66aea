import { describe, expect, it } from 'vitest';
import { NotFoundError, PermanentError, QuotaExceededError, TransientError } from '../../../../core/errors';
import { fileFailureCodeOf } from '../../../../core/sync/fileFailureCodes';
import type { TrackedFile } from '../../../../core/sync/trackedFile';
import { toTrackedFileView } from '../../../../core/sync/trackedFileView';

const row = (over: Partial<TrackedFile>): TrackedFile => ({
  tenantId: 't', sourceId: 's', providerFileId: 'f', name: 'Cam1.mp4', relativePath: 'Cam1.mp4', cameraId: 'cam1', mimeType: 'video/mp4',
  size: 1, md5: null, revision: null, modifiedTime: null, recordingStartAt: null, s3Key: null, status: 'failed', attempts: 1, lastError: 'x',
  reason: null, bytesTransferred: 0, checkpoint: null, runId: null, createdAt: 'x', updatedAt: 'x', ...over,
});

describe('a failed file’s error code', () => {
  it('is told by the error as the Drive adapter throws it: its Drive reason, else its kind', () => {
    // The errors classifyDriveError makes, with the reason in their context.
    const drive = (reason: string, error: typeof PermanentError = PermanentError) => new error(`Google Drive refused: ${reason}`, { context: { driveReason: reason } });

    expect(fileFailureCodeOf(drive('cannotDownloadAbusiveFile'))).toBe('flagged_abusive');
    expect(fileFailureCodeOf(drive('insufficientFilePermissions', NotFoundError))).toBe('permission_denied');
    expect(fileFailureCodeOf(drive('cannotDownloadFile'))).toBe('permission_denied');
    expect(fileFailureCodeOf(drive('notFound', NotFoundError))).toBe('not_found');
    expect(fileFailureCodeOf(drive('backendError', TransientError))).toBe('network');
    expect(fileFailureCodeOf(new QuotaExceededError('Google Drive refused the download: downloadQuotaExceeded', 60_000))).toBe('drive_quota');
    expect(fileFailureCodeOf(new NotFoundError('not found in Google Drive (deleted, or no longer shared with this account)'))).toBe('not_found');
    expect(fileFailureCodeOf(new TransientError('socket hang up'))).toBe('network');
    expect(fileFailureCodeOf(new Error('something new'))).toBe('unknown');
  });

  it('is in the API’s file view for a failed file that has one, and null for an older record or a file not failed', () => {
    expect(toTrackedFileView(row({ lastErrorCode: 'permission_denied' }))).toMatchObject({ lastErrorCode: 'permission_denied' });
    expect(toTrackedFileView(row({}))).toMatchObject({ lastErrorCode: null });
    expect(toTrackedFileView(row({ status: 'pending', lastErrorCode: 'network' }))).toMatchObject({ lastErrorCode: null });
  });
});
