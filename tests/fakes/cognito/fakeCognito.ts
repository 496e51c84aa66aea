/**
 * A small, real HTTP server playing a Cognito user pool's hosted UI for
 * browser tests: `/oauth2/authorize` (and `/signup`) approve the configured
 * user at once and send the browser back with a code; `/oauth2/token` trades
 * it (PKCE S256 checked) or a refresh token for RS256 ID and access tokens
 * shaped like Cognito's; `/.well-known/jwks.json` publishes the key;
 * `/logout` sends the browser to `logout_uri`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

export interface FakeCognitoUser {
  readonly sub: string;
  readonly email: string;
  /** `custom:tenantId`, as the post-confirmation trigger sets it. */
  readonly tenantId: string;
}

export interface FakeCognitoOptions {
  readonly clientId?: string;
  readonly userPoolId?: string;
  readonly user: FakeCognitoUser;
  /** A brand-new user: the first ID token lacks `custom:tenantId`; refreshed ones carry it. */
  readonly firstIdTokenWithoutTenant?: boolean;
  readonly tokenTtlSeconds?: number;
}

export interface FakeCognito {
  /** The hosted UI's base URL (AUTH_DOMAIN) and the tokens' issuer. */
  readonly url: string;
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly clientId: string;
  readonly userPoolId: string;
  /** What the fake was asked, in order, e.g. `token:authorization_code`, `token:refresh_token`, `logout`. */
  readonly calls: string[];
  /** Every refresh token issued so far stops working (an admin signed the user out everywhere). */
  revokeRefreshTokens(): void;
  stop(): Promise<void>;
}

interface PendingCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
}

const KEY_ID = 'fake-cognito-1';

export async function startFakeCognito(options: FakeCognitoOptions): Promise<FakeCognito> {
  const clientId = options.clientId ?? 'fake-web-client';
  const userPoolId = options.userPoolId ?? 'local-1_FakePool';
  const ttl = options.tokenTtlSeconds ?? 3600;
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: KEY_ID, alg: 'RS256', use: 'sig' };
  const codes = new Map<string, PendingCode>();
  const refreshTokens = new Set<string>();
  const calls: string[] = [];
  let idTokensIssued = 0;
  let issuer = '';

  const issueTokens = async (withRefresh: boolean): Promise<Record<string, unknown>> => {
    idTokensIssued += 1;
    const withTenant = !(options.firstIdTokenWithoutTenant === true && idTokensIssued === 1);
    const claims = { email: options.user.email, email_verified: true, ...(withTenant ? { 'custom:tenantId': options.user.tenantId } : {}) };
    const refreshToken = withRefresh ? randomBytes(24).toString('base64url') : undefined;
    if (refreshToken !== undefined) refreshTokens.add(refreshToken);
    return {
      id_token: await sign(privateKey, { ...claims, token_use: 'id' }, { sub: options.user.sub, issuer, audience: clientId, ttl }),
      access_token: await sign(privateKey, { token_use: 'access', client_id: clientId, scope: 'openid email profile' }, { sub: options.user.sub, issuer, ttl }),
      ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
      expires_in: ttl,
      token_type: 'Bearer',
    };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', issuer);
    response.setHeader('access-control-allow-origin', '*');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type' });
      return void response.end();
    }
    if (url.pathname === '/.well-known/jwks.json') return sendJson(response, 200, { keys: [jwk] });
    if (url.pathname === '/oauth2/authorize' || url.pathname === '/signup') {
      calls.push(url.pathname === '/signup' ? 'signup' : 'authorize');
      const query = url.searchParams;
      const redirectUri = query.get('redirect_uri') ?? '';
      const challenge = query.get('code_challenge') ?? '';
      if (query.get('client_id') !== clientId || query.get('response_type') !== 'code' || redirectUri === '') {
        return sendJson(response, 400, { error: 'invalid_request' });
      }
      if (query.get('code_challenge_method') !== 'S256' || challenge === '') return sendJson(response, 400, { error: 'invalid_request', error_description: 'PKCE S256 required' });
      const code = randomBytes(16).toString('base64url');
      codes.set(code, { clientId, redirectUri, challenge });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      const state = query.get('state');
      if (state !== null) back.searchParams.set('state', state);
      response.writeHead(302, { location: back.toString() });
      return void response.end();
    }
    if (url.pathname === '/oauth2/token' && request.method === 'POST') {
      if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
        return sendJson(response, 400, { error: 'invalid_request' });
      }
      const form = new URLSearchParams(await readText(request));
      const grant = form.get('grant_type') ?? '';
      calls.push(`token:${grant}`);
      if (form.get('client_id') !== clientId) return sendJson(response, 400, { error: 'invalid_client' });
      if (grant === 'authorization_code') {
        const code = form.get('code') ?? '';
        const pending = codes.get(code);
        codes.delete(code);
        const verifier = form.get('code_verifier') ?? '';
        if (pending === undefined || pending.redirectUri !== form.get('redirect_uri')) return sendJson(response, 400, { error: 'invalid_grant' });
        if (createHash('sha256').update(verifier).digest('base64url') !== pending.challenge) return sendJson(response, 400, { error: 'invalid_grant' });
        return sendJson(response, 200, await issueTokens(true));
      }
      if (grant === 'refresh_token') {
        if (!refreshTokens.has(form.get('refresh_token') ?? '')) return sendJson(response, 400, { error: 'invalid_grant' });
        // Cognito without rotation: no new refresh token in the answer.
        return sendJson(response, 200, await issueTokens(false));
      }
      return sendJson(response, 400, { error: 'unsupported_grant_type' });
    }
    if (url.pathname === '/logout') {
      calls.push('logout');
      const logoutUri = url.searchParams.get('logout_uri');
      if (url.searchParams.get('client_id') !== clientId || logoutUri === null) return sendJson(response, 400, { error: 'invalid_request' });
      response.writeHead(302, { location: logoutUri });
      return void response.end();
    }
    sendJson(response, 404, { error: 'not_found' });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, { error: 'server_error' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: issuer,
    issuer,
    jwksUrl: `${issuer}/.well-known/jwks.json`,
    clientId,
    userPoolId,
    calls,
    revokeRefreshTokens: () => refreshTokens.clear(),
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

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
