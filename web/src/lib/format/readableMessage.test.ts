import { afterEach, describe, expect, it } from 'vitest';
import { chooseLocale } from '../i18n/locale';
import { readableMessage } from './readableMessage';

describe('readableMessage', () => {
  it('drops an error class name in front and makes a sentence', () => {
    expect(readableMessage('ReauthRequiredError: Google refused the stored access; reconnect Google Drive')).toBe(
      'Google refused the stored access; reconnect Google Drive.',
    );
    expect(readableMessage('States.Timeout: the run took too long')).toBe('The run took too long.');
  });

  it('leaves ordinary sentences alone and shows nothing for nothing', () => {
    expect(readableMessage('Checksum mismatch: stored copy differs.')).toBe('Checksum mismatch: stored copy differs.');
    expect(readableMessage(null)).toBe('');
  });

  it('says what a Drive reason code means, with the real cause', () => {
    expect(readableMessage('Google Drive refused the download: cannotDownloadFile')).toBe(
      'Google Drive refused the download: the owner turned off downloading for this file.',
    );
    expect(readableMessage('PermanentError: Google Drive refused the download: downloadQuotaExceeded')).toBe(
      "Google Drive refused the download: the file's download quota is used up (it was downloaded too often lately); Google allows it again after about a day.",
    );
    // Words that only contain a code are left alone.
    expect(readableMessage('notFoundHere')).toBe('NotFoundHere.');
  });
});

describe('readableMessage on a Vietnamese page', () => {
  afterEach(() => chooseLocale('en'));

  it('never shows the stored English: it says what kind of trouble it is', () => {
    chooseLocale('vi');
    expect(readableMessage('ReauthRequiredError: Google refused the stored access; reconnect Google Drive')).toBe(
      'Google đã từ chối quyền truy cập của VTrack. Hãy kết nối lại Google Drive.',
    );
    expect(readableMessage('Google Drive refused the download: downloadQuotaExceeded')).toMatch(/giới hạn/);
    expect(readableMessage('Checksum mismatch: stored copy differs.')).toBe('Nguồn này gặp lỗi. VTrack sẽ thử lại ở lần đồng bộ tiếp theo.');
    expect(readableMessage(null)).toBe('');
  });
});

describe('readableMessage of a message stored with its code', () => {
  afterEach(() => chooseLocale('en'));

  it('words the code on a Vietnamese page, even where the English says nothing it knows', () => {
    chooseLocale('vi');
    expect(readableMessage('ListObjectsV2 failed: the bucket did not answer', 'network')).toBe('Tạm thời không kết nối được Google Drive. VTrack sẽ thử lại.');
    expect(readableMessage('the sync stopped unexpectedly (its worker was lost, for example by a restart); the next sync continues where it stopped', 'run_interrupted')).toBe(
      'Lần đồng bộ đã dừng trước khi xong. Lần đồng bộ tiếp theo sẽ làm tiếp từ chỗ đã dừng.',
    );
    expect(readableMessage('Being deleted: 12 files removed so far', 'being_deleted')).toBe('Đang xóa.');
    expect(readableMessage('connect a Google account to this source to start syncing', 'reauth_required')).toBe('Google đã từ chối quyền truy cập của VTrack. Hãy kết nối lại Google Drive.');
  });

  it('has Vietnamese words for every code', () => {
    const codes = ['reauth_required', 'drive_quota', 'folder_not_found', 'permission_denied', 'network', 'source_deleted', 'run_interrupted', 'files_unfinished', 'processing_failed', 'unknown', 'being_deleted', 'camera_removed'] as const;
    chooseLocale('vi');
    for (const code of codes) expect(readableMessage('stored in English', code)).toMatch(/[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i);
  });

  it('shows the stored English, more exact than the code, on an English page', () => {
    expect(readableMessage('Google Drive refused: dailyLimitExceeded', 'drive_quota')).toBe("Google Drive refused: VTrack used up today's allowance of Google Drive requests.");
  });
});

