import type { Identity } from '../identity/identity';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
}

export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: string;
}

/** Signs session tokens in local mode; Cognito does this in AWS. */
export interface TokenIssuer {
  issue(identity: Identity): Promise<IssuedToken>;
}
