import type { ShareLink } from '../shares/shareLink';

/** Share links that keep their order's clip, until the hold is released (the link expired or was turned off). */
export interface ShareHolds {
  /** Links with a hold not yet released whose expiry is before `before`, soonest first. */
  expiredHolds(before: string, limit: number): Promise<readonly ShareLink[]>;
  /** The link's hold is released: it leaves the list above. */
  clearHold(link: ShareLink): Promise<void>;
}
