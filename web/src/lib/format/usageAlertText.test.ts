/**
 * The usage alert comes from the API as numbers (what crossed, the threshold,
 * what was measured): the page words it in its own language with that
 * language's number, size and currency formats.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { chooseLocale } from '../i18n/locale';
import { usageAlertText } from './usageAlertText';

const GB = 1_000_000_000;

afterEach(() => chooseLocale('en'));

describe('usageAlertText', () => {
  it('says in English how far storage passed a GB alert, sizes as English writes them', () => {
    chooseLocale('en');
    expect(usageAlertText({ kind: 'gb', thresholdBytes: 100 * GB, measuredBytes: 101.5 * GB })).toBe('Storage is 102 GB, over your alert of 100 GB.');
    expect(usageAlertText({ kind: 'gb', thresholdBytes: 1 * GB, measuredBytes: 1.2 * GB })).toBe('Storage is 1.2 GB, over your alert of 1.0 GB.');
  });

  it('says it in Vietnamese with a decimal comma, and no English word', () => {
    chooseLocale('vi');
    const text = usageAlertText({ kind: 'gb', thresholdBytes: 1 * GB, measuredBytes: 1.2 * GB });
    expect(text).toBe('Dung lượng đang lưu là 1,2 GB, vượt mức cảnh báo 1,0 GB của bạn.');
    expect(text).not.toMatch(/\b(storage|over|your|alert)\b/i);
  });

  it('words a cost alert with the month’s estimate in the language’s currency format', () => {
    chooseLocale('en');
    expect(usageAlertText({ kind: 'cost', thresholdUsd: 10, measuredUsd: 12.5 })).toBe('This month’s estimated cost is $12.50, over your alert of $10.00.');
    chooseLocale('vi');
    expect(usageAlertText({ kind: 'cost', thresholdUsd: 10, measuredUsd: 12.5 })).toBe('Chi phí ước tính tháng này là 12,50\u00a0US$, vượt mức cảnh báo 10,00\u00a0US$ của bạn.');
  });
});
