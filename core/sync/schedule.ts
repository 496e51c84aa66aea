/**
 * Scheduling rules shared by the API (create, sync now, resume) and the sync
 * machines (claim, finish). Pure: callers pass the clock's time in.
 */

/**
 * How long a claim holds before the dispatcher may start the source again.
 * A run that dies without finishing (crash, timeout, lost execution) leaves its
 * claim behind; the lease makes the source due again instead of stuck forever.
 */
export const CLAIM_LEASE_MINUTES = 30;

/** The deployed EventBridge rule and the local scheduler both fire dispatch this often. */
export const DISPATCH_RATE_MINUTES = 1;

/** At most this many sources are claimed per dispatch, keeping one execution small. */
export const MAX_CLAIMS_PER_DISPATCH = 100;

export function addMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}

export function nextSyncAfter(finishedAt: string, intervalMinutes: number): string {
  return addMinutes(finishedAt, intervalMinutes);
}

export function claimLeaseUntil(claimedAt: string): string {
  return addMinutes(claimedAt, CLAIM_LEASE_MINUTES);
}

export function isDue(nextSyncAt: string | null, now: string): boolean {
  return nextSyncAt !== null && nextSyncAt <= now;
}
