/**
 * The Cognito fake speaks the user-pool API's JSON protocol, and its tokens
 * pass exactly the checks the local stack's JWT authorizer makes
 * (infra/local/auth/bearerVerifier.ts), and fail them when they should.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoBearerVerifier } from '../../../infra/local/auth/bearerVerifier';
import { startFakeCognito, type FakeCognito } from './index';
import { totpCode, wrongTotpCode } from './totp';

const owner = { sub: 'sub-1', email: 'ops@acme.test', tenantId: 'ten_1', password: 'Correct-horse-1' };
const invited = { sub: 'sub-2', email: 'packer@acme.test', tenantId: 'ten_1', password: 'Temp-pass-1234', status: 'FORCE_CHANGE_PASSWORD' as const };
const withApp = { sub: 'sub-3', email: 'admin@acme.test', tenantId: 'ten_1', password: 'Admin-pass-123!', mfa: 'SOFTWARE_TOKEN_MFA' as const };
const member = { sub: 'sub-5', email: 'member@acme.test', tenantId: 'ten_1', password: 'Member-pass-123!' };
const withSms = { sub: 'sub-4', email: 'sms@acme.test', tenantId: 'ten_1', password: 'Sms-pass-1234!', mfa: 'SMS_MFA' as const, phoneNumber: '+84901234567' };

let fake: FakeCognito;
const confirmed: string[] = [];

beforeAll(async () => {
  fake = await startFakeCognito({
    users: [owner, invited, withApp, withSms, member],
    firstIdTokenWithoutTenant: true,
    onConfirmSignUp: (user) => {
      confirmed.push(`${user.email}:${user.tenantName}`);
      return Promise.resolve('ten_new');
    },
  });
});
afterAll(() => fake.stop());

async function call(action: string, body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(fake.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${action}` },
    body: JSON.stringify({ ClientId: fake.clientId, ...body }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const tokensOf = (answer: { body: Record<string, unknown> }): Record<string, string> => answer.body['AuthenticationResult'] as Record<string, string>;
const clockAt = (ms: number): { now: () => Date } => ({ now: () => new Date(ms) });

describe('Cognito fake: the user-pool API and the local JWT authorizer', () => {
  it('signs in with the password, first without the tenant, renews with it, and refuses a wrong password as Cognito does', async () => {
    // Prepare
    const verify = cognitoBearerVerifier(fake, clockAt(Date.now()));

    // Act
    const wrong = await call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: owner.email, PASSWORD: 'nope' } });
    const first = await call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: owner.email, PASSWORD: owner.password } });
    const refreshed = await call('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokensOf(first)['RefreshToken'] } });

    // Assess
    expect(wrong).toEqual({ status: 400, body: { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' } });
    const firstClaims = await verify(tokensOf(first)['IdToken'] ?? '');
    expect(firstClaims).toMatchObject({ sub: 'sub-1', email: owner.email, token_use: 'id', aud: fake.clientId, iss: fake.issuer });
    expect(firstClaims['custom:tenantId']).toBeUndefined();
    expect(tokensOf(refreshed)['RefreshToken']).toBeUndefined();
    expect(await verify(tokensOf(refreshed)['IdToken'] ?? '')).toMatchObject({ 'custom:tenantId': 'ten_1' });
    // Access tokens carry the client in client_id, as Cognito's do; the authorizer takes either.
    expect(await verify(tokensOf(first)['AccessToken'] ?? '')).toMatchObject({ token_use: 'access', client_id: fake.clientId });
  });

  it('asks an invited member for a new password that meets the policy, then signs them in', async () => {
    // Act
    const challenge = await call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: invited.email, PASSWORD: invited.password } });
    const session = String(challenge.body['Session']);
    const weak = await call('RespondToAuthChallenge', { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: session, ChallengeResponses: { USERNAME: invited.email, NEW_PASSWORD: 'short' } });
    const done = await call('RespondToAuthChallenge', { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: session, ChallengeResponses: { USERNAME: invited.email, NEW_PASSWORD: 'Packer-strong-1' } });

    // Assess
    expect(challenge.body).toMatchObject({ ChallengeName: 'NEW_PASSWORD_REQUIRED' });
    expect(weak.body['__type']).toBe('InvalidPasswordException');
    expect(tokensOf(done)['RefreshToken']).toEqual(expect.any(String));
    expect(fake.statusOf(invited.email)).toBe('CONFIRMED');
  });

  it('asks a member who turned on an authenticator app for its code, keeps the step after a wrong code and signs in with the right one', async () => {
    // Act
    const challenge = await call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: withApp.email, PASSWORD: withApp.password } });
    const session = String(challenge.body['Session']);
    const respond = (code: string, name = 'SOFTWARE_TOKEN_MFA') =>
      call('RespondToAuthChallenge', { ChallengeName: name, Session: session, ChallengeResponses: { USERNAME: withApp.email, SOFTWARE_TOKEN_MFA_CODE: code } });
    const otherChallenge = await respond(fake.mfaCodeFor(withApp.email) ?? '', 'SMS_MFA');
    const wrong = await respond('000000');
    const right = await respond(fake.mfaCodeFor(withApp.email) ?? '');
    const spent = await respond(fake.mfaCodeFor(withApp.email) ?? '');

    // Assess: Cognito's challenge (no tokens before the code), its refusals, then tokens; a session serves once.
    expect(challenge.body).toEqual({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: session, ChallengeParameters: {} });
    expect(fake.mfaCodeFor(withApp.email)).toMatch(/^\d{6}$/);
    expect(otherChallenge.body['__type']).toBe('NotAuthorizedException');
    expect(wrong).toEqual({ status: 400, body: { __type: 'CodeMismatchException', message: 'Invalid code received for user' } });
    expect(tokensOf(right)['RefreshToken']).toEqual(expect.any(String));
    expect(spent.body).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
  });

  it('texts a code to a member with SMS MFA, naming the masked number, and refuses a session that has expired', async () => {
    // Act
    const challenge = await call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: withSms.email, PASSWORD: withSms.password } });
    fake.expireSessions();
    const late = await call('RespondToAuthChallenge', {
      ChallengeName: 'SMS_MFA',
      Session: challenge.body['Session'],
      ChallengeResponses: { USERNAME: withSms.email, SMS_MFA_CODE: fake.mfaCodeFor(withSms.email) },
    });

    // Assess
    expect(challenge.body).toMatchObject({
      ChallengeName: 'SMS_MFA',
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******4567' },
    });
    expect(late).toEqual({ status: 400, body: { __type: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' } });
  });

  it('lets a signed-in member turn on an authenticator app with its access token, checking real TOTP codes, then asks for one at sign-in until it is turned off', async () => {
    // Prepare
    const password = { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: member.email, PASSWORD: member.password } };
    const accessToken = tokensOf(await call('InitiateAuth', password))['AccessToken'];
    const own = (action: string, body: Record<string, unknown> = {}) => call(action, { AccessToken: accessToken, ...body });

    // Act: the state before, a secret, the refusals, then the code the app shows.
    const before = await own('GetUser');
    const tooEarly = await own('SetUserMFAPreference', { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
    const secret = String((await own('AssociateSoftwareToken')).body['SecretCode']);
    const malformed = await own('VerifySoftwareToken', { UserCode: '12' });
    const wrong = await own('VerifySoftwareToken', { UserCode: wrongTotpCode(secret) });
    const verified = await own('VerifySoftwareToken', { UserCode: totpCode(secret), FriendlyDeviceName: 'VTrack' });
    const enabled = await own('SetUserMFAPreference', { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
    const after = await own('GetUser');
    const challenge = await call('InitiateAuth', password);
    const signedIn = await call('RespondToAuthChallenge', {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: challenge.body['Session'],
      ChallengeResponses: { USERNAME: member.email, SOFTWARE_TOKEN_MFA_CODE: totpCode(secret) },
    });
    const disabled = await own('SetUserMFAPreference', { SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } });
    const withoutCode = await call('InitiateAuth', password);
    const turnedOff = await own('GetUser');

    // Assess: Cognito's answers and error types, field for field.
    expect(before.body).toMatchObject({ Username: member.sub, UserAttributes: expect.arrayContaining([{ Name: 'email', Value: member.email }]) });
    expect(before.body).not.toHaveProperty('UserMFASettingList');
    expect(before.body).not.toHaveProperty('PreferredMfaSetting');
    expect(tooEarly).toEqual({ status: 400, body: { __type: 'InvalidParameterException', message: 'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA' } });
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(malformed.body['__type']).toBe('InvalidParameterException');
    expect(wrong).toEqual({ status: 400, body: { __type: 'EnableSoftwareTokenMFAException', message: 'Code mismatch and fail enable Software Token MFA' } });
    expect(verified).toEqual({ status: 200, body: { Status: 'SUCCESS' } });
    expect(enabled).toEqual({ status: 200, body: {} });
    expect(after.body).toMatchObject({ UserMFASettingList: ['SOFTWARE_TOKEN_MFA'], PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' });
    expect(challenge.body).toMatchObject({ ChallengeName: 'SOFTWARE_TOKEN_MFA' });
    expect(tokensOf(signedIn)['IdToken']).toEqual(expect.any(String));
    expect(disabled.status).toBe(200);
    expect(tokensOf(withoutCode)['IdToken']).toEqual(expect.any(String));
    expect(turnedOff.body).not.toHaveProperty('UserMFASettingList');
  });

  it('refuses the MFA actions without a valid access token: none, a forged one, or an ID token', async () => {
    // Prepare
    const tokens = tokensOf(await call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: member.email, PASSWORD: member.password } }));
    const [header, payload] = (tokens['AccessToken'] ?? '').split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;

    // Act
    const answers = await Promise.all([
      call('GetUser', {}),
      call('AssociateSoftwareToken', { AccessToken: forged }),
      call('SetUserMFAPreference', { AccessToken: tokens['IdToken'], SoftwareTokenMfaSettings: { Enabled: false } }),
    ]);

    // Assess
    expect(answers).toEqual(Array(3).fill({ status: 400, body: { __type: 'NotAuthorizedException', message: 'Invalid Access Token' } }));
  });

  it('signs up, refuses sign-in until confirmed, confirms with the emailed code and runs the trigger', async () => {
    // Act
    const taken = await call('SignUp', { Username: owner.email, Password: 'Another-pass-1' });
    await call('SignUp', { Username: 'new@shop.test', Password: 'New-shop-pass-1', UserAttributes: [{ Name: 'custom:tenantName', Value: 'Shop Mới' }] });
    const early = await call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'new@shop.test', PASSWORD: 'New-shop-pass-1' } });
    const mismatch = await call('ConfirmSignUp', { Username: 'new@shop.test', ConfirmationCode: '000000x' });
    const ok = await call('ConfirmSignUp', { Username: 'new@shop.test', ConfirmationCode: fake.codeFor('new@shop.test') });
    const signedIn = await call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'new@shop.test', PASSWORD: 'New-shop-pass-1' } });

    // Assess
    expect(taken.body['__type']).toBe('UsernameExistsException');
    expect(early.body['__type']).toBe('UserNotConfirmedException');
    expect(mismatch.body['__type']).toBe('CodeMismatchException');
    expect(ok).toEqual({ status: 200, body: {} });
    expect(confirmed).toEqual(['new@shop.test:Shop Mới']);
    expect(tokensOf(signedIn)['IdToken']).toEqual(expect.any(String));
  });

  it('resets a forgotten password with the emailed code, and revokes refresh tokens', async () => {
    // Act
    await call('ForgotPassword', { Username: owner.email });
    const reset = await call('ConfirmForgotPassword', { Username: owner.email, ConfirmationCode: fake.codeFor(owner.email), Password: 'Brand-new-pass-2' });
    const signedIn = await call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: owner.email, PASSWORD: 'Brand-new-pass-2' } });
    const refreshToken = tokensOf(signedIn)['RefreshToken'];
    await call('RevokeToken', { Token: refreshToken });
    const afterRevoke = await call('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } });

    // Assess
    expect(reset.status).toBe(200);
    expect(afterRevoke.body['__type']).toBe('NotAuthorizedException');
    expect(fake.calls).toContain('RevokeToken');
  });

  it('refuses a request without the JSON protocol’s content type, and another client', async () => {
    const form = await fetch(fake.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-amz-target': 'AWSCognitoIdentityProviderService.SignUp' }, body: '{}' });
    expect(form.status).toBe(400);
    const other = await fetch(fake.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ForgotPassword' },
      body: JSON.stringify({ ClientId: 'another', Username: owner.email }),
    });
    expect(((await other.json()) as Record<string, unknown>)['__type']).toBe('ResourceNotFoundException');
  });

  it('refuses another client’s audience, another issuer and an expired token', async () => {
    // Prepare
    const answer = await call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: owner.email, PASSWORD: 'Brand-new-pass-2' } });
    const idToken = tokensOf(answer)['IdToken'] ?? '';

    // Act / Assess
    await expect(cognitoBearerVerifier({ ...fake, clientId: 'another-client' }, clockAt(Date.now()))(idToken)).rejects.toThrow();
    await expect(cognitoBearerVerifier({ ...fake, issuer: 'https://cognito-idp.example/other' }, clockAt(Date.now()))(idToken)).rejects.toThrow();
    await expect(cognitoBearerVerifier(fake, clockAt(Date.now() + 2 * 3600_000))(idToken)).rejects.toThrow();
    await expect(cognitoBearerVerifier(fake, clockAt(Date.now()))(idToken)).resolves.toMatchObject({ sub: 'sub-1' });
  });
});
