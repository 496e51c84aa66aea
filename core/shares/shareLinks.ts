import { hashSecret } from '../agents/hashSecret';
import type { ShareLinkView } from '../api/eventsApi';
import { GoneError, NotFoundError, ValidationError } from '../errors';
import type { Clock } from '../ports/clock';
import type { EventRepository } from '../ports/eventRepository';
import type { IdGenerator } from '../ports/idGenerator';
import type { SecretGenerator } from '../ports/secretGenerator';
import type { ShareLinkRepository } from '../ports/shareLinkRepository';
import type { ParcelEvent } from '../events/parcelEvent';
import { DEFAULT_SHARE_DAYS, MAX_SHARE_DAYS, MIN_SHARE_DAYS, shareLinkState, type ShareLink } from './shareLink';

const DAY_MS = 86_400_000;
/** Tokens are base64url of 256 random bits (43 characters); anything else cannot be one. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,100}$/;

export interface ShareDeps {
  readonly shareLinks: ShareLinkRepository;
  readonly events: Pick<EventRepository, 'get'>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly secrets: Pick<SecretGenerator, 'credentialSecret'>;
}

/** The page a token opens: `<publicUrl>/share/<token>`. */
export function sharePageUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/share/${token}`;
}

export function toShareLinkView(link: ShareLink, url: string | null): ShareLinkView {
  return { id: link.id, eventId: link.eventId, url, createdAt: link.createdAt, expiresAt: link.expiresAt, revokedAt: link.revokedAt, keep: link.keep === true };
}

/** `days` from a request body: a whole number 1–30, 7 when absent. */
export function shareDays(days: unknown): number {
  if (days === undefined || days === null) return DEFAULT_SHARE_DAYS;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < MIN_SHARE_DAYS || days > MAX_SHARE_DAYS) {
    throw new ValidationError('days', `days: must be a whole number of days from ${MIN_SHARE_DAYS} to ${MAX_SHARE_DAYS}`);
  }
  return days;
}

/** `keep` from a request body: true or false, false when absent. */
export function shareKeep(keep: unknown): boolean {
  if (keep === undefined || keep === null) return false;
  if (typeof keep !== 'boolean') throw new ValidationError('keep', 'keep: must be true (keep the clip while the link works) or false');
  return keep;
}

async function eventOf(deps: Pick<ShareDeps, 'events'>, tenantId: string, eventId: string): Promise<ParcelEvent> {
  const event = await deps.events.get(tenantId, eventId);
  if (event === null) throw new NotFoundError('no such order clip');
  return event;
}

/** A new link for one of the tenant's events; the token is returned once and kept only as its hash. */
export async function createShareLink(
  input: { tenantId: string; userId: string; eventId: string; days: number; keep?: boolean },
  deps: ShareDeps,
): Promise<{ link: ShareLink; token: string }> {
  await eventOf(deps, input.tenantId, input.eventId);
  const now = deps.clock.now();
  const token = deps.secrets.credentialSecret();
  const link: ShareLink = {
    tenantId: input.tenantId,
    id: deps.ids.newId('shr'),
    eventId: input.eventId,
    tokenHash: hashSecret(token),
    createdAt: now.toISOString(),
    createdBy: input.userId,
    expiresAt: new Date(now.getTime() + input.days * DAY_MS).toISOString(),
    revokedAt: null,
    ...(input.keep === true ? { keep: true } : {}),
  };
  await deps.shareLinks.create(link);
  return { link, token };
}

/** The tenant's links of one event, newest first; 404 when the event is not the tenant's. */
export async function listShareLinks(tenantId: string, eventId: string, deps: Pick<ShareDeps, 'shareLinks' | 'events'>): Promise<readonly ShareLink[]> {
  await eventOf(deps, tenantId, eventId);
  const links = await deps.shareLinks.listForEvent(tenantId, eventId);
  return [...links].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Turns a link off for good; the link must belong to this event of this tenant. */
export async function revokeShareLink(tenantId: string, eventId: string, shareId: string, deps: Pick<ShareDeps, 'shareLinks' | 'clock'>): Promise<ShareLink> {
  const link = await deps.shareLinks.get(tenantId, eventId, shareId);
  if (link === null) throw new NotFoundError('no such share link');
  if (link.revokedAt !== null) return link;
  return deps.shareLinks.revoke(tenantId, eventId, shareId, deps.clock.now().toISOString());
}

/**
 * What a token opens, for a visitor without an account: the link and its event.
 * An unknown token (or one whose event is gone) is NotFoundError; an expired or
 * revoked one is GoneError with words for the customer.
 */
export async function openShareLink(token: string, deps: Pick<ShareDeps, 'shareLinks' | 'events' | 'clock'>): Promise<{ link: ShareLink; event: ParcelEvent }> {
  const missing = new NotFoundError('This link does not exist. Check that it was copied whole, or ask the shop for a new one.');
  if (!TOKEN_PATTERN.test(token)) throw missing;
  const link = await deps.shareLinks.findByTokenHash(hashSecret(token));
  if (link === null) throw missing;
  const state = shareLinkState(link, deps.clock.now());
  if (!state.usable) throw new GoneError(state.message, { context: { reason: state.reason } });
  const event = await deps.events.get(link.tenantId, link.eventId);
  // The order is gone (its source was deleted, or processing no longer finds it): the link did work once.
  if (event === null) throw new GoneError('The order clip this link showed was deleted by the shop. Ask the shop for a new link.', { context: { reason: 'event_deleted' } });
  return { link, event };
}
