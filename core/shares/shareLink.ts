/** An expiring, revocable link that plays one event's clip without signing in. Only the token's hash is stored. */
export interface ShareLink {
  readonly tenantId: string;
  readonly id: string;
  readonly eventId: string;
  /** SHA-256 hex of the token in the URL. */
  readonly tokenHash: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  /**
   * A dispute keep: while the link works (not revoked, not expired) its order's clip is
   * never deleted by retention. Absent on links made before keeping existed: false.
   */
  readonly keep?: boolean;
}

export const MIN_SHARE_DAYS = 1;
export const MAX_SHARE_DAYS = 30;
export const DEFAULT_SHARE_DAYS = 7;

/** Whether a link still plays at `now`, and if not, why in words a customer understands. */
export function shareLinkState(link: ShareLink, now: Date): { readonly usable: true } | { readonly usable: false; readonly reason: 'revoked' | 'expired'; readonly message: string } {
  if (link.revokedAt !== null) return { usable: false, reason: 'revoked', message: 'This link was turned off by the shop that shared it. Ask them for a new one.' };
  if (Date.parse(link.expiresAt) <= now.getTime()) return { usable: false, reason: 'expired', message: 'This link has expired. Ask the shop that shared it for a new one.' };
  return { usable: true };
}
