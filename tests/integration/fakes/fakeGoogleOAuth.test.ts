// The OAuth side of the fake driven through google-auth-library: the PKCE
// code flow, refresh, revocation, service accounts, and the bearer check on
// every Drive request.
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Auth, google } from 'googleapis';
import type { FakeGoogle } from '../../fakes/drive';
import { fakeGoogleTransporter, startFakeGoogle } from '../../fakes/drive';
import { driveClientFor, oauthClientFor } from './support/driveClientFor';
import { gaxiosFailure } from './support/gaxiosFailure';
import { caught } from './support/streams';

const REDIRECT = 'http://127.0.0.1:9/oauth/callback';
const SCOPE = 'https://www.googleapis.com/auth/drive.readonly';

/** Follows the authorize URL one hop, as the browser would, and returns the redirect target. */
async function authorize(url: string): Promise<URL> {
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') as string);
}

describe('OAuth fake: authorization code with PKCE', () => {
  let fake: FakeGoogle;

  beforeEach(async () => {
    fake = await startFakeGoogle();
  });
  afterEach(async () => {
    await fake.stop();
  });

  async function startFlow(client: ReturnType<typeof oauthClientFor>): Promise<{ code: string; state: string | null; codeVerifier: string }> {
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    const url = client.generateAuthUrl({
      access_type: 'offline',
      prompt: 'consent',
      scope: [SCOPE],
      state: 'state-123',
      code_challenge: codeChallenge as string,
      code_challenge_method: Auth.CodeChallengeMethod.S256,
    });
    const target = await authorize(url);
    return { code: target.searchParams.get('code') as string, state: target.searchParams.get('state'), codeVerifier };
  }

  test('auto-approves, redirects with code and state, and exchanges the code once for working tokens', async () => {
    // Prepare
    const client = oauthClientFor(fake, REDIRECT);
    const { code, state, codeVerifier } = await startFlow(client);

    // Act
    const { tokens } = await client.getToken({ code, codeVerifier });
    client.setCredentials(tokens);
    const about = await google.drive({ version: 'v3', auth: client, rootUrl: fake.rootUrl }).about.get({ fields: 'user(emailAddress)' });
    const reuse = await caught(client.getToken({ code, codeVerifier }));

    // Assess
    expect(state).toBe('state-123');
    expect(fake.oauth.authorizations[0]).toMatchObject({ state: 'state-123', codeChallengeMethod: 'S256', accessType: 'offline', scope: SCOPE });
    expect(tokens).toMatchObject({ token_type: 'Bearer', scope: SCOPE, refresh_token: expect.stringMatching(/^1\/\//) });
    expect(tokens.expiry_date).toBeGreaterThan(Date.now());
    expect(about.data.user?.emailAddress).toBe('test.user@example.com');
    expect(gaxiosFailure(reuse).data).toMatchObject({ error: 'invalid_grant' });
  });

  test('refuses a wrong code_verifier with invalid_grant', async () => {
    // Prepare
    const client = oauthClientFor(fake, REDIRECT);
    const { code } = await startFlow(client);

    // Act
    const error = await caught(client.getToken({ code, codeVerifier: 'not-the-verifier-that-made-the-challenge-0123456789' }));

    // Assess
    expect(gaxiosFailure(error).status).toBe(400);
    expect(gaxiosFailure(error).data).toEqual({ error: 'invalid_grant', error_description: 'Invalid code verifier.' });
  });

  test('when told to deny, redirects with error=access_denied and the state', async () => {
    // Prepare
    fake.oauth.consent = 'deny';
    const client = oauthClientFor(fake, REDIRECT);

    // Act
    const target = await authorize(client.generateAuthUrl({ scope: [SCOPE], state: 's1' }));

    // Assess
    expect(target.searchParams.get('error')).toBe('access_denied');
    expect(target.searchParams.get('state')).toBe('s1');
    expect(target.searchParams.has('code')).toBe(false);
  });

  test('a wrong client secret is invalid_client (401)', async () => {
    // Prepare
    const client = new google.auth.OAuth2({ clientId: 'fake-client-id.apps.googleusercontent.com', clientSecret: 'wrong', redirectUri: REDIRECT, endpoints: fake.endpoints });

    // Act
    const error = await caught(client.getToken({ code: 'whatever' }));

    // Assess
    expect(gaxiosFailure(error).status).toBe(401);
    expect(gaxiosFailure(error).data).toMatchObject({ error: 'invalid_client' });
  });
});

describe('OAuth fake: access tokens, refresh and revocation', () => {
  let fake: FakeGoogle;
  let clock: number;

  beforeEach(async () => {
    // Longer than google-auth-library's 5-minute eager-refresh window, so one refresh suffices.
    clock = Date.now();
    fake = await startFakeGoogle({ accessTokenTtlSeconds: 600, now: () => clock });
  });
  afterEach(async () => {
    await fake.stop();
  });

  test('Drive answers 401 without a token (required) and with an expired one (authError)', async () => {
    // Prepare
    const { access_token } = fake.oauth.grant();
    clock += 601_000;

    // Act
    const missing = await fetch(`${fake.driveApiRoot}/files`);
    const expired = await fetch(`${fake.driveApiRoot}/files`, { headers: { authorization: `Bearer ${access_token}` } });

    // Assess
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { errors: Array<{ reason: string }> } }).error.errors[0]?.reason).toBe('required');
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('invalid_token');
    expect(await expired.json()).toMatchObject({
      error: { code: 401, status: 'UNAUTHENTICATED', errors: [{ reason: 'authError', location: 'Authorization', locationType: 'header' }] },
    });
  });

  test('an expired access token is refreshed with the refresh token and the call succeeds', async () => {
    // Prepare
    const { drive, auth } = driveClientFor(fake);
    auth.setCredentials({ ...auth.credentials, expiry_date: Date.now() - 1000 });
    clock += 601_000;

    // Act
    const res = await drive.files.list({ fields: 'files(id)' });

    // Assess
    expect(res.status).toBe(200);
    expect(fake.counts().token).toBe(1);
    expect(fake.requests.find((r) => r.operation === 'files.list')?.status).toBe(200);
  });

  test('a token the server expired early gets a 401, and the client refreshes and retries once', async () => {
    // Prepare
    const { drive, auth } = driveClientFor(fake);
    auth.setCredentials({ access_token: auth.credentials.access_token ?? null, refresh_token: auth.credentials.refresh_token ?? null });
    fake.oauth.expireAccessTokens();

    // Act
    const res = await drive.files.list({ fields: 'files(id)' });

    // Assess
    expect(res.status).toBe(200);
    expect(fake.requests.map((r) => `${r.operation} ${r.status}`)).toEqual(['files.list 401', 'token 200', 'files.list 200']);
  });

  test('after revokeGrant a refresh fails with invalid_grant and the old access token stops working', async () => {
    // Prepare
    const { drive, auth, tokens } = driveClientFor(fake);
    fake.revokeGrant(tokens.refresh_token);
    auth.setCredentials({ ...auth.credentials, expiry_date: Date.now() - 1000 });

    // Act
    const error = await caught(drive.files.list({}));
    const oldToken = await fetch(`${fake.driveApiRoot}/about?fields=user`, { headers: { authorization: `Bearer ${tokens.access_token}` } });

    // Assess
    expect(gaxiosFailure(error).status).toBe(400);
    expect(gaxiosFailure(error).data).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    expect(oldToken.status).toBe(401);
  });

  test('revokeToken through the client revokes the grant', async () => {
    // Prepare
    const { auth, tokens } = driveClientFor(fake);

    // Act
    const revoked = await auth.revokeToken(tokens.refresh_token as string);
    const error = await caught(auth.refreshAccessToken());

    // Assess
    expect(revoked.status).toBe(200);
    expect(gaxiosFailure(error).data).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('OAuth fake: service accounts (jwt-bearer)', () => {
  let fake: FakeGoogle;
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const email = 'sync@vtrack-test.iam.gserviceaccount.com';

  beforeEach(async () => {
    fake = await startFakeGoogle();
  });
  afterEach(async () => {
    await fake.stop();
  });

  function jwtDrive(subject?: string): ReturnType<typeof google.drive> {
    const auth = new google.auth.JWT({
      email,
      key: privateKey,
      scopes: [SCOPE],
      ...(subject ? { subject } : {}),
      transporter: fakeGoogleTransporter(fake),
    });
    return google.drive({ version: 'v3', auth, rootUrl: fake.rootUrl });
  }

  test('with domain-wide delegation, the assertion is verified and Drive acts as the impersonated user', async () => {
    // Prepare
    fake.oauth.registerServiceAccount({ clientEmail: email, publicKey: keys.publicKey, domainWideDelegation: true });

    // Act
    const about = await jwtDrive('alice@example.com').about.get({ fields: 'user(emailAddress)' });

    // Assess
    expect(about.data.user?.emailAddress).toBe('alice@example.com');
    expect(fake.counts().token).toBe(1);
  });

  test('impersonation without delegation is unauthorized_client; a foreign key fails the signature check', async () => {
    // Prepare
    fake.oauth.registerServiceAccount({ clientEmail: email, publicKey: keys.publicKey });
    const impersonating = jwtDrive('alice@example.com');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;

    // Act
    const undelegated = await caught(impersonating.about.get({ fields: 'user' }));
    fake.oauth.registerServiceAccount({ clientEmail: email, publicKey: other });
    const forged = await caught(jwtDrive().about.get({ fields: 'user' }));

    // Assess
    expect(gaxiosFailure(undelegated).data).toMatchObject({ error: 'unauthorized_client' });
    expect(gaxiosFailure(forged).data).toEqual({ error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
  });
});
