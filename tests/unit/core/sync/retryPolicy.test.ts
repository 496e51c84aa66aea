import { describe, expect, it } from 'vitest';
import { isRetryDue, MAX_FAILED_ROUNDS, planRetry } from '../../../../core/sync/retryPolicy';

const now = '2026-01-01T00:00:00.000Z';
const minutesAfterNow = (iso: string | null): number => (iso === null ? Number.NaN : (Date.parse(iso) - Date.parse(now)) / 60_000);

describe('when a failed file is tried again', () => {
  it('waits longer after each transient failure', () => {
    // Act
    const waits = [0, 1, 2, 3, 4].map((rounds) => minutesAfterNow(planRetry('transient', rounds, now).nextAttemptAt));

    // Assess
    expect(waits).toEqual([30, 120, 480, 1440, 1440]);
    expect(planRetry('transient', 2, now).failedRounds).toBe(3);
  });

  it('waits about a day for a download quota, or longer when the provider says so', () => {
    expect(minutesAfterNow(planRetry('quota', 0, now).nextAttemptAt)).toBe(1440);
    expect(minutesAfterNow(planRetry('quota', 0, now, 30 * 3600_000).nextAttemptAt)).toBe(1800);
  });

  it('never plans a retry for a permanent failure, nor once the rounds ran out', () => {
    expect(planRetry('permanent', 0, now)).toEqual({ nextAttemptAt: null, failedRounds: 1 });
    expect(planRetry('transient', MAX_FAILED_ROUNDS, now).nextAttemptAt).toBeNull();
    expect(planRetry('quota', MAX_FAILED_ROUNDS, now).nextAttemptAt).toBeNull();
  });

  it('takes up a failed file once its time has come, and nothing else', () => {
    expect(isRetryDue({ status: 'failed', nextAttemptAt: now }, now)).toBe(true);
    expect(isRetryDue({ status: 'failed', nextAttemptAt: '2026-01-01T00:00:01.000Z' }, now)).toBe(false);
    expect(isRetryDue({ status: 'failed', nextAttemptAt: null }, now)).toBe(false);
    expect(isRetryDue({ status: 'failed' }, now)).toBe(false);
    expect(isRetryDue({ status: 'pending', nextAttemptAt: now }, now)).toBe(false);
  });
});
