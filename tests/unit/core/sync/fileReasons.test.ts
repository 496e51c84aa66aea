import { describe, expect, it } from 'vitest';
import { localFileVerdict } from '../../../../core/edge/localFileVerdict';
import { videoFileVerdict } from '../../../../core/providers/videoFileFilter';
import { FILE_REASONS, cameraExcludedReason, fileReasonOf, unreadableOnAgentReason } from '../../../../core/sync/fileReasons';
import { toTrackedFileView } from '../../../../core/sync/trackedFileView';
import type { TrackedFile } from '../../../../core/sync/trackedFile';

const row = (over: Partial<TrackedFile>): TrackedFile => ({
  tenantId: 't', sourceId: 's', providerFileId: 'f', name: 'Cam1.mp4', relativePath: 'Cam1.mp4', cameraId: 'cam1', mimeType: 'video/mp4',
  size: 1, md5: null, revision: null, modifiedTime: null, recordingStartAt: null, s3Key: null, status: 'skipped', attempts: 0, lastError: null,
  reason: null, bytesTransferred: 0, checkpoint: null, runId: null, createdAt: 'x', updatedAt: 'x', ...over,
});

describe('file reasons as codes', () => {
  it('reads back the code of every reason the backend writes, with its detail', () => {
    for (const [code, text] of Object.entries(FILE_REASONS)) expect(fileReasonOf(text)).toEqual({ code, detail: null });
    expect(fileReasonOf(cameraExcludedReason('Bàn đóng gói "2"'))).toEqual({ code: 'camera_excluded', detail: 'Bàn đóng gói "2"' });
    expect(fileReasonOf(unreadableOnAgentReason('moov atom not found\nInvalid data'))).toEqual({ code: 'unreadable_on_agent', detail: 'moov atom not found\nInvalid data' });
  });

  it('agrees with the code of every skip verdict, Drive and local folders', () => {
    const verdicts = [
      videoFileVerdict({ name: 'Sổ giao hàng', mimeType: 'application/vnd.google-apps.spreadsheet', size: null }),
      videoFileVerdict({ name: 'bảng kê.pdf', mimeType: 'application/pdf', size: 10 }),
      videoFileVerdict({ name: 'notes', mimeType: '', size: 10 }),
      localFileVerdict('Cam1_20250718_093000.mp4.part', 10),
      localFileVerdict('~$bảng kê.xlsx', 10),
      localFileVerdict('Cam1_20250718_093000.mp4', 0),
    ];
    for (const verdict of verdicts) {
      if (verdict.take) throw new Error('expected a skip');
      expect(fileReasonOf(verdict.reason)).toEqual({ code: verdict.code, detail: verdict.detail });
    }
  });

  it('shows the code in the API’s file view, and none for a reason it did not write', () => {
    expect(toTrackedFileView(row({ status: 'removed', reason: FILE_REASONS.trashed }))).toMatchObject({ reasonCode: 'trashed', reasonDetail: null });
    expect(toTrackedFileView(row({ reason: 'something a future version wrote' }))).toMatchObject({ reasonCode: null, reasonDetail: null });
    expect(toTrackedFileView(row({ status: 'done', reason: null }))).toMatchObject({ reasonCode: null, reasonDetail: null });
  });
});
