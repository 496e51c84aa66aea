import type { Clock } from '../ports/clock';
import type { EventRepository } from '../ports/eventRepository';
import type { ObjectTagger } from '../ports/objectTagger';
import type { ShareHolds } from '../ports/shareHolds';
import type { ShareLinkRepository } from '../ports/shareLinkRepository';
import type { StorageLedger } from '../ports/storageLedger';
import type { StorageSettingsRepository } from '../ports/storageSettingsRepository';
import { shareLinkState, type ShareLink } from '../shares/shareLink';
import { resolveRetention } from './retention';
import { HOLD_TAG, RETAIN_TAG_KEY, retentionTagFor } from './retentionTags';

export interface ClipHoldDeps {
  readonly ledger: Pick<StorageLedger, 'get' | 'setTag'>;
  readonly tagger: ObjectTagger;
  readonly settings: Pick<StorageSettingsRepository, 'get' | 'getKeep'>;
  readonly events: Pick<EventRepository, 'get'>;
  readonly shareLinks: Pick<ShareLinkRepository, 'listForEvent'>;
  readonly clock: Clock;
}

/**
 * Whether an order's clip is under a dispute keep: the order's own keep flag,
 * or a share link made with "keep" that still works (not turned off, not expired).
 */
export async function isClipHeld(deps: Pick<ClipHoldDeps, 'settings' | 'shareLinks' | 'clock'>, tenantId: string, eventId: string): Promise<boolean> {
  if ((await deps.settings.getKeep(tenantId, eventId)) !== null) return true;
  const now = deps.clock.now();
  return (await deps.shareLinks.listForEvent(tenantId, eventId)).some((link) => link.keep === true && shareLinkState(link, now).usable);
}

/**
 * Tags the order's clip for what holds it now: `hold` while a keep flag or a
 * keeping share link is on, else its source's clip class (an old clip then goes
 * at the next lifecycle run). A clip not cut yet is tagged when it is cut.
 * Returns the tag, or null when there is no stored clip.
 */
export async function retagClipHold(deps: ClipHoldDeps, tenantId: string, eventId: string): Promise<string | null> {
  const event = await deps.events.get(tenantId, eventId);
  const key = event?.clip.s3Key ?? null;
  const entry = key === null ? null : await deps.ledger.get(tenantId, key);
  if (entry === null) return null;
  const settings = await deps.settings.get(tenantId);
  const tag = (await isClipHeld(deps, tenantId, eventId)) ? HOLD_TAG : retentionTagFor('clip', resolveRetention(settings.retention, settings.sources[entry.sourceId]));
  if (tag !== entry.tag && (await deps.tagger.setTags(entry.key, { [RETAIN_TAG_KEY]: tag }))) await deps.ledger.setTag(tenantId, entry.key, tag);
  return tag;
}

/**
 * The storage worker's part for share links: keeping links that expired release
 * their hold (the clip goes back to its class unless something else still keeps
 * it). The link leaves the list only after its clip is re-tagged, so a run cut
 * off half-way is done again. Returns how many were released.
 */
export async function releaseExpiredShareHolds(deps: ClipHoldDeps & { readonly holds: ShareHolds }, limit: number): Promise<number> {
  const expired = await deps.holds.expiredHolds(deps.clock.now().toISOString(), limit);
  for (const link of expired) await releaseShareHold(deps, link);
  return expired.length;
}

/**
 * A keeping share link was turned off (or expired): its clip goes back to its
 * class unless the order itself, or another working keeping link, still holds it.
 */
export async function releaseShareHold(deps: ClipHoldDeps & { readonly holds: ShareHolds }, link: ShareLink): Promise<void> {
  if (link.keep !== true) return;
  await retagClipHold(deps, link.tenantId, link.eventId);
  await deps.holds.clearHold(link);
}
