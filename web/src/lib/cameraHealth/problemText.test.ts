/**
 * Camera health problems carry the recorder's English words (ffmpeg, the
 * device): the main sentence words the problem and its code in the page's
 * language, and the English words are only the secondary detail.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { chooseLocale } from '../i18n/locale';
import { problemDetail, problemText } from './problemText';

afterEach(() => chooseLocale('en'));

const ENGLISH = 'ffmpeg ended: [tcp @ 0x5] Connection to tcp://10.0.0.9:554 failed: Connection refused';

describe('problemText', () => {
  it('words an offline camera’s error from its code in Vietnamese, never the recorder’s English', () => {
    chooseLocale('vi');
    const text = problemText({ kind: 'offline', since: null, error: ENGLISH, errorCode: 'unreachable' });
    expect(text).toBe('Chưa có đoạn ghi: không có phản hồi tại địa chỉ của thiết bị; hãy kiểm tra thiết bị đã bật và có mạng');
    expect(text).not.toContain('Connection');
    expect(problemDetail({ kind: 'offline', since: null, error: ENGLISH, errorCode: 'unreachable' })).toBe(ENGLISH);
  });

  it('words the last drop of a stream from its code, and keeps its words as detail', () => {
    chooseLocale('vi');
    const problem = { kind: 'stream_errors', count: 3, lastReason: 'no new segment for 20 s (stream stalled)', lastReasonCode: 'stream_stalled' } as const;
    expect(problemText(problem)).not.toMatch(/segment|stalled/);
    expect(problemText(problem)).toContain('(lần cuối: luồng video ngừng gửi hình)');
    expect(problemDetail(problem)).toBe('no new segment for 20 s (stream stalled)');
  });

  it('words history stored before codes (an error without errorCode) with the generic sentence', () => {
    chooseLocale('vi');
    expect(problemText({ kind: 'offline', since: null, error: 'something the device said' })).toBe('Chưa có đoạn ghi: thiết bị báo lỗi');
    chooseLocale('en');
    expect(problemText({ kind: 'offline', since: null, error: 'something the device said' })).toBe('No footage yet: the device reported an error');
  });

  it('has no detail for a problem without device words', () => {
    expect(problemDetail({ kind: 'offline', since: null, error: null, errorCode: null })).toBeNull();
    expect(problemDetail({ kind: 'recording_gaps', minutes: 9 })).toBeNull();
  });
});
