import { describe, expect, it } from 'vitest';
import { planDiskCleanup, type DiskLimits, type StoredFootage } from '../../../../core/edge/planDiskCleanup';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const MB = 1_000_000;
const footage = (id: string, recordedAt: string, uploadedAt: string | null, bytes = 100 * MB): StoredFootage => ({ id, bytes, recordedAt, uploadedAt });
const limits: DiskLimits = { maxUsedBytes: 1_000 * MB, minFreeBytes: 500 * MB, keepDaysAfterUpload: 7, whenFull: 'refuse_new' };
const roomy = { usedBytes: 300 * MB, freeBytes: 10_000 * MB };

describe('planDiskCleanup', () => {
  const store = [
    footage('old-up', '2026-11-01T08:00:00Z', '2026-11-01T09:00:00Z'),
    footage('mid-up', '2026-12-01T08:00:00Z', '2026-12-01T09:00:00Z'),
    footage('new-local', '2026-11-20T08:00:00Z', null),
    footage('newest-up', '2026-12-03T08:00:00Z', '2026-12-03T09:00:00Z'),
  ];

  it('deletes only footage past its local retention while within the limits', () => {
    const plan = planDiskCleanup(store, roomy, limits, NOW);
    expect(plan).toEqual({ delete: [{ id: 'old-up', bytes: 100 * MB, reason: 'retention' }], refuseNew: false, stillOverBytes: 0 });
  });

  it('over the used-bytes quota, deletes the oldest uploaded footage first and keeps what is only here', () => {
    const plan = planDiskCleanup(store, { usedBytes: 1_150 * MB, freeBytes: 10_000 * MB }, limits, NOW);
    expect(plan.delete.map((item) => [item.id, item.reason])).toEqual([
      ['old-up', 'retention'],
      ['mid-up', 'uploaded_oldest'],
    ]);
    expect(plan.refuseNew).toBe(false);
  });

  it('with refuse_new, deletes nothing that is not uploaded and refuses new footage while still short of free space', () => {
    const plan = planDiskCleanup(store, { usedBytes: 400 * MB, freeBytes: 100 * MB }, limits, NOW);
    expect(plan.delete.map((item) => item.id)).toEqual(['old-up', 'mid-up', 'newest-up']);
    expect(plan.refuseNew).toBe(true);
    expect(plan.stillOverBytes).toBe(100 * MB);
  });

  it('with drop_oldest, drops the oldest footage not yet uploaded, marked as such, only when nothing else is left', () => {
    const plan = planDiskCleanup(store, { usedBytes: 400 * MB, freeBytes: 100 * MB }, { ...limits, whenFull: 'drop_oldest' }, NOW);
    expect(plan.delete.map((item) => [item.id, item.reason])).toEqual([
      ['old-up', 'retention'],
      ['mid-up', 'uploaded_oldest'],
      ['newest-up', 'uploaded_oldest'],
      ['new-local', 'not_uploaded_dropped'],
    ]);
    expect(plan).toMatchObject({ refuseNew: false, stillOverBytes: 0 });
  });

  it('keeps uploaded footage for its retention days when there is room, and 0 days deletes it once uploaded', () => {
    expect(planDiskCleanup(store, roomy, { ...limits, keepDaysAfterUpload: 60 }, NOW).delete).toEqual([]);
    expect(planDiskCleanup(store, roomy, { ...limits, keepDaysAfterUpload: 0 }, NOW).delete.map((item) => item.id)).toEqual(['old-up', 'mid-up', 'newest-up']);
  });
});
