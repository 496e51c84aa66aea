import type { CognitoAuthConfig } from '../../api/types';
import { session } from '../../session.svelte';
import { exchangeCallback } from './callback';
import { loadRefresh, savePending, saveRefresh, takePending } from './cognitoStore';
import { authorizeUrl, logoutUrl } from './hostedUi';
import { challengeFor, randomToken } from './pkce';
import { requestTokens, sessionFromIdToken } from './tokens';

/**
 * Sign-in through Cognito's hosted UI (authorization code + PKCE, public
 * client): leave for the hosted UI, come back to /auth/callback, keep the ID
 * token as the bearer and renew it with the refresh token.
 */

/** Leaves for the hosted UI; `next` is the page to come back to. */
export async function beginCognitoSignIn(config: CognitoAuthConfig, next: string, signUp = false): Promise<void> {
  const state = randomToken();
  const verifier = randomToken();
  savePending({ state, verifier, next, domain: config.domain, clientId: config.clientId });
  const challenge = await challengeFor(verifier);
  window.location.assign(authorizeUrl(config, { origin: window.location.origin, state, challenge, signUp }));
}

/** On /auth/callback: starts the session; answers the page to return to. */
export async function completeCognitoSignIn(params: URLSearchParams): Promise<string> {
  const { tokens, pending } = await exchangeCallback(params, takePending(), window.location.origin);
  saveRefresh(tokens.refreshToken ? { domain: pending.domain, clientId: pending.clientId, refreshToken: tokens.refreshToken } : null);
  session.start(sessionFromIdToken(tokens.idToken));
  return pending.next;
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
    const { idToken } = await requestTokens(stored.domain, { grant_type: 'refresh_token', client_id: stored.clientId, refresh_token: stored.refreshToken });
    session.start(sessionFromIdToken(idToken, session.user));
    return idToken;
  } catch {
    saveRefresh(null);
    return null;
  }
}

/** Forgets the tokens here; answers the hosted UI's logout URL to go to next, if signed in through Cognito. */
export function endCognitoSession(): string | null {
  const stored = loadRefresh();
  saveRefresh(null);
  return stored === null ? null : logoutUrl(stored, window.location.origin);
}
