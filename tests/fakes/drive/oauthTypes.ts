// Configuration and records of the fake Google OAuth server.
import type { KeyObject } from 'node:crypto';

export interface OAuthClientConfig {
  clientId: string;
  clientSecret: string;
  /** Exact redirect URIs allowed; omit to accept any (a convenience Google does not offer). */
  redirectUris?: string[];
}

export interface ServiceAccountConfig {
  clientEmail: string;
  /** PEM or KeyObject of the key whose private half signs the assertions. */
  publicKey: string | KeyObject;
  /** Allows `sub` (impersonating a Workspace user), as domain-wide delegation does. */
  domainWideDelegation?: boolean;
}

export interface FakeUser {
  email: string;
  displayName: string;
}

/** What the authorize endpoint recorded with a code, readable by tests. */
export interface AuthorizationRecord {
  code: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string | undefined;
  codeChallenge: string | undefined;
  codeChallengeMethod: string | undefined;
  accessType: string | undefined;
  prompt: string | undefined;
  expiresAt: number;
  used: boolean;
}

export interface TokenSet {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  scope?: string;
  token_type: 'Bearer';
}

/** Who an access token acts for. */
export interface Principal {
  email: string;
  displayName: string;
  scope: string;
}

export interface OAuthReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
