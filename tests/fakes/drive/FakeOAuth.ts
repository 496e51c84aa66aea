// Google's OAuth 2.0 endpoints as a test needs them: the authorize redirect
// (auto-approving as the configured user, or denying), the token endpoint for
// authorization_code (+PKCE), refresh_token and jwt-bearer grants, /revoke, and
// the bearer-token check every Drive request goes through.
import { createHash, randomBytes } from 'node:crypto';
import type {
  AuthorizationRecord,
  FakeUser,
  OAuthClientConfig,
  OAuthReply,
  Principal,
  ServiceAccountConfig,
  TokenSet,
} from './oauthTypes';
import { decodeJwt, verifyRs256Jwt } from './verifyRs256Jwt';

export interface FakeOAuthOptions {
  clients?: OAuthClientConfig[];
  user?: FakeUser;
  accessTokenTtlSeconds?: number;
  now?: () => number;
  /** Audiences accepted in jwt-bearer assertions besides Google's token URL. */
  tokenUrl?: string;
}

interface Grant {
  refreshToken: string;
  clientId: string;
  user: FakeUser;
  scope: string;
  revoked: boolean;
}

interface AccessToken {
  principal: Principal;
  expiresAt: number;
  refreshToken: string | undefined;
}

export const DEFAULT_CLIENT: OAuthClientConfig = {
  clientId: 'fake-client-id.apps.googleusercontent.com',
  clientSecret: 'fake-client-secret',
};

export const DEFAULT_USER: FakeUser = { email: 'test.user@example.com', displayName: 'Test User' };

const GOOGLE_TOKEN_AUDIENCES = ['https://oauth2.googleapis.com/token', 'https://www.googleapis.com/oauth2/v4/token'];
const CODE_TTL_MS = 10 * 60 * 1000;
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

function oauthError(status: number, error: string, description: string): OAuthReply {
  return { status, body: { error, error_description: description } };
}

function random(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}

export class FakeOAuth {
  user: FakeUser;
  accessTokenTtlSeconds: number;
  /** 'deny' makes the authorize endpoint redirect with error=access_denied. */
  consent: 'approve' | 'deny' = 'approve';
  /** Every authorization the endpoint granted, newest last. */
  readonly authorizations: AuthorizationRecord[] = [];
  private readonly clients = new Map<string, OAuthClientConfig>();
  private readonly serviceAccounts = new Map<string, ServiceAccountConfig>();
  private readonly codes = new Map<string, AuthorizationRecord>();
  private readonly grants = new Map<string, Grant>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly now: () => number;
  private readonly audiences: string[];

  constructor(options: FakeOAuthOptions = {}) {
    for (const client of options.clients ?? [DEFAULT_CLIENT]) this.clients.set(client.clientId, client);
    this.user = options.user ?? DEFAULT_USER;
    this.accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? 3600;
    this.now = options.now ?? Date.now;
    this.audiences = [...GOOGLE_TOKEN_AUDIENCES, ...(options.tokenUrl ? [options.tokenUrl] : [])];
  }

  /** Every refresh and access token handed out, so tests can check none of them leaks. */
  issuedTokens(): string[] {
    return [...this.grants.keys(), ...this.accessTokens.keys()];
  }

  registerClient(client: OAuthClientConfig): void {
    this.clients.set(client.clientId, client);
  }

  registerServiceAccount(account: ServiceAccountConfig): void {
    this.serviceAccounts.set(account.clientEmail, account);
  }

  /** Mints a grant without the browser dance: for tests that only need working credentials. */
  grant(options: { scope?: string; clientId?: string } = {}): TokenSet {
    const clientId = options.clientId ?? [...this.clients.keys()][0] ?? DEFAULT_CLIENT.clientId;
    const scope = options.scope ?? 'https://www.googleapis.com/auth/drive.readonly';
    const grant = this.newGrant(clientId, scope);
    return { ...this.issueAccessToken(grant), refresh_token: grant.refreshToken };
  }

  /** Revokes one grant (by refresh token), or every grant: refreshes then fail with invalid_grant. */
  revokeGrant(refreshToken?: string): void {
    for (const grant of this.grants.values()) {
      if (refreshToken === undefined || grant.refreshToken === refreshToken) this.revokeWholeGrant(grant);
    }
  }

  /** Makes every access token issued so far expired, to force a refresh. */
  expireAccessTokens(): void {
    for (const token of this.accessTokens.values()) token.expiresAt = 0;
  }

  // ---- endpoints ----

  authorize(query: URLSearchParams): OAuthReply & { location?: string } {
    const clientId = query.get('client_id') ?? '';
    const redirectUri = query.get('redirect_uri') ?? '';
    const client = this.clients.get(clientId);
    // Google shows an error page (no redirect) for a bad client or redirect URI.
    if (!client) return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
    if (!redirectUri || (client.redirectUris && !client.redirectUris.includes(redirectUri))) {
      return oauthError(400, 'redirect_uri_mismatch', `redirect_uri ${redirectUri} is not registered for this client.`);
    }
    const target = new URL(redirectUri);
    const state = query.get('state') ?? undefined;
    const fail = (error: string): OAuthReply & { location: string } => {
      target.searchParams.set('error', error);
      if (state !== undefined) target.searchParams.set('state', state);
      return { status: 302, body: '', location: target.toString() };
    };
    if (query.get('response_type') !== 'code') return fail('unsupported_response_type');
    const scope = query.get('scope') ?? '';
    if (!scope) return fail('invalid_request');
    const method = query.get('code_challenge_method') ?? undefined;
    const challenge = query.get('code_challenge') ?? undefined;
    if (method && method !== 'S256' && method !== 'plain') return fail('invalid_request');
    if (this.consent === 'deny') return fail('access_denied');

    const code = random('4/0fake-');
    const record: AuthorizationRecord = {
      code,
      clientId,
      redirectUri,
      scope,
      state,
      codeChallenge: challenge,
      codeChallengeMethod: challenge ? (method ?? 'plain') : undefined,
      accessType: query.get('access_type') ?? undefined,
      prompt: query.get('prompt') ?? undefined,
      expiresAt: this.now() + CODE_TTL_MS,
      used: false,
    };
    this.codes.set(code, record);
    this.authorizations.push(record);
    target.searchParams.set('code', code);
    if (state !== undefined) target.searchParams.set('state', state);
    target.searchParams.set('scope', scope);
    return { status: 302, body: '', location: target.toString() };
  }

  token(form: URLSearchParams, authorization: string | undefined): OAuthReply {
    const grantType = form.get('grant_type');
    if (grantType === JWT_BEARER) return this.jwtBearer(form);
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
      return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
    }
    const credentials = clientCredentials(form, authorization);
    const client = this.clients.get(credentials.clientId);
    if (!client) return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
    if (client.clientSecret !== credentials.clientSecret) return oauthError(401, 'invalid_client', 'Unauthorized');
    return grantType === 'authorization_code' ? this.exchangeCode(form, client) : this.refresh(form, client);
  }

  revoke(token: string | null): OAuthReply {
    if (!token) return oauthError(400, 'invalid_request', 'Missing required parameter: token');
    const grant = this.grants.get(token) ?? this.grants.get(this.accessTokens.get(token)?.refreshToken ?? '');
    if (grant && !grant.revoked) {
      this.revokeWholeGrant(grant);
      return { status: 200, body: {} };
    }
    const access = this.accessTokens.get(token);
    if (access && access.expiresAt > this.now()) {
      this.accessTokens.delete(token);
      return { status: 200, body: {} };
    }
    return oauthError(400, 'invalid_token', 'Token expired or revoked');
  }

  /** The principal behind `Authorization: Bearer <token>`, or why there is none. */
  authenticate(header: string | undefined): Principal | 'missing' | 'invalid' {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) return 'missing';
    const token = this.accessTokens.get(match[1] as string);
    if (!token || token.expiresAt <= this.now()) return 'invalid';
    return token.principal;
  }

  // ---- grants ----

  private exchangeCode(form: URLSearchParams, client: OAuthClientConfig): OAuthReply {
    const code = form.get('code');
    if (!code) return oauthError(400, 'invalid_request', 'Missing required parameter: code');
    const record = this.codes.get(code);
    if (!record || record.clientId !== client.clientId) return oauthError(400, 'invalid_grant', 'Malformed auth code.');
    if (record.used || record.expiresAt <= this.now()) return oauthError(400, 'invalid_grant', 'Bad Request');
    if (form.get('redirect_uri') !== record.redirectUri) return oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
    if (record.codeChallenge) {
      const verifier = form.get('code_verifier');
      if (!verifier) return oauthError(400, 'invalid_grant', 'Missing code verifier.');
      const derived =
        record.codeChallengeMethod === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
      if (derived !== record.codeChallenge) return oauthError(400, 'invalid_grant', 'Invalid code verifier.');
    }
    // One-time: a second exchange fails even if the first reply was lost.
    record.used = true;
    const grant = this.newGrant(client.clientId, record.scope);
    const tokens = this.issueAccessToken(grant);
    const offline = record.accessType === 'offline';
    return { status: 200, body: offline ? { ...tokens, refresh_token: grant.refreshToken } : tokens };
  }

  private refresh(form: URLSearchParams, client: OAuthClientConfig): OAuthReply {
    const refreshToken = form.get('refresh_token');
    if (!refreshToken) return oauthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
    const grant = this.grants.get(refreshToken);
    if (!grant || grant.revoked || grant.clientId !== client.clientId) {
      return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    }
    // Google does not rotate refresh tokens: the reply carries none.
    return { status: 200, body: this.issueAccessToken(grant) };
  }

  private jwtBearer(form: URLSearchParams): OAuthReply {
    const assertion = form.get('assertion') ?? '';
    const decoded = decodeJwt(assertion);
    const issuer = typeof decoded?.claims['iss'] === 'string' ? decoded.claims['iss'] : '';
    const account = this.serviceAccounts.get(issuer);
    if (!decoded || !account) return oauthError(400, 'invalid_grant', 'Invalid grant: account not found');
    const check = verifyRs256Jwt(assertion, account.publicKey);
    if (!check.ok) return oauthError(400, 'invalid_grant', 'Invalid JWT Signature.');
    const { claims } = check;
    const nowSeconds = Math.floor(this.now() / 1000);
    const iat = Number(claims['iat']);
    const exp = Number(claims['exp']);
    if (!(iat <= nowSeconds + 300 && exp > nowSeconds && exp - iat <= 3600)) {
      return oauthError(
        400,
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
      );
    }
    if (!this.audiences.includes(String(claims['aud']))) {
      return oauthError(400, 'invalid_grant', 'Invalid JWT: Failed audience check.');
    }
    const scope = typeof claims['scope'] === 'string' ? claims['scope'] : '';
    if (!scope) return oauthError(400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
    const subject = typeof claims['sub'] === 'string' && claims['sub'] !== issuer ? claims['sub'] : undefined;
    if (subject && !account.domainWideDelegation) {
      return oauthError(
        401,
        'unauthorized_client',
        'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
      );
    }
    const email = subject ?? issuer;
    const access = random('ya29.fake-sa-');
    this.accessTokens.set(access, {
      principal: { email, displayName: subject ? email : issuer, scope },
      expiresAt: this.now() + this.accessTokenTtlSeconds * 1000,
      refreshToken: undefined,
    });
    return { status: 200, body: { access_token: access, expires_in: this.accessTokenTtlSeconds, token_type: 'Bearer' } };
  }

  private newGrant(clientId: string, scope: string): Grant {
    const grant: Grant = { refreshToken: random('1//0fake-'), clientId, user: this.user, scope, revoked: false };
    this.grants.set(grant.refreshToken, grant);
    return grant;
  }

  private issueAccessToken(grant: Grant): TokenSet {
    const token = random('ya29.fake-');
    this.accessTokens.set(token, {
      principal: { ...grant.user, scope: grant.scope },
      expiresAt: this.now() + this.accessTokenTtlSeconds * 1000,
      refreshToken: grant.refreshToken,
    });
    return { access_token: token, expires_in: this.accessTokenTtlSeconds, scope: grant.scope, token_type: 'Bearer' };
  }

  private revokeWholeGrant(grant: Grant): void {
    // Revoking a grant kills its refresh token and every access token it issued.
    grant.revoked = true;
    for (const [token, access] of this.accessTokens) if (access.refreshToken === grant.refreshToken) this.accessTokens.delete(token);
  }
}

/** client_secret_post (form fields) or client_secret_basic (Authorization header). */
function clientCredentials(form: URLSearchParams, authorization: string | undefined): { clientId: string; clientSecret: string } {
  const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1] as string, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return { clientId: decodeURIComponent(decoded.slice(0, colon)), clientSecret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  return { clientId: form.get('client_id') ?? '', clientSecret: form.get('client_secret') ?? '' };
}
