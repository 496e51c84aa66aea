/**
 * Where Google is, and who we are to it. Every URL can be pointed elsewhere so
 * a local fake can play Google in tests, consent redirect included. The host
 * reads it from its environment (functions/config.ts) and hands it in.
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

/** The variables an operator still has to set before tenants can connect Google Drive. */
export function missingGoogleConfiguration(config: GoogleConfig): string[] {
  const missing: string[] = [];
  if (config.clientId === null) missing.push('GOOGLE_OAUTH_CLIENT_ID');
  if (config.clientSecret === null && config.clientSecretId === null) missing.push('GOOGLE_OAUTH_CLIENT_SECRET');
  if (config.redirectUri === null) missing.push('PUBLIC_URL');
  return missing;
}
