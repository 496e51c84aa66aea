/**
 * Device failures reach the web as a code with the device's English words as
 * detail: every code core lists has its own sentence in both languages, and a
 * Vietnamese page words the code, never the device's English.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceFailureCode } from '../../../../core/cameras/deviceFailure';
import { chooseLocale } from '../i18n/locale';
import { deviceFailureText } from './deviceFailureText';

afterEach(() => chooseLocale('en'));

/** The codes as core lists them (the web imports core by type only): a code added there without a text fails here. */
const source = readFileSync(new URL('../../../../core/cameras/deviceFailure.ts', import.meta.url), 'utf8');
const list = /export const deviceFailureCodes = \[([\s\S]*?)\] as const/.exec(source)?.[1] ?? '';
const codes = [...list.matchAll(/'([a-z_]+)'/g)].map((match) => match[1] as DeviceFailureCode);

describe('deviceFailureText', () => {
  it('has a distinct sentence for every code core lists, in English and in Vietnamese', () => {
    expect(codes.length).toBeGreaterThanOrEqual(10);
    for (const locale of ['en', 'vi'] as const) {
      chooseLocale(locale);
      const texts = codes.map((code) => deviceFailureText(code));
      expect(new Set(texts).size, locale).toBe(codes.length);
      for (const text of texts) expect(text.length, locale).toBeGreaterThan(5);
    }
  });

  it('words a code in Vietnamese on a Vietnamese page', () => {
    chooseLocale('vi');
    expect(deviceFailureText('wrong_password')).toBe('Thiết bị từ chối tên đăng nhập hoặc mật khẩu');
    expect(deviceFailureText('device_error')).toBe('Thiết bị báo lỗi');
  });

  it('gives a stored row without a code (history from before codes) the generic sentence', () => {
    chooseLocale('vi');
    expect(deviceFailureText(undefined)).toBe('Thiết bị báo lỗi');
    expect(deviceFailureText(null)).toBe('Thiết bị báo lỗi');
  });
});
