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
