import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallbackError, exchangeCallback } from './callback';
import { sessionFromIdToken } from './tokens';
import { unsignedJwt } from './memoryStorage.testing';

const pending = { state: 'state-1', verifier: 'verifier-1', next: '/sources/s1', domain: 'https://auth.example', clientId: 'client-1' };
const idToken = unsignedJwt({ sub: 'u1', email: 'ops@acme.test', 'custom:tenantId': 'ten_1', exp: 2_000_000_000 });

describe('exchangeCallback', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => vi.stubGlobal('fetch', fetchMock));
  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  it('trades the code with the PKCE verifier as a form, for the pending sign-in', async () => {
    fetchMock.mockResolvedValue(Response.json({ id_token: idToken, access_token: 'a', refresh_token: 'r1', expires_in: 3600 }));

    const result = await exchangeCallback(new URLSearchParams({ code: 'code-1', state: 'state-1' }), pending, 'https://app.example');

    expect(result.tokens).toEqual({ idToken, refreshToken: 'r1' });
    expect(result.pending.next).toBe('/sources/s1');
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(String(url)).toBe('https://auth.example/oauth2/token');
    expect(init?.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded' });
    expect(Object.fromEntries(new URLSearchParams(String(init?.body)))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'client-1',
      code: 'code-1',
      redirect_uri: 'https://app.example/auth/callback',
      code_verifier: 'verifier-1',
    });
  });

  it('refuses a state this tab did not send, or no pending sign-in, without calling Cognito', async () => {
    await expect(exchangeCallback(new URLSearchParams({ code: 'c', state: 'forged' }), pending, 'https://app.example')).rejects.toThrow(CallbackError);
    await expect(exchangeCallback(new URLSearchParams({ code: 'c', state: 'state-1' }), null, 'https://app.example')).rejects.toThrow(/already used/);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('explains a refused sign-in and a code Cognito would not trade', async () => {
    await expect(exchangeCallback(new URLSearchParams({ error: 'access_denied', state: 'state-1' }), pending, 'https://app.example')).rejects.toThrow(
      /not completed/,
    );
    fetchMock.mockResolvedValue(Response.json({ error: 'invalid_grant' }, { status: 400 }));
    await expect(exchangeCallback(new URLSearchParams({ code: 'c', state: 'state-1' }), pending, 'https://app.example')).rejects.toThrow(
      /could not be completed/,
    );
  });
});

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
