import { addMinutes } from './schedule';

/**
 * What kind of failure ended a file's transfer, which decides whether a later
 * sync tries it again:
 * - transient: rate limits, 5xx, dropped connections, a copy that did not match
 *   (the file may have changed while it was read) — retried after a growing wait;
 * - quota: the provider's download quota for the file — retried after `retryAfterMs`
 *   (about a day for Google Drive), then like a transient failure;
 * - permanent: the provider will never serve it (flagged as abusive, downloading
 *   turned off, no size or checksum) — not retried by itself.
 */
export type FailureClass = 'transient' | 'quota' | 'permanent';

/** Waits before the 1st, 2nd, 3rd... automatic retry of a transiently failed file; the last one repeats. */
export const RETRY_WAITS_MINUTES: readonly number[] = [30, 120, 480, 1440];
/** Failed rounds after which a file is no longer retried by itself (about four days of trying). */
export const MAX_FAILED_ROUNDS = 7;
/** Google Drive lifts a file's download quota after about a day. */
export const QUOTA_WAIT_MINUTES = 24 * 60;

export interface RetryPlan {
  /** When a later sync takes the file up again; null: not by itself. */
  readonly nextAttemptAt: string | null;
  readonly failedRounds: number;
}

/** The retry planned for a file that just failed, given the rounds it failed before. */
export function planRetry(failure: FailureClass, roundsBefore: number, now: string, retryAfterMs?: number): RetryPlan {
  const failedRounds = roundsBefore + 1;
  if (failure === 'permanent' || failedRounds > MAX_FAILED_ROUNDS) return { nextAttemptAt: null, failedRounds };
  const wait = RETRY_WAITS_MINUTES[Math.min(roundsBefore, RETRY_WAITS_MINUTES.length - 1)] ?? QUOTA_WAIT_MINUTES;
  const minutes = failure === 'quota' ? Math.max(wait, QUOTA_WAIT_MINUTES, Math.ceil((retryAfterMs ?? 0) / 60_000)) : wait;
  return { nextAttemptAt: addMinutes(now, minutes), failedRounds };
}

/** A failed file a sync at `now` takes up again. */
export function isRetryDue(file: { readonly status: string; readonly nextAttemptAt?: string | null }, now: string): boolean {
  return file.status === 'failed' && file.nextAttemptAt != null && file.nextAttemptAt <= now;
}
