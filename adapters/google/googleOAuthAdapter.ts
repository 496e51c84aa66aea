import { createPrivateKey } from 'node:crypto';
import { createHash } from 'node:crypto';
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import { drive_v3 } from 'googleapis/build/src/apis/drive/v3';
import { NotConfiguredError, TransientError, ValidationError } from '../../core/errors';
import type { GoogleConnection } from '../../core/google/googleConnection';
import { DRIVE_SCOPES } from '../../core/google/googleConnection';
import type { GoogleOAuth, GoogleTokens, GrantRevocation } from '../../core/ports/googleAuth';
import type { StorageProvider } from '../../core/providers/storageProvider';
import { classifyDriveError, driveErrorReason } from '../drive/classifyDriveError';
import { GoogleDriveProvider } from '../drive/googleDriveProvider';
import { defaultPacerOptions, Pacer, type PacerOptions } from '../retry/pacer';
import { missingGoogleConfiguration, type GoogleConfig } from './googleConfig';
import { fetchServiceAccountToken, type ServiceAccountKey } from './serviceAccountToken';

/** A disconnect waits this long for Google's revoke endpoint, well inside the API's 29 s. */
const REVOKE_TIMEOUT_MS = 10_000;

/** Warm grants kept per Lambda container. */
const MAX_CACHED_CLIENTS = 200;

/** Google's OAuth client and Drive providers built on it, with one pacer per tenant. */
export class GoogleOAuthAdapter implements GoogleOAuth {
  readonly missingConfiguration: readonly string[];
  private readonly pacers = new Map<string, Pacer>();
  /**
   * Auth clients per grant, kept while the Lambda stays warm, so the access
   * token they hold is reused across invocations instead of refreshed each time.
   */
  private readonly authClients = new Map<string, OAuth2Client>();

  private clientSecret: string | null;
  private secretLoad: Promise<void> | undefined;
  private secretProblem: string | null = null;

  constructor(
    private readonly config: GoogleConfig,
    pacerOptions: PacerOptions = defaultPacerOptions,
    /** Reads `config.clientSecretId` (AWS: through the Secrets extension). */
    private readonly loadSecret: (secretId: string) => Promise<string> = () => Promise.reject(new Error('no secret reader')),
  ) {
    this.missingConfiguration = missingGoogleConfiguration(config);
    this.pacerOptions = { ...pacerOptions, minIntervalMs: config.minRequestIntervalMs };
    this.clientSecret = config.clientSecret;
  }

  private readonly pacerOptions: PacerOptions;

  /**
   * Reads the client secret from Secrets Manager once per warm function (hosts
   * call this before handling). Never throws: a failure is reported by the call
   * that needs the secret, and the next invocation tries again.
   */
  ready(): Promise<void> {
    const secretId = this.config.clientSecretId;
    if (this.clientSecret !== null || secretId === null) return Promise.resolve();
    this.secretLoad ??= this.loadSecret(secretId).then(
      (value) => {
        this.clientSecret = value;
        this.secretProblem = null;
      },
      (error: unknown) => {
        this.secretProblem = error instanceof Error ? error.message : String(error);
        this.secretLoad = undefined;
      },
    );
    return this.secretLoad;
  }

  authorizationUrl(request: { state: string; codeChallenge: string; redirectUri: string; loginHint?: string }): string {
    const client = this.oauthClient();
    return client.generateAuthUrl({
      access_type: 'offline',
      // Consent every time: Google only returns a refresh token on consent.
      prompt: 'consent',
      include_granted_scopes: true,
      scope: [...DRIVE_SCOPES],
      state: request.state,
      code_challenge: request.codeChallenge,
      code_challenge_method: CodeChallengeMethod.S256,
      redirect_uri: request.redirectUri,
      ...(request.loginHint ? { login_hint: request.loginHint } : {}),
    });
  }

  async exchangeCode(request: { code: string; codeVerifier: string; redirectUri: string }): Promise<GoogleTokens> {
    try {
      const { tokens } = await this.oauthClient().getToken({ code: request.code, codeVerifier: request.codeVerifier, redirect_uri: request.redirectUri });
      if (!tokens.access_token) throw new ValidationError('code', 'Google returned no access token');
      return {
        refreshToken: tokens.refresh_token ?? null,
        accessToken: tokens.access_token,
        scopes: (tokens.scope ?? '').split(' ').filter((scope) => scope !== ''),
      };
    } catch (error) {
      if (error instanceof ValidationError) throw error;
      const reason = driveErrorReason(error);
      if (reason === 'invalid_grant') throw new ValidationError('code', 'Google did not accept the sign-in (it expired or was used already); connect again', { cause: error });
      throw error;
    }
  }

  providerForAccessToken(accessToken: string): StorageProvider {
    const auth = this.oauthClient();
    auth.setCredentials({ access_token: accessToken });
    return new GoogleDriveProvider(new drive_v3.Drive({ auth, rootUrl: this.config.apiRootUrl }), new Pacer(classifyDriveError, this.pacerOptions));
  }

  providerForConnection(connection: GoogleConnection, secret: string): StorageProvider {
    const cacheKey = `${connection.tenantId}/${connection.id}/${createHash('sha256').update(secret).digest('base64url')}`;
    let auth = this.authClients.get(cacheKey);
    if (auth === undefined) {
      auth = connection.kind === 'oauth' ? this.refreshTokenClient(secret) : this.serviceAccountClient(secret, connection.subject);
      if (this.authClients.size >= MAX_CACHED_CLIENTS) this.authClients.delete(this.authClients.keys().next().value ?? '');
      this.authClients.set(cacheKey, auth);
    }
    const client = auth;
    // A 401 on a token that has not expired by its clock (revoked or rotated at Google): the provider
    // drops the access token, so the next call fetches a new one, and retries once before the error
    // stands. The library alone refreshes only tokens it believes expired (and, with its own
    // forceRefreshOnFailure, on every 403 too, quota refusals included).
    const renewAccess = (): void => {
      const refreshToken = client.credentials.refresh_token;
      client.setCredentials(refreshToken == null ? {} : { refresh_token: refreshToken });
    };
    return new GoogleDriveProvider(new drive_v3.Drive({ auth, rootUrl: this.config.apiRootUrl }), this.pacerFor(connection.tenantId), renewAccess);
  }

  /**
   * Google's token revocation endpoint, as its OAuth docs describe it: a form
   * POST with `token`, 200 when revoked, 400 `invalid_token` when the token was
   * already revoked or expired. The token goes in the body, never in the URL,
   * so no proxy or access log ever holds it. No client credentials are needed.
   */
  async revokeGrant(refreshToken: string): Promise<GrantRevocation> {
    // Cached clients of this grant would keep using an access token Google no longer honours.
    for (const [key, client] of this.authClients) if (client.credentials.refresh_token === refreshToken) this.authClients.delete(key);
    try {
      const response = await fetch(this.config.revokeUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: refreshToken }).toString(),
        signal: AbortSignal.timeout(REVOKE_TIMEOUT_MS),
      });
      if (response.ok) return { outcome: 'revoked' };
      const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
      const error = typeof body?.error === 'string' ? body.error : null;
      if (response.status === 400 && error === 'invalid_token') return { outcome: 'already_revoked' };
      return { outcome: 'failed', reason: `Google answered ${response.status}${error === null ? '' : ` ${error}`}` };
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      return { outcome: 'failed', reason: timedOut ? 'Google did not answer in time' : 'Google could not be reached' };
    }
  }

  private refreshTokenClient(refreshToken: string): OAuth2Client {
    const auth = this.oauthClient();
    // The library refreshes the access token before it expires, on every call that needs one.
    auth.setCredentials({ refresh_token: refreshToken });
    return auth;
  }

  private serviceAccountClient(keyJson: string, subject: string | null): OAuth2Client {
    const key = parseServiceAccountKey(keyJson);
    const auth = new OAuth2Client();
    // Called by the library whenever it needs a fresh access token.
    auth.refreshHandler = async () => {
      const token = await fetchServiceAccountToken(key, subject, this.config.tokenUrl);
      return { access_token: token.accessToken, expiry_date: token.expiresAt };
    };
    return auth;
  }

  private oauthClient(): OAuth2Client {
    if (this.missingConfiguration.length > 0) {
      throw new NotConfiguredError(`Google Drive is not set up on this server: set ${this.missingConfiguration.join(', ')}`);
    }
    if (this.clientSecret === null) {
      throw new TransientError(`the Google client secret could not be read: ${this.secretProblem ?? 'not loaded yet'}`);
    }
    return new OAuth2Client({
      clientId: this.config.clientId ?? undefined,
      clientSecret: this.clientSecret,
      redirectUri: this.config.redirectUri ?? undefined,
      endpoints: { oauth2AuthBaseUrl: this.config.authUrl, oauth2TokenUrl: this.config.tokenUrl, oauth2RevokeUrl: this.config.revokeUrl },
    });
  }

  /** One pacer per tenant: the per-tenant request pace holds across that tenant's connections. */
  private pacerFor(tenantId: string): Pacer {
    let pacer = this.pacers.get(tenantId);
    if (pacer === undefined) {
      pacer = new Pacer(classifyDriveError, this.pacerOptions);
      this.pacers.set(tenantId, pacer);
    }
    return pacer;
  }
}

export function parseServiceAccountKey(json: string): ServiceAccountKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (cause) {
    throw new ValidationError('keyJson', 'the service account key must be the JSON file Google gave you', { cause });
  }
  const key = parsed as Partial<ServiceAccountKey> & { type?: unknown };
  if (key.type !== 'service_account' || typeof key.client_email !== 'string' || typeof key.private_key !== 'string') {
    throw new ValidationError('keyJson', 'the JSON is not a service account key (type, client_email and private_key are needed)');
  }
  assertRsaPrivateKey(key.private_key);
  return { client_email: key.client_email, private_key: key.private_key };
}

/** The key must be the PEM RSA private key Google issues; anything else is refused here, not when signing fails later. */
function assertRsaPrivateKey(pem: string): void {
  let type: string | undefined;
  try {
    type = createPrivateKey({ key: pem, format: 'pem' }).asymmetricKeyType;
  } catch (cause) {
    throw new ValidationError('keyJson.private_key', 'keyJson.private_key: is not a PEM private key; paste the whole JSON key file Google gave you', { cause });
  }
  if (type !== 'rsa') throw new ValidationError('keyJson.private_key', `keyJson.private_key: must be an RSA key, not ${type ?? 'an unknown type'}`);
}
