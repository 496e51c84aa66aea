import { afterEach, describe, expect, it } from 'vitest';
import { m } from '../../paraglide/messages.js';
import { formatBytes } from '../format/bytes';
import { formatCount } from '../format/plural';
import { formatAbsolute, formatDuration, formatRelative, zoneFormat } from '../format/time';
import { browserLocale, chooseLocale, currentLocale } from './locale';

afterEach(() => chooseLocale('en'));

describe('browserLocale', () => {
  it('takes the first of the browser’s languages VTrack speaks, by its primary subtag', () => {
    expect(browserLocale(['vi-VN', 'en-US'])).toBe('vi');
    expect(browserLocale(['fr-FR', 'vi'])).toBe('vi');
    expect(browserLocale(['en-GB', 'vi-VN'])).toBe('en');
    expect(browserLocale(['VI_vn'])).toBe('vi');
  });

  it('falls back to English when it speaks none of them', () => {
    expect(browserLocale(['de-DE', 'ja'])).toBe('en');
    expect(browserLocale([])).toBe('en');
  });
});

describe('a chosen language', () => {
  it('switches the messages and every formatter at once', () => {
    const at = '2026-11-25T10:00:00Z';
    const now = Date.parse('2026-11-25T13:00:00Z');
    chooseLocale('vi');
    expect(currentLocale()).toBe('vi');
    expect(m.duration_min_s({ min: '3', s: '20' })).toBe('3 phút 20 giây');
    expect(formatDuration(200_000)).toBe('3 phút 20 giây');
    expect(formatDuration(1500)).toBe('1,5 giây');
    expect(formatBytes(1_500_000_000)).toBe('1,5 GB');
    expect(formatCount(1_234_567)).toBe('1.234.567');
    expect(formatRelative(at, now)).toBe('3 giờ trước');
    expect(formatRelative('2026-11-25T12:59:55Z', now)).toBe('vừa xong');
    expect(formatAbsolute(at, zoneFormat('Asia/Ho_Chi_Minh'))).toMatch(/^17:00.*25 thg 11/);

    chooseLocale('en');
    expect(formatDuration(200_000)).toBe('3 min 20 s');
    expect(formatBytes(1_500_000_000)).toBe('1.5 GB');
    expect(formatCount(1_234_567)).toBe('1,234,567');
    expect(formatRelative(at, now)).toBe('3 hours ago');
  });
});
