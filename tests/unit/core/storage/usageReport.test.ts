import { describe, expect, it } from 'vitest';
import type { UsageDayDelta } from '../../../../core/ports/storageLedger';
import { daysOfTag, lifecycleClasses, lifecycleExpiryOf, retentionTagFor } from '../../../../core/storage/retentionTags';
import { resolveRetention } from '../../../../core/storage/retention';
import { applyStorageSettingsPatch, defaultStorageSettings, parseStorageSettingsPatch } from '../../../../core/storage/storageSettings';
import { usageAlertStatus } from '../../../../core/storage/usageAlertStatus';
import { estimateMonthCost, retentionSavings, usageSeries } from '../../../../core/storage/usageReport';

const GB = 1_000_000_000;
const day = (d: string, fields: Partial<UsageDayDelta>): UsageDayDelta => ({
  day: d,
  footageBytes: 0,
  footageFiles: 0,
  clipBytes: 0,
  clipFiles: 0,
  footageAddedBytes: 0,
  clipAddedBytes: 0,
  ...fields,
});

describe('retention classes', () => {
  it('tags by kind and days, holds a disputed clip, and a source override wins over the tenant', () => {
    const tenant = { footageDays: 14, clipDays: 180 } as const;
    expect(retentionTagFor('footage', resolveRetention(tenant, undefined))).toBe('footage-14d');
    expect(retentionTagFor('footage', resolveRetention(tenant, { footageDays: null }))).toBe('footage-keep');
    expect(retentionTagFor('clip', resolveRetention(tenant, { footageDays: 7 }))).toBe('clip-180d');
    expect(retentionTagFor('clip', resolveRetention(tenant, { clipDays: null }))).toBe('clip-forever');
    expect(retentionTagFor('clip', tenant, true)).toBe('hold');
    expect(daysOfTag('hold')).toBeNull();
    expect(daysOfTag('footage-keep')).toBeNull();
    expect(daysOfTag('clip-365d')).toBe(365);
    expect(daysOfTag('footage-clipped')).toBe(1);
    // Nine retention choices and the clipped footage of clips-only sources: fixed, whatever the number of tenants.
    expect(lifecycleClasses).toHaveLength(10);
  });

  it('expires as S3 does: creation plus the days, rounded up to the next midnight UTC', () => {
    expect(lifecycleExpiryOf(new Date('2026-01-01T10:15:00Z'), 14).toISOString()).toBe('2026-01-16T00:00:00.000Z');
    expect(lifecycleExpiryOf(new Date('2026-01-01T00:00:00Z'), 14).toISOString()).toBe('2026-01-15T00:00:00.000Z');
  });
});

describe('usage from counters', () => {
  it('reads each day back from the running total and the net changes after it', () => {
    const totals = { footageBytes: 5 * GB, footageFiles: 5, clipBytes: GB, clipFiles: 10 };
    const deltas = [day('2026-03-09', { footageBytes: 3 * GB, footageFiles: 3 }), day('2026-03-10', { footageBytes: 2 * GB, footageFiles: 2, clipBytes: GB, clipFiles: 10 })];
    const series = usageSeries(totals, deltas, '2026-03-10', 4);
    expect(series).toEqual([
      { day: '2026-03-07', bytes: 0, files: 0 },
      { day: '2026-03-08', bytes: 0, files: 0 },
      { day: '2026-03-09', bytes: 3 * GB, files: 3 },
      { day: '2026-03-10', bytes: 6 * GB, files: 15 },
    ]);
  });

  it("estimates the month: storage at each day's size and today's for the rest, transfer and processing of the footage added", () => {
    // 30 GB stored all of April, 30 GB added on the first.
    const series = Array.from({ length: 10 }, (_, i) => ({ day: `2026-04-${String(i + 1).padStart(2, '0')}`, bytes: 30 * GB, files: 1 }));
    const cost = estimateMonthCost(series, [day('2026-04-01', { footageAddedBytes: 30 * GB, footageBytes: 30 * GB })], '2026-04-10');
    expect(cost.month).toBe('2026-04');
    expect(cost.storage).toBe(0.69); // 30 GB-month × $0.023
    expect(cost.transfer).toBe(0.03); // 27.9 GiB × $0.001
    expect(cost.processing).toBe(3.33); // 66.7 footage hours × $0.05
    expect(cost.total).toBe(4.05);
  });

  it('"footage 14 days, clips 180 days" saves what keeping a year of footage would cost', () => {
    // Two cameras, ten hours a day: 9 GB of footage and 0.1 GB of clips a day.
    const deltas = Array.from({ length: 30 }, (_, i) => day(`2026-04-${String(i + 1).padStart(2, '0')}`, { footageAddedBytes: 9 * GB, clipAddedBytes: 0.1 * GB }));
    const savings = retentionSavings(deltas, { footageDays: 14, clipDays: 180 }, '2026-04-30');
    expect(savings.footageBytesPerDay).toBe(9 * GB);
    expect(savings.keepAllBytes).toBe(Math.round(9.1 * GB * 365));
    expect(savings.withRetentionBytes).toBe(Math.round(9 * GB * 14 + 0.1 * GB * 180));
    expect(savings.savesPerMonth).toBeCloseTo(((9.1 * 365 - 9 * 14 - 0.1 * 180) * 0.023), 1);
    expect(retentionSavings(deltas, { footageDays: null, clipDays: null }, '2026-04-30').savesPerMonth).toBe(0);
  });

  it('crosses a GB or cost threshold and sends what crossed as numbers, not an English sentence', () => {
    const cost = { month: '2026-04', storage: 1, transfer: 0, processing: 0, total: 12.5 };
    expect(usageAlertStatus({ kind: 'gb', value: 100 }, 99 * GB, cost)).toEqual({ alert: { kind: 'gb', value: 100 }, crossed: false, crossing: null });
    expect(usageAlertStatus({ kind: 'gb', value: 100 }, 101 * GB, cost)).toEqual({
      alert: { kind: 'gb', value: 100 },
      crossed: true,
      crossing: { kind: 'gb', thresholdBytes: 100 * GB, measuredBytes: 101 * GB },
    });
    expect(usageAlertStatus({ kind: 'cost', value: 10 }, 0, cost)).toEqual({
      alert: { kind: 'cost', value: 10 },
      crossed: true,
      crossing: { kind: 'cost', thresholdUsd: 10, measuredUsd: 12.5 },
    });
    expect(usageAlertStatus(null, 1e15, cost)).toEqual({ alert: null, crossed: false, crossing: null });
  });
});

describe('storage settings', () => {
  it('a source override set to null follows the tenant again; only retention changes re-tag', () => {
    const first = applyStorageSettingsPatch(defaultStorageSettings, parseStorageSettingsPatch({ retention: { footageDays: 14 }, sources: { src_a: { clipDays: 365 } } }), 'now');
    expect(first.retagNeeded).toBe(true);
    expect(first.settings).toMatchObject({ retention: { footageDays: 14, clipDays: null }, sources: { src_a: { clipDays: 365 } }, generation: 1 });
    const back = applyStorageSettingsPatch(first.settings, parseStorageSettingsPatch({ sources: { src_a: null } }), 'now');
    expect(back.settings.sources).toEqual({});
    const alert = applyStorageSettingsPatch(back.settings, parseStorageSettingsPatch({ alert: { kind: 'cost', value: 20 } }), 'now');
    expect(alert.retagNeeded).toBe(false);
    expect(alert.settings.generation).toBe(back.settings.generation);
  });

  it('names the field at fault', () => {
    expect(() => parseStorageSettingsPatch({ retention: { footageDays: 15 } })).toThrow(expect.objectContaining({ field: 'retention.footageDays' }));
    expect(() => parseStorageSettingsPatch({ retention: { clipDays: 14 } })).toThrow(expect.objectContaining({ field: 'retention.clipDays' }));
    expect(() => parseStorageSettingsPatch({ alert: { kind: 'tb', value: 1 } })).toThrow(expect.objectContaining({ field: 'alert.kind' }));
    expect(() => parseStorageSettingsPatch({ retention: {}, extra: 1 })).toThrow(expect.objectContaining({ name: 'ValidationError' }));
  });
});
