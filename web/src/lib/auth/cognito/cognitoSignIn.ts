import type { AuthResult, CognitoAuthConfig } from '../../api/types';
import { session } from '../../session.svelte';
import { keepAccessToken, keptAccessToken } from './accessToken';
import { CognitoApiError, callCognito } from './cognitoApi';
import { loadRefresh, saveRefresh } from './cognitoStore';
import { sessionFromIdToken } from './tokens';

/**
 * Sign-in against Cognito's user-pool API from VTrack's own pages (both
 * languages): InitiateAuth with USER_PASSWORD_AUTH, the invited member's
 * NEW_PASSWORD_REQUIRED challenge, the code of a member who turned on MFA
 * (SOFTWARE_TOKEN_MFA, SMS_MFA), renewal with REFRESH_TOKEN_AUTH, and
 * RevokeToken on sign-out. The ID token is the bearer; the refresh token is
 * kept with the endpoint and client it belongs to; the access token (for the
 * member's own account actions, cognitoMfa.ts) is kept in memory only.
 */

export type PoolConfig = Pick<CognitoAuthConfig, 'endpoint' | 'clientId'>;

interface AuthenticationResult {
  IdToken?: string;
  AccessToken?: string;
  ExpiresIn?: number;
  RefreshToken?: string;
}

interface AuthAnswer {
  AuthenticationResult?: AuthenticationResult;
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
  Session?: string;
}

/** An invited member's first sign-in: Cognito wants a password of their own before any token. */
export interface NewPasswordChallenge {
  readonly email: string;
  readonly session: string;
}

/** The second factors a pool can ask for (ApiStack's pool: optional MFA, authenticator apps). */
export type MfaChallengeName = 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA';

/** A member who turned on MFA: Cognito wants the code from their authenticator app, or the one it texted. */
export interface MfaChallenge {
  readonly email: string;
  readonly session: string;
  readonly name: MfaChallengeName;
  /** SMS_MFA: the masked number the code went to, e.g. `+*******1234`. */
  readonly destination: string | null;
}

/** Where RespondToAuthChallenge takes the code, by challenge. */
const MFA_CODE_FIELD: Readonly<Record<MfaChallengeName, string>> = { SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE', SMS_MFA: 'SMS_MFA_CODE' };

export type SignInOutcome =
  | { readonly kind: 'signedIn'; readonly result: AuthResult }
  | { readonly kind: 'newPasswordRequired'; readonly challenge: NewPasswordChallenge }
  | { readonly kind: 'mfaRequired'; readonly challenge: MfaChallenge };

/** Thrown when Cognito asks for a step these pages do not offer (e.g. MFA set up in another app). */
export class UnsupportedChallengeError extends Error {
  override readonly name = 'UnsupportedChallengeError';
}

function signedIn(config: PoolConfig, answer: AuthAnswer): AuthResult {
  const tokens = answer.AuthenticationResult;
  if (tokens?.IdToken === undefined) throw new UnsupportedChallengeError(`Cognito asked for ${answer.ChallengeName ?? 'an unknown step'}`);
  if (tokens.RefreshToken !== undefined) saveRefresh({ endpoint: config.endpoint, clientId: config.clientId, refreshToken: tokens.RefreshToken });
  keepAccessToken(tokens.AccessToken, tokens.ExpiresIn);
  return sessionFromIdToken(tokens.IdToken);
}

/** The step Cognito's answer leads to: the session to start, or a challenge the pages offer. */
function outcomeOf(config: PoolConfig, email: string, answer: AuthAnswer): SignInOutcome {
  const { ChallengeName: name, Session: session } = answer;
  if (session !== undefined && name === 'NEW_PASSWORD_REQUIRED') return { kind: 'newPasswordRequired', challenge: { email, session } };
  if (session !== undefined && (name === 'SOFTWARE_TOKEN_MFA' || name === 'SMS_MFA')) {
    return { kind: 'mfaRequired', challenge: { email, session, name, destination: answer.ChallengeParameters?.['CODE_DELIVERY_DESTINATION'] ?? null } };
  }
  return { kind: 'signedIn', result: signedIn(config, answer) };
}

/** Email and password; answers the session to start, or the next step (an invited member's new password, an MFA code). */
export async function signInWithPassword(config: PoolConfig, email: string, password: string): Promise<SignInOutcome> {
  const answer = await callCognito<AuthAnswer>(config.endpoint, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: config.clientId,
    AuthParameters: { USERNAME: email, PASSWORD: password },
  });
  return outcomeOf(config, email, answer);
}

/** Replaces the invitation's temporary password; answers the session to start, or the MFA step after it. */
export async function setNewPassword(config: PoolConfig, challenge: NewPasswordChallenge, newPassword: string): Promise<SignInOutcome> {
  const answer = await callCognito<AuthAnswer>(config.endpoint, 'RespondToAuthChallenge', {
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    ClientId: config.clientId,
    Session: challenge.session,
    ChallengeResponses: { USERNAME: challenge.email, NEW_PASSWORD: newPassword },
  });
  return outcomeOf(config, challenge.email, answer);
}

/**
 * The MFA code; answers the session to start. A wrong code is refused
 * (CodeMismatchException) and the same session may try again until it lapses.
 */
export async function answerMfaChallenge(config: PoolConfig, challenge: MfaChallenge, code: string): Promise<AuthResult> {
  const answer = await callCognito<AuthAnswer>(config.endpoint, 'RespondToAuthChallenge', {
    ChallengeName: challenge.name,
    ClientId: config.clientId,
    Session: challenge.session,
    ChallengeResponses: { USERNAME: challenge.email, [MFA_CODE_FIELD[challenge.name]]: code },
  });
  return signedIn(config, answer);
}

let inFlight: Promise<string | null> | null = null;

/**
 * A fresh ID token from the refresh token, or null when there is none (local
 * sign-in) or Cognito refused it. One refresh at a time; a caller whose token
 * was already replaced gets the new one without another refresh.
 */
export function renewCognitoToken(rejected: string | null): Promise<string | null> {
  const current = session.token;
  if (current !== null && current !== rejected) return Promise.resolve(current);
  inFlight ??= refresh().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

async function refresh(): Promise<string | null> {
  const stored = loadRefresh();
  if (stored === null) return null;
  try {
    const answer = await callCognito<AuthAnswer>(stored.endpoint, 'InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: stored.clientId,
      AuthParameters: { REFRESH_TOKEN: stored.refreshToken },
    });
    const idToken = answer.AuthenticationResult?.IdToken;
    if (idToken === undefined) throw new UnsupportedChallengeError('no ID token in the refresh answer');
    session.start(sessionFromIdToken(idToken, session.user));
    keepAccessToken(answer.AuthenticationResult?.AccessToken, answer.AuthenticationResult?.ExpiresIn);
    return idToken;
  } catch {
    saveRefresh(null);
    keepAccessToken(undefined);
    return null;
  }
}

/**
 * The signed-in member's access token, for the actions on their own account
 * (GetUser, the MFA settings): the one kept from sign-in, or a fresh one from
 * the refresh token (after a reload, or when it lapsed). NotAuthorizedException
 * when neither is left: the session has ended.
 */
export async function cognitoAccessToken(): Promise<string> {
  const kept = keptAccessToken();
  if (kept !== null) return kept;
  inFlight ??= refresh().finally(() => {
    inFlight = null;
  });
  await inFlight;
  const renewed = keptAccessToken();
  if (renewed === null) throw new CognitoApiError('NotAuthorizedException', 'no access token: the session has ended');
  return renewed;
}

/**
 * Forgets the tokens here and revokes the refresh token at Cognito, so a copy
 * of it renews nothing afterwards. Does not wait: signing out never hangs on the network.
 */
export function endCognitoSession(): void {
  const stored = loadRefresh();
  saveRefresh(null);
  keepAccessToken(undefined);
  if (stored === null) return;
  callCognito(stored.endpoint, 'RevokeToken', { ClientId: stored.clientId, Token: stored.refreshToken }).catch(() => {
    // Offline or already revoked: the token still lapses with its validity.
  });
}
