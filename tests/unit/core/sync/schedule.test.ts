import { describe, expect, it } from 'vitest';
import { claimLeaseUntil, CLAIM_LEASE_MINUTES, isDue, nextSyncAfter } from '../../../../core/sync/schedule';

describe('schedule', () => {
  it('schedules the next sync one interval after the run finished', () => {
    expect(nextSyncAfter('2025-07-18T09:30:00.000Z', 15)).toBe('2025-07-18T09:45:00.000Z');
  });

  it('ends a claim lease CLAIM_LEASE_MINUTES after the claim', () => {
    expect(Date.parse(claimLeaseUntil('2025-07-18T09:30:00.000Z')) - Date.parse('2025-07-18T09:30:00.000Z')).toBe(CLAIM_LEASE_MINUTES * 60_000);
  });

  it('is due at and after nextSyncAt, never while unscheduled', () => {
    expect(isDue('2025-07-18T09:30:00.000Z', '2025-07-18T09:30:00.000Z')).toBe(true);
    expect(isDue('2025-07-18T09:30:00.001Z', '2025-07-18T09:30:00.000Z')).toBe(false);
    expect(isDue(null, '2099-01-01T00:00:00.000Z')).toBe(false);
  });
});
