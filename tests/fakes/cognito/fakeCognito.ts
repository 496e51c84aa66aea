/**
 * A small, real HTTP server playing a Cognito user pool for browser tests. It
 * speaks the user-pool API's JSON protocol as Cognito does (`POST /` with
 * `X-Amz-Target: AWSCognitoIdentityProviderService.<Action>` and
 * `Content-Type: application/x-amz-json-1.1`, CORS for the page's origin,
 * errors as HTTP 400 `{ __type, message }`) for the public-client actions in
 * fakeUserPool.ts, the signed-in member's MFA actions (fakeMfaActions.ts, with
 * the access token), issues RS256 ID and access tokens shaped like Cognito's,
 * and publishes its key at `/.well-known/jwks.json`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errors as joseErrors, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey } from 'jose';
import { FakeCognitoError, FakeUserPool, type AuthenticationResult, type FakeMfa, type FakePoolUser, type FakeUserStatus } from './fakeUserPool';
import { newTotpSecret, totpCode } from './totp';

export interface FakeCognitoUser {
  readonly sub: string;
  readonly email: string;
  /** `custom:tenantId`, as the post-confirmation trigger or an invitation sets it. */
  readonly tenantId?: string;
  /** Default: a valid one nobody needs. */
  readonly password?: string;
  /** `FORCE_CHANGE_PASSWORD`: an invited member whose password is the temporary one. Default CONFIRMED. */
  readonly status?: FakeUserStatus;
  /** A second factor the member turned on: Cognito then asks for its code after the password (an app gets a fresh TOTP secret). */
  readonly mfa?: FakeMfa;
  /** Where SMS_MFA codes are texted. */
  readonly phoneNumber?: string;
}

export interface FakeCognitoOptions {
  readonly clientId?: string;
  readonly userPoolId?: string;
  readonly users?: readonly FakeCognitoUser[];
  /** Each user's first ID token lacks `custom:tenantId`; later ones carry it (the app must renew once). */
  readonly firstIdTokenWithoutTenant?: boolean;
  readonly tokenTtlSeconds?: number;
  /** What the post-confirmation trigger does in AWS: makes the tenant of a confirmed sign-up, answers its id. */
  readonly onConfirmSignUp?: (user: { sub: string; email: string; tenantName: string }) => Promise<string>;
}

export interface FakeCognito {
  /** The user-pool API (`COGNITO_IDP_ENDPOINT`) and the tokens' issuer. */
  readonly url: string;
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly clientId: string;
  readonly userPoolId: string;
  /** What the fake was asked, in order: the action, and for InitiateAuth its flow, e.g. `InitiateAuth:USER_PASSWORD_AUTH`. */
  readonly calls: string[];
  /** The code last "emailed" to this address (confirmation or password reset). */
  codeFor(email: string): string | undefined;
  statusOf(email: string): FakeUserStatus | undefined;
  passwordOf(email: string): string | undefined;
  /** The TOTP code the member's authenticator app shows now (or the one texted), for the sign-in asking for it. */
  mfaCodeFor(email: string): string | undefined;
  /** The member's second factor as GetUser reports it; undefined when none is on. */
  mfaOf(email: string): FakeMfa | undefined;
  /** Every open challenge session lapses (Cognito's last 3 minutes): the next answer is NotAuthorizedException. */
  expireSessions(): void;
  addUser(user: FakeCognitoUser): void;
  /** Every refresh token issued so far stops working (an admin signed the user out everywhere). */
  revokeRefreshTokens(): void;
  stop(): Promise<void>;
}

const KEY_ID = 'fake-cognito-1';
const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const AMZ_JSON = 'application/x-amz-json-1.1';

export async function startFakeCognito(options: FakeCognitoOptions = {}): Promise<FakeCognito> {
  const clientId = options.clientId ?? 'fake-web-client';
  const userPoolId = options.userPoolId ?? 'local-1_FakePool';
  const ttl = options.tokenTtlSeconds ?? 3600;
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: KEY_ID, alg: 'RS256', use: 'sig' };
  const idTokensIssued = new Map<string, number>();
  const calls: string[] = [];
  let issuer = '';

  const issue = async (user: FakePoolUser, withRefresh: boolean): Promise<AuthenticationResult> => {
    const issued = (idTokensIssued.get(user.sub) ?? 0) + 1;
    idTokensIssued.set(user.sub, issued);
    const withTenant = user.tenantId !== undefined && !(options.firstIdTokenWithoutTenant === true && issued === 1);
    const claims = { email: user.email, email_verified: true, ...(withTenant ? { 'custom:tenantId': user.tenantId } : {}) };
    const refreshToken = withRefresh ? randomBytes(24).toString('base64url') : undefined;
    if (refreshToken !== undefined) pool.refreshTokens.set(refreshToken, user.email);
    return {
      IdToken: await sign(privateKey, { ...claims, token_use: 'id' }, { sub: user.sub, issuer, audience: clientId, ttl }),
      AccessToken: await sign(privateKey, { token_use: 'access', client_id: clientId, scope: 'aws.cognito.signin.user.admin' }, { sub: user.sub, issuer, ttl }),
      ...(refreshToken === undefined ? {} : { RefreshToken: refreshToken }),
      ExpiresIn: ttl,
      TokenType: 'Bearer',
    };
  };

  /** Cognito's checks on an access token: its signature, expiry, token_use and client. */
  const subOfAccessToken = async (token: string): Promise<string> => {
    try {
      const { payload } = await jwtVerify(token, publicKey, { issuer });
      if (payload['token_use'] !== 'access' || payload['client_id'] !== clientId || payload.sub === undefined) throw new Error('not an access token');
      return payload.sub;
    } catch (error) {
      throw new FakeCognitoError('NotAuthorizedException', error instanceof joseErrors.JWTExpired ? 'Access Token has expired' : 'Invalid Access Token');
    }
  };

  const pool = new FakeUserPool({ clientId, issue, subOfAccessToken, ...(options.onConfirmSignUp ? { onConfirmSignUp: options.onConfirmSignUp } : {}) });
  const addUser = (user: FakeCognitoUser): void =>
    pool.add({
      sub: user.sub,
      email: user.email,
      password: user.password ?? `Unused-${randomBytes(8).toString('hex')}!`,
      status: user.status ?? 'CONFIRMED',
      ...(user.tenantId === undefined ? {} : { tenantId: user.tenantId }),
      ...(user.mfa === undefined ? {} : { mfa: user.mfa }),
      ...(user.mfa === 'SOFTWARE_TOKEN_MFA' ? { totpSecret: newTotpSecret() } : {}),
      ...(user.phoneNumber === undefined ? {} : { phoneNumber: user.phoneNumber }),
    });
  for (const user of options.users ?? []) addUser(user);

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', issuer);
    // Cognito answers browsers from any origin; the page's CSP decides whether it may call.
    response.setHeader('access-control-allow-origin', '*');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type, x-amz-target, x-amz-user-agent' });
      return void response.end();
    }
    if (url.pathname === '/.well-known/jwks.json') return sendJson(response, 200, { keys: [jwk] }, 'application/json');
    if (url.pathname !== '/' || request.method !== 'POST') return sendJson(response, 404, { __type: 'UnknownOperationException' });
    const target = String(request.headers['x-amz-target'] ?? '');
    if (!target.startsWith(TARGET_PREFIX)) return sendJson(response, 400, { __type: 'UnknownOperationException' });
    if (!String(request.headers['content-type'] ?? '').startsWith(AMZ_JSON)) {
      return sendJson(response, 400, { __type: 'SerializationException', message: `Content-Type must be ${AMZ_JSON}` });
    }
    const action = target.slice(TARGET_PREFIX.length);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readText(request)) as Record<string, unknown>;
    } catch {
      return sendJson(response, 400, { __type: 'SerializationException', message: 'Body is not JSON' });
    }
    calls.push(action === 'InitiateAuth' ? `InitiateAuth:${String(body['AuthFlow'])}` : action);
    try {
      sendJson(response, 200, await pool.call(action, body));
    } catch (error) {
      if (!(error instanceof FakeCognitoError)) throw error;
      sendJson(response, 400, { __type: error.type, message: error.message });
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, { __type: 'InternalErrorException', message: 'fake failed' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${issuer}/`,
    issuer,
    jwksUrl: `${issuer}/.well-known/jwks.json`,
    clientId,
    userPoolId,
    calls,
    codeFor: (email) => pool.find(email)?.code,
    statusOf: (email) => pool.find(email)?.status,
    passwordOf: (email) => pool.find(email)?.password,
    mfaCodeFor: (email) => {
      const user = pool.find(email);
      if (user?.mfa === 'SMS_MFA') return user.smsCode;
      return user?.totpSecret === undefined ? undefined : totpCode(user.totpSecret);
    },
    mfaOf: (email) => pool.find(email)?.mfa,
    expireSessions: () => pool.expireSessions(),
    addUser,
    revokeRefreshTokens: () => pool.refreshTokens.clear(),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function sign(key: CryptoKey, claims: Record<string, unknown>, options: { sub: string; issuer: string; audience?: string; ttl: number }): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ ...claims, auth_time: now })
    .setProtectedHeader({ alg: 'RS256', kid: KEY_ID })
    .setSubject(options.sub)
    .setIssuer(options.issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + options.ttl)
    .setJti(randomBytes(8).toString('hex'));
  return (options.audience === undefined ? jwt : jwt.setAudience(options.audience)).sign(key);
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(response: ServerResponse, status: number, body: unknown, contentType = AMZ_JSON): void {
  response.writeHead(status, { 'content-type': contentType });
  response.end(JSON.stringify(body));
}
