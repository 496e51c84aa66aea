import type { GoogleConnection, OAuthAttempt } from '../google/googleConnection';
import type { StorageProvider } from '../providers/storageProvider';

export interface GoogleTokens {
  readonly refreshToken: string | null;
  readonly accessToken: string;
  readonly scopes: readonly string[];
}

/**
 * What Google said when asked to revoke a grant: revoked now, already gone
 * there (revoked or expired earlier), or no usable answer (the grant may still
 * be alive at Google; `reason` says why, without the token).
 */
export type GrantRevocation = { readonly outcome: 'revoked' | 'already_revoked' } | { readonly outcome: 'failed'; readonly reason: string };

/** Google's OAuth endpoints (authorization-code flow with PKCE, offline access). */
export interface GoogleOAuth {
  /** Null when the operator has not configured a client id and secret. */
  readonly missingConfiguration: readonly string[];
  authorizationUrl(request: { state: string; codeChallenge: string; redirectUri: string; loginHint?: string }): string;
  exchangeCode(request: { code: string; codeVerifier: string; redirectUri: string }): Promise<GoogleTokens>;
  /** A provider acting with a just-issued access token (to read the account's email). */
  providerForAccessToken(accessToken: string): StorageProvider;
  /** A provider for a stored connection: refreshes its access token as needed. */
  providerForConnection(connection: GoogleConnection, secret: string): StorageProvider;
  /** Asks Google's revoke endpoint to end a grant (a refresh token ends with every access token it issued). Never throws. */
  revokeGrant(refreshToken: string): Promise<GrantRevocation>;
}

export interface PkcePair {
  readonly verifier: string;
  readonly challenge: string;
}

/** Makes a fresh PKCE verifier and its challenge for one OAuth attempt. */
export type PkceGenerator = () => PkcePair;

export interface GoogleConnectionRepository {
  put(connection: GoogleConnection): Promise<void>;
  get(tenantId: string, connectionId: string): Promise<GoogleConnection | null>;
  /** The tenant's connections, without disconnected ones. */
  list(tenantId: string): Promise<GoogleConnection[]>;
  markNeedsReauth(tenantId: string, connectionId: string, message: string, now: string): Promise<void>;
  /**
   * Deletes the sealed secret and keeps the connection only as a stopped
   * placeholder (status needs_reauth, `disconnectedAt` set, left out of
   * `list`), so the sources that name it can be reconnected to it. False when
   * there is no such connection or it was disconnected already.
   */
  disconnect(tenantId: string, connectionId: string, message: string, now: string): Promise<boolean>;
  putAttempt(attempt: OAuthAttempt): Promise<void>;
  /** Deletes and returns the attempt only if it belongs to this user (one use). */
  takeAttempt(tenantId: string, userId: string, state: string): Promise<OAuthAttempt | null>;
}
