import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Clock } from '../../../core/ports/clock';
import { verifyLocalToken } from '../../../adapters/auth/localTokens';

/** Checks a bearer token as API Gateway's JWT authorizer would; the claims it passes on, or a throw. */
export type BearerVerifier = (token: string) => Promise<Record<string, string>>;

/** How the local stack signs people in: its own HS256 tokens (default), or a Cognito user pool (or a fake of one). */
export type LocalAuthMode =
  | { readonly mode: 'local' }
  | {
      readonly mode: 'cognito';
      /** The pool's issuer, `https://cognito-idp.<region>.amazonaws.com/<pool id>`. */
      readonly issuer: string;
      readonly jwksUrl: string;
      /** The web client's id: the authorizer's audience. */
      readonly clientId: string;
      /** The hosted UI's base URL, sent to the web app by /api/auth/config. */
      readonly domain: string;
      /** The user-pool API the sign-in pages call (in tests, the Cognito fake). */
      readonly endpoint: string;
      /** Default: the issuer's last path segment. */
      readonly userPoolId?: string;
    };

export function localBearerVerifier(key: Uint8Array, clock: Clock): BearerVerifier {
  return (token) => verifyLocalToken(token, key, clock);
}

/**
 * API Gateway's JWT authorizer for a Cognito pool: an RS256 signature by a key
 * from the issuer's JWKS, the issuer, `exp`/`nbf`, and the audience, which is
 * the `aud` claim (ID tokens) or `client_id` (access tokens).
 */
export function cognitoBearerVerifier(options: { issuer: string; jwksUrl: string; clientId: string }, clock: Clock): BearerVerifier {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl));
  return async (token) => {
    const { payload } = await jwtVerify(token, keys, { issuer: options.issuer, algorithms: ['RS256'], currentDate: clock.now() });
    const audiences = typeof payload.aud === 'string' ? [payload.aud] : (payload.aud ?? []);
    if (!audiences.includes(options.clientId) && payload['client_id'] !== options.clientId) throw new Error('token audience is not this client');
    const claims: Record<string, string> = {};
    for (const [name, value] of Object.entries(payload)) {
      if (typeof value === 'string' || typeof value === 'number') claims[name] = String(value);
    }
    return claims;
  };
}
