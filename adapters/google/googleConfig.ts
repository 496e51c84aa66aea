/**
 * Where Google is, and who we are to it. Every URL can be pointed elsewhere so
 * a local fake can play Google in tests, consent redirect included.
 */
export interface GoogleConfig {
  readonly clientId: string | null;
  /** Given directly (local mode, tests); in AWS null, and `clientSecretId` names the secret instead. */
  readonly clientSecret: string | null;
  /** AWS: the Secrets Manager secret holding the client secret, read once at cold start, never in the environment. */
  readonly clientSecretId: string | null;
  readonly authUrl: string;
  readonly tokenUrl: string;
  readonly revokeUrl: string;
  /** Root of Google's REST APIs; Drive v3 lives under `drive/v3/`. */
  readonly apiRootUrl: string;
  /** Where Google sends the browser back to: the web app's callback page. */
  readonly redirectUri: string | null;
  /**
   * Least time between two Drive calls of one tenant (the per-tenant pace). Drive
   * allows about 200 requests a second per user; 20 ms (50/s) leaves headroom.
   */
  readonly minRequestIntervalMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

export function readGoogleConfig(env: Env): GoogleConfig {
  const publicUrl = env['PUBLIC_URL']?.replace(/\/+$/, '');
  return {
    clientId: env['GOOGLE_OAUTH_CLIENT_ID'] || null,
    clientSecret: env['GOOGLE_OAUTH_CLIENT_SECRET'] || null,
    clientSecretId: env['GOOGLE_OAUTH_CLIENT_SECRET_ID'] || null,
    authUrl: env['GOOGLE_OAUTH_AUTH_URL'] || 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: env['GOOGLE_OAUTH_TOKEN_URL'] || 'https://oauth2.googleapis.com/token',
    revokeUrl: env['GOOGLE_OAUTH_REVOKE_URL'] || 'https://oauth2.googleapis.com/revoke',
    apiRootUrl: env['GOOGLE_API_ROOT_URL'] || 'https://www.googleapis.com/',
    redirectUri: env['GOOGLE_OAUTH_REDIRECT_URI'] || (publicUrl ? `${publicUrl}/connect/google/callback` : null),
    minRequestIntervalMs: readInterval(env['GOOGLE_DRIVE_MIN_INTERVAL_MS']),
  };
}

/** The variables an operator still has to set before tenants can connect Google Drive. */
export function missingGoogleConfiguration(config: GoogleConfig): string[] {
  const missing: string[] = [];
  if (config.clientId === null) missing.push('GOOGLE_OAUTH_CLIENT_ID');
  if (config.clientSecret === null && config.clientSecretId === null) missing.push('GOOGLE_OAUTH_CLIENT_SECRET');
  if (config.redirectUri === null) missing.push('PUBLIC_URL');
  return missing;
}

function readInterval(text: string | undefined): number {
  if (text === undefined || text === '') return 20;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 10_000) {
    throw new Error(`environment variable GOOGLE_DRIVE_MIN_INTERVAL_MS must be a whole number of milliseconds (0-10000), not "${text}"`);
  }
  return value;
}
