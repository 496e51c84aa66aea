import type { CognitoAuthConfig } from '../../api/types';

/** URLs of Cognito's hosted UI (the managed login pages) for the web client. */

export const SCOPES = 'openid email profile';

export function redirectUri(origin: string): string {
  return `${origin}/auth/callback`;
}

/** `/oauth2/authorize` for signing in, `/signup` for a new account; both come back with a code. */
export function authorizeUrl(
  config: Pick<CognitoAuthConfig, 'domain' | 'clientId'>,
  request: { origin: string; state: string; challenge: string; signUp?: boolean },
): string {
  const url = new URL(request.signUp ? '/signup' : '/oauth2/authorize', config.domain);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(request.origin),
    scope: SCOPES,
    state: request.state,
    code_challenge: request.challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

/** Ends the hosted UI's own session too, then comes back to the app. */
export function logoutUrl(config: Pick<CognitoAuthConfig, 'domain' | 'clientId'>, origin: string): string {
  const url = new URL('/logout', config.domain);
  url.search = new URLSearchParams({ client_id: config.clientId, logout_uri: `${origin}/` }).toString();
  return url.toString();
}
