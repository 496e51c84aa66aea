import { describe, expect, it } from 'vitest';
import { sessionFromIdToken } from './tokens';
import { unsignedJwt } from './memoryStorage.testing';

const idToken = unsignedJwt({ sub: 'u1', email: 'ops@acme.test', 'custom:tenantId': 'ten_1', exp: 2_000_000_000 });

describe('sessionFromIdToken', () => {
  it('keeps the ID token as the bearer, renewable, expiring a minute early, with who the claims say', () => {
    const session = sessionFromIdToken(idToken);

    expect(session.token).toBe(idToken);
    expect(session.renewable).toBe(true);
    expect(Date.parse(session.expiresAt)).toBe(2_000_000_000_000 - 60_000);
    expect(session.user).toEqual({ tenantId: 'ten_1', userId: 'u1', email: 'ops@acme.test', tenantName: '', timeZone: null, role: 'staff' });
  });

  it('keeps the tenant’s name and zone from before a refresh, and copes with a token without the tenant', () => {
    const fresh = unsignedJwt({ sub: 'u1', email: 'ops@acme.test', exp: 2_000_000_000 });
    const previous = { tenantId: 'ten_1', userId: 'u1', email: 'ops@acme.test', tenantName: 'Acme', timeZone: 'Asia/Tokyo', role: 'admin' as const };

    const user = sessionFromIdToken(fresh, previous).user;

    expect(user).toMatchObject({ tenantId: '', tenantName: 'Acme', timeZone: 'Asia/Tokyo', role: 'admin' });
  });
});
