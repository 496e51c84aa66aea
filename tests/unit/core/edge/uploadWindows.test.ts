import { describe, expect, it } from 'vitest';
import { insideUploadWindow, nextUploadWindowMs } from '../../../../core/edge/uploadWindows';
import { parseTimeZone } from '../../../../core/time/timeZone';

const saigon = parseTimeZone('Asia/Ho_Chi_Minh');
// 2026-12-07 is a Monday.
const at = (local: string) => Date.parse(`${local}+07:00`);
const nights = [{ days: [1, 2, 3, 4, 5], start: '21:00', end: '06:00' }];

describe('upload windows', () => {
  it('allows any time without windows', () => {
    expect(insideUploadWindow([], at('2026-12-07T12:00:00'), saigon)).toBe(true);
  });

  it('reads the window in the agent time zone, including nights that run past midnight', () => {
    expect(insideUploadWindow(nights, at('2026-12-07T20:59:00'), saigon)).toBe(false);
    expect(insideUploadWindow(nights, at('2026-12-07T21:00:00'), saigon)).toBe(true);
    expect(insideUploadWindow(nights, at('2026-12-08T05:59:00'), saigon)).toBe(true);
    expect(insideUploadWindow(nights, at('2026-12-08T06:00:00'), saigon)).toBe(false);
    // Friday night runs into Saturday morning; Saturday night itself is not a window.
    expect(insideUploadWindow(nights, at('2026-12-12T03:00:00'), saigon)).toBe(true);
    expect(insideUploadWindow(nights, at('2026-12-12T22:00:00'), saigon)).toBe(false);
    // Monday early morning belongs to Sunday night, which has no window.
    expect(insideUploadWindow(nights, at('2026-12-07T03:00:00'), saigon)).toBe(false);
  });

  it('says when the next window opens', () => {
    expect(nextUploadWindowMs(nights, at('2026-12-07T12:00:30'), saigon)).toBe(at('2026-12-07T21:00:00'));
    expect(nextUploadWindowMs(nights, at('2026-12-07T22:00:00'), saigon)).toBe(at('2026-12-07T22:00:00'));
    expect(nextUploadWindowMs(nights, at('2026-12-12T10:00:00'), saigon)).toBe(at('2026-12-14T21:00:00'));
    expect(nextUploadWindowMs([{ days: [3], start: '10:00', end: '10:00' }], at('2026-12-07T10:00:00'), saigon)).toBe(at('2026-12-09T00:00:00'));
  });
});
