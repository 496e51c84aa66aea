import { describe, expect, it } from 'vitest';
import { GoneError, NotFoundError, ValidationError } from '../../../../core/errors';
import { shareLinkState, type ShareLink } from '../../../../core/shares/shareLink';
import { openShareLink, shareDays, sharePageUrl } from '../../../../core/shares/shareLinks';
import type { ShareLinkRepository } from '../../../../core/ports/shareLinkRepository';
import { hashSecret } from '../../../../core/agents/hashSecret';

const link: ShareLink = {
  tenantId: 'ten_a', id: 'shr_1', eventId: 'evt_1', tokenHash: hashSecret('t'.repeat(43)),
  createdAt: '2025-07-18T00:00:00.000Z', createdBy: 'usr_1', expiresAt: '2025-07-25T00:00:00.000Z', revokedAt: null,
};

/** Holds links in memory; counts lookups so a refused token can be shown never to reach the store. */
function linksHolding(...held: ShareLink[]): ShareLinkRepository & { lookups: number } {
  const store = {
    lookups: 0,
    create: async () => {},
    get: async () => null,
    listForEvent: async () => [],
    findByTokenHash: async (hash: string) => {
      store.lookups += 1;
      return held.find((candidate) => candidate.tokenHash === hash) ?? null;
    },
    revoke: async () => link,
    listForTenant: async () => [],
    deleteToken: async () => undefined,
  };
  return store;
}

describe('share links', () => {
  it('play until the second they expire, and never once revoked', () => {
    expect(shareLinkState(link, new Date('2025-07-24T23:59:59.999Z'))).toEqual({ usable: true });
    expect(shareLinkState(link, new Date('2025-07-25T00:00:00.000Z'))).toMatchObject({ usable: false, reason: 'expired' });
    expect(shareLinkState({ ...link, revokedAt: '2025-07-19T00:00:00.000Z' }, new Date('2025-07-20T00:00:00.000Z'))).toMatchObject({ usable: false, reason: 'revoked' });
  });

  it('last 7 days unless told 1 to 30 whole days', () => {
    expect(shareDays(undefined)).toBe(7);
    expect(shareDays(30)).toBe(30);
    for (const bad of [0, 31, 1.5, '7', -1]) expect(() => shareDays(bad)).toThrow(ValidationError);
  });

  it('open by token: unknown is NotFound, expired is Gone, and a token that cannot be one never reaches the store', async () => {
    const shares = linksHolding(link);
    const deps = { shareLinks: shares, events: { get: async () => null }, clock: { now: () => new Date('2025-07-26T00:00:00.000Z') } };

    await expect(openShareLink('t'.repeat(43), deps)).rejects.toThrow(GoneError);
    await expect(openShareLink('u'.repeat(43), deps)).rejects.toThrow(NotFoundError);
    const lookups = shares.lookups;
    await expect(openShareLink('short', deps)).rejects.toThrow(NotFoundError);
    expect(shares.lookups).toBe(lookups);
  });

  it('point at the public page under the site URL', () => {
    expect(sharePageUrl('https://vtrack.example/', 'abc')).toBe('https://vtrack.example/share/abc');
  });
});
