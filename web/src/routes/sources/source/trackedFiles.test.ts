import { afterEach, describe, expect, it } from 'vitest';
import { chooseLocale } from '../../../lib/i18n/locale';
import type { TrackedFile } from '../../../lib/api/types';
import { FILE_STATUSES, explainFile, fileDay, filterFiles, readFilters, writeFilters } from './trackedFiles';

const file = (overrides: Partial<TrackedFile>): TrackedFile => ({
  providerFileId: 'f',
  name: 'a.mp4',
  relativePath: 'a.mp4',
  cameraId: 'cam1',
  cameraName: 'Cam1',
  size: 100,
  status: 'done',
  attempts: 1,
  lastError: null,
  lastErrorCode: null,
  failure: null,
  nextAttemptAt: null,
  reason: null,
  reasonCode: null,
  reasonDetail: null,
  bytesTransferred: 100,
  recordingStartAt: '2025-07-18T09:30:00Z',
  s3Key: null,
  updatedAt: '2025-07-18T10:00:00Z',
  processing: null,
  ...overrides,
});

describe('filters in the URL', () => {
  it('reads known filters and drops unknown statuses and malformed days', () => {
    expect(readFilters('?status=failed&camera=cam2&day=2025-07-18')).toEqual({ status: 'failed', camera: 'cam2', day: '2025-07-18', hour: '', q: '' });
    expect(readFilters('?status=exploded&day=yesterday')).toEqual({ status: '', camera: '', day: '', hour: '', q: '' });
  });

  it('writes only the filters that are set and keeps other parameters', () => {
    expect(writeFilters('?tab=files&status=done', { status: '', camera: 'cam1', day: '', hour: '', q: '' })).toBe('?tab=files&camera=cam1');
    expect(writeFilters('', { status: '', camera: '', day: '', hour: '', q: '' })).toBe('');
    expect(readFilters('?day=2025-07-18&hour=17&q=C%C3%A1m%201')).toMatchObject({ day: '2025-07-18', hour: '17', q: 'Cám 1' });
    expect(readFilters('?hour=24')).toMatchObject({ hour: '' });
  });
});

describe('filterFiles and fileDay', () => {
  it('keeps files of the camera and the day asked for, the day read in the given zone', () => {
    const late = file({ providerFileId: 'late', recordingStartAt: '2025-07-18T23:30:00Z' });
    const other = file({ providerFileId: 'other', cameraId: 'cam2' });
    const tokyo = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });

    expect(fileDay(late, tokyo)).toBe('2025-07-19');
    expect(filterFiles([file({}), other], { camera: 'cam2', day: '' }).map((f) => f.providerFileId)).toEqual(['other']);
    expect(fileDay(file({ recordingStartAt: null }))).toBe('');
  });
});

describe('explainFile', () => {
  it('explains a failure in words with what to do', () => {
    const explained = explainFile(
      file({ status: 'failed', attempts: 3, lastError: 'checksum mismatch: drive md5 abc, stored def', nextAttemptAt: '2025-07-18T10:30:00Z' }),
    );

    expect(explained?.problem).toBe('Could not be copied after 3 tries: Checksum mismatch: drive md5 abc, stored def.');
    expect(explained?.advice).toMatch(/did not match .* VTrack tries it again by itself after /);
  });

  it('says when a failed file will be tried again, or that it will not be by itself', () => {
    // Prepare: a download quota retried in a day; a file Google flagged, not retried.
    const quota = file({ status: 'failed', attempts: 1, lastError: 'Google Drive refused the download: downloadQuotaExceeded', nextAttemptAt: '2025-07-19T10:00:00Z' });
    const flagged = file({ status: 'failed', attempts: 1, lastError: 'Google Drive refused the download: cannotDownloadAbusiveFile', nextAttemptAt: null });

    // Assess
    expect(explainFile(quota)?.advice).toMatch(/limited how much .* tries it again by itself after .*Jul/);
    expect(explainFile(quota)?.advice).not.toMatch(/next sync/);
    expect(explainFile(flagged)?.advice).toMatch(/will not try it again by itself: once it is fixed, use Retry failed files/);
  });

  it('says a stored file could not be read as a video, in either language, without processing\'s English words', () => {
    const unreadable = file({ processing: { state: 'unprocessable', orders: 0, detail: 'Cam1_093300.mp4: moov atom not found' } });

    expect(explainFile(unreadable)?.problem).toBe('Stored, but it could not be read as a video: no order can be found in it.');
    chooseLocale('vi');
    expect(explainFile(unreadable)?.problem).toBe('Đã lưu nhưng không đọc được video này: không thể tìm đơn nào trong đó.');
    expect(explainFile(unreadable)?.advice).not.toMatch(/moov|Cam1/);
    chooseLocale('en');
    expect(explainFile(file({ processing: { state: 'processed', orders: 3, detail: null } }))).toBeNull();
  });

  it('has a general word for an unknown failure and nothing to say about a stored file', () => {
    expect(explainFile(file({ status: 'failed', lastError: 'weird', nextAttemptAt: '2025-07-18T11:00:00Z' }))?.advice).toMatch(/tries it again by itself/);
    expect(explainFile(file({ status: 'skipped', reason: 'not a video file (text/plain)' }))?.problem).toBe('Skipped: not a video file (text/plain).');
    expect(explainFile(file({}))).toBeNull();
  });

  it('says a file an agent processed but did not upload stays on site, not that it was no video', () => {
    // Prepare: the reason the cloud records (core/agents/recordAgentDelivery.ts).
    const kept = file({ status: 'skipped', reason: 'processed by the agent on site; the original stays on the agent (this source keeps clips only)', reasonCode: 'kept_on_agent' });

    // Assess
    expect(explainFile(kept)).toEqual({ problem: 'Processed on site: its orders and clips are here; the original stays on the agent.', advice: 'Nothing to do: this source keeps clips only.', note: true });
  });
});

describe('explainFile from the reason’s code', () => {
  afterEach(() => chooseLocale('en'));

  it('says on a Vietnamese page exactly why a file was skipped or removed, not a guess', () => {
    // Prepare
    chooseLocale('vi');
    const excluded = file({ status: 'skipped', reason: 'camera "Bàn 2" is excluded in this source\'s mapping', reasonCode: 'camera_excluded', reasonDetail: 'Bàn 2' });
    const copying = file({ status: 'skipped', reason: 'a temporary or hidden file (a copy still in progress, or system clutter)', reasonCode: 'temporary' });
    const trashed = file({ status: 'removed', reason: 'moved to the trash in Google Drive', reasonCode: 'trashed' });

    // Assess
    expect(explainFile(excluded)).toEqual({ problem: 'Bỏ qua: camera Bàn 2 đã bị loại trừ trong cài đặt của nguồn này.', advice: 'Muốn lấy tệp của camera này, hãy bỏ loại trừ camera trong phần Sửa.' });
    expect(explainFile(copying)?.problem).toBe('Bỏ qua: tệp tạm hoặc tệp ẩn (tệp đang sao chép dở, hoặc tệp rác của hệ thống).');
    expect(explainFile(copying)?.advice).toMatch(/sao chép xong/);
    expect(explainFile(trashed)?.problem).toBe('Đã gỡ: đã bị chuyển vào thùng rác trên Google Drive.');
    expect(explainFile(file({ status: 'expired', reason: 'deleted by the footage retention setting', reasonCode: 'retention' }))?.problem).toBe('Đã xoá theo thời hạn lưu video của bạn.');
  });

  it('says a file the agent could not read on site was not processed, with the agent’s error in English and in Vietnamese words', () => {
    // Prepare: the row the cloud records (core/agents/recordUnprocessableFile.ts).
    const reason = 'the agent could not read this video on site: ffprobe: Invalid data found when processing input';
    const unreadable = file({ status: 'unprocessable', reason, reasonCode: 'unreadable_on_agent', reasonDetail: 'ffprobe: Invalid data found when processing input' });

    // Act
    const english = explainFile(unreadable);
    chooseLocale('vi');
    const vietnamese = explainFile(unreadable);

    // Assess
    expect(english?.problem).toBe(`Not processed: ${reason}.`);
    expect(english?.advice).toMatch(/plays on the agent's computer/);
    expect(vietnamese).toEqual({
      problem: 'Chưa xử lý được: máy trạm không đọc được video này tại chỗ (tệp bị hỏng, hoặc không thực sự là video).',
      advice: 'Hãy kiểm tra xem tệp có mở xem được trên máy trạm không. Chép lại một bản tốt vào thư mục thì tệp sẽ được lấy như một tệp mới.',
    });
    expect(FILE_STATUSES.find((entry) => entry.value === 'unprocessable')?.label()).toBe('Không đọc được');
  });

  it('shows a reason without a code as written on an English page, and a plain one on a Vietnamese page', () => {
    const unknown = file({ status: 'skipped', reason: 'a reason from a newer version' });
    expect(explainFile(unknown)?.problem).toBe('Skipped: a reason from a newer version.');
    chooseLocale('vi');
    expect(explainFile(unknown)?.problem).toBe('Bỏ qua: VTrack không lấy tệp này.');
  });
});

describe('explainFile from the failure’s code', () => {
  afterEach(() => chooseLocale('en'));

  it('words a failed file by its stored code in both languages, whatever the English says', () => {
    // Prepare: English words that match no cause (or another one); the code the sync stored says what it was.
    const refused = file({ status: 'failed', attempts: 1, lastError: 'Google Drive refused: insufficientFilePermissions', lastErrorCode: 'permission_denied', nextAttemptAt: null });
    const slowed = file({ status: 'failed', attempts: 2, lastError: 'HTTP 400 access denied by upstream', lastErrorCode: 'drive_quota', nextAttemptAt: null });

    // Act
    const english = explainFile(slowed);
    chooseLocale('vi');
    const vietnamese = explainFile(refused);

    // Assess: the English page keeps the stored words, the advice follows the code.
    expect(english?.problem).toBe('Could not be copied after 2 tries: HTTP 400 access denied by upstream.');
    expect(english?.advice).toMatch(/^Google limited how much VTrack may download for now\./);
    expect(vietnamese).toEqual({
      problem: 'Không sao chép được: Tài khoản Google đã kết nối không có quyền mở mục này.',
      advice: 'VTrack không được phép đọc tệp này. Kiểm tra xem tài khoản Google đã kết nối có mở được tệp không. VTrack sẽ không tự thử lại: khi đã khắc phục, hãy bấm Thử lại các tệp lỗi.',
    });
  });

  it('says a checksum mismatch in Vietnamese without the English, and falls back to the words for a record stored before codes', () => {
    // Prepare
    chooseLocale('vi');
    const mismatch = file({ status: 'failed', attempts: 1, lastError: 'checksum mismatch: expected abc got def', lastErrorCode: 'checksum_mismatch' });
    const older = file({ status: 'failed', attempts: 1, lastError: 'checksum mismatch: expected abc got def' });

    // Act
    const coded = explainFile(mismatch);
    const fallback = explainFile(older);

    // Assess
    expect(coded?.problem).toBe('Không sao chép được: Bản sao không khớp với bản gốc.');
    expect(coded?.advice).toMatch(/^Bản sao không khớp với tệp trong Drive/);
    expect(fallback?.advice).toMatch(/^Bản sao không khớp với tệp trong Drive/);
  });
});
