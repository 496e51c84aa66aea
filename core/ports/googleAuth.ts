import type { GoogleConnection, OAuthAttempt } from '../google/googleConnection';
import type { StorageProvider } from '../providers/storageProvider';

export interface GoogleTokens {
  readonly refreshToken: string | null;
  readonly accessToken: string;
  readonly scopes: readonly string[];
}

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
  list(tenantId: string): Promise<GoogleConnection[]>;
  markNeedsReauth(tenantId: string, connectionId: string, message: string, now: string): Promise<void>;
  putAttempt(attempt: OAuthAttempt): Promise<void>;
  /** Deletes and returns the attempt only if it belongs to this user (one use). */
  takeAttempt(tenantId: string, userId: string, state: string): Promise<OAuthAttempt | null>;
}
