/**
 * The Cognito fake against the verifier the local stack uses in cognito mode
 * (infra/local/auth/bearerVerifier.ts): its tokens pass exactly the checks
 * API Gateway's JWT authorizer makes, and fail them when they should.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoBearerVerifier } from '../../../infra/local/auth/bearerVerifier';
import { startFakeCognito, type FakeCognito } from './index';

const user = { sub: 'sub-1', email: 'ops@acme.test', tenantId: 'ten_1' };
const redirectUri = 'http://127.0.0.1:1/auth/callback';
const verifier = 'a-verifier-of-at-least-forty-three-characters-long';

let fake: FakeCognito;

beforeAll(async () => {
  fake = await startFakeCognito({ user, firstIdTokenWithoutTenant: true });
});
afterAll(() => fake.stop());

async function authorize(challenge: string): Promise<string> {
  const query = new URLSearchParams({ response_type: 'code', client_id: fake.clientId, redirect_uri: redirectUri, state: 's', code_challenge: challenge, code_challenge_method: 'S256' });
  const response = await fetch(`${fake.url}/oauth2/authorize?${query}`, { redirect: 'manual' });
  const location = new URL(response.headers.get('location') ?? '');
  expect(location.searchParams.get('state')).toBe('s');
  return location.searchParams.get('code') ?? '';
}

async function token(form: Record<string, string>): Promise<{ status: number; body: Record<string, string> }> {
  const response = await fetch(`${fake.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: fake.clientId, ...form }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

const clockAt = (ms: number): { now: () => Date } => ({ now: () => new Date(ms) });

describe('Cognito fake and the local JWT authorizer', () => {
  it('issues tokens for a code only with the right PKCE verifier, first without the tenant, refreshed with it', async () => {
    // Prepare
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const verify = cognitoBearerVerifier(fake, clockAt(Date.now()));

    // Act
    const wrong = await token({ grant_type: 'authorization_code', code: await authorize(challenge), redirect_uri: redirectUri, code_verifier: `${verifier}x` });
    const first = await token({ grant_type: 'authorization_code', code: await authorize(challenge), redirect_uri: redirectUri, code_verifier: verifier });
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: first.body['refresh_token'] ?? '' });

    // Assess
    expect(wrong.status).toBe(400);
    expect(first.status).toBe(200);
    const firstClaims = await verify(first.body['id_token'] ?? '');
    expect(firstClaims).toMatchObject({ sub: 'sub-1', email: 'ops@acme.test', token_use: 'id', aud: fake.clientId, iss: fake.issuer });
    expect(firstClaims['custom:tenantId']).toBeUndefined();
    expect(await verify(refreshed.body['id_token'] ?? '')).toMatchObject({ 'custom:tenantId': 'ten_1' });
    // Access tokens carry the client in client_id, as Cognito's do; the authorizer takes either.
    expect(await verify(first.body['access_token'] ?? '')).toMatchObject({ token_use: 'access', client_id: fake.clientId });
  });

  it('refuses another client’s audience, another issuer and an expired token', async () => {
    // Prepare
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const { body } = await token({ grant_type: 'authorization_code', code: await authorize(challenge), redirect_uri: redirectUri, code_verifier: verifier });
    const idToken = body['id_token'] ?? '';

    // Act / Assess
    await expect(cognitoBearerVerifier({ ...fake, clientId: 'another-client' }, clockAt(Date.now()))(idToken)).rejects.toThrow();
    await expect(cognitoBearerVerifier({ ...fake, issuer: 'https://cognito-idp.example/other' }, clockAt(Date.now()))(idToken)).rejects.toThrow();
    await expect(cognitoBearerVerifier(fake, clockAt(Date.now() + 2 * 3600_000))(idToken)).rejects.toThrow();
    await expect(cognitoBearerVerifier(fake, clockAt(Date.now()))(idToken)).resolves.toMatchObject({ sub: 'sub-1' });
  });

  it('sends the browser to logout_uri on logout and refuses a revoked refresh token', async () => {
    const logout = await fetch(`${fake.url}/logout?client_id=${fake.clientId}&logout_uri=${encodeURIComponent('http://127.0.0.1:1/')}`, { redirect: 'manual' });
    expect(logout.status).toBe(302);
    expect(logout.headers.get('location')).toBe('http://127.0.0.1:1/');

    fake.revokeRefreshTokens();
    expect((await token({ grant_type: 'refresh_token', refresh_token: 'anything' })).status).toBe(400);
  });
});
