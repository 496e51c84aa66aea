import type { ShareLink } from '../shares/shareLink';

/** Share links, listed per event within a tenant, and found by token hash alone (the public page knows no tenant). */
export interface ShareLinkRepository {
  /** ConflictError if the id or token hash is taken. */
  create(link: ShareLink): Promise<void>;
  get(tenantId: string, eventId: string, shareId: string): Promise<ShareLink | null>;
  listForEvent(tenantId: string, eventId: string): Promise<readonly ShareLink[]>;
  /** The link the token hash belongs to, revoked or expired ones included (so the page can say which); null if none. */
  findByTokenHash(tokenHash: string): Promise<ShareLink | null>;
  /** Every link of the tenant, revoked and expired ones included (its shop is being deleted). */
  listForTenant(tenantId: string): Promise<readonly ShareLink[]>;
  /** Deletes a link's token item, so the link is not found at all any more. Gone already is fine. */
  deleteToken(tokenHash: string): Promise<void>;
  /** Sets revokedAt once; revoking again keeps the first time. NotFoundError if there is no such link. */
  revoke(tenantId: string, eventId: string, shareId: string, at: string): Promise<ShareLink>;
}
