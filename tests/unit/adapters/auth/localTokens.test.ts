import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, makeLocalTokenIssuer, TENANT_CLAIM, verifyLocalToken } from '../../../../adapters/auth/localTokens';

const key = randomBytes(32);
const now = new Date('2026-12-03T09:00:00Z');
const clock = { now: () => now };
const seconds = Math.floor(now.getTime() / 1000);

/** A token signed with the right key, issuer and audience; `change` shapes the rest. */
function signed(change: (jwt: SignJWT) => SignJWT, claims: Record<string, unknown> = { [TENANT_CLAIM]: 'ten_a', token_use: 'id' }): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).setSubject('usr_a');
  return change(jwt).sign(key);
}

describe('the local bearer verifier', () => {
  it('accepts the tokens local sign-in issues', async () => {
    const { token } = await makeLocalTokenIssuer(key, clock).issue({ tenantId: 'ten_a', userId: 'usr_a', email: 'a@shop.example' });

    const claims = await verifyLocalToken(token, key, clock);

    expect(claims).toMatchObject({ [TENANT_CLAIM]: 'ten_a', sub: 'usr_a', token_use: 'id' });
  });

  it.each([
    ['without exp', (jwt: SignJWT) => jwt.setIssuedAt(seconds)],
    ['without iat', (jwt: SignJWT) => jwt.setExpirationTime(seconds + 3600)],
    ['issued ten minutes in the future', (jwt: SignJWT) => jwt.setIssuedAt(seconds + 600).setExpirationTime(seconds + 3600)],
    ['older than a session', (jwt: SignJWT) => jwt.setIssuedAt(seconds - 13 * 3600).setExpirationTime(seconds + 3600)],
    ['expired', (jwt: SignJWT) => jwt.setIssuedAt(seconds - 7200).setExpirationTime(seconds - 3600)],
  ])('refuses a token %s', async (_case, change) => {
    await expect(verifyLocalToken(await signed(change), key, clock)).rejects.toMatchObject({ name: 'UnauthorizedError' });
  });

  it('allows a minute of clock skew on iat', async () => {
    const token = await signed((jwt) => jwt.setIssuedAt(seconds + 30).setExpirationTime(seconds + 3600));

    await expect(verifyLocalToken(token, key, clock)).resolves.toMatchObject({ sub: 'usr_a' });
  });

  it.each([
    ['an access token', { [TENANT_CLAIM]: 'ten_a', token_use: 'access' }],
    ['a token without token_use', { [TENANT_CLAIM]: 'ten_a' }],
  ])('refuses %s', async (_case, claims) => {
    const token = await signed((jwt) => jwt.setIssuedAt(seconds).setExpirationTime(seconds + 3600), claims);

    await expect(verifyLocalToken(token, key, clock)).rejects.toMatchObject({ name: 'UnauthorizedError' });
  });
});
