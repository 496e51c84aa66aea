import { jwtVerify, SignJWT } from 'jose';
import { UnauthorizedError } from '../../core/errors';
import type { Identity } from '../../core/identity/identity';
import type { Clock } from '../../core/ports/clock';
import type { IssuedToken, TokenIssuer } from '../../core/ports/credentials';

/** Claims named as Cognito names them, so handlers read one shape in both modes. */
export const TENANT_CLAIM = 'custom:tenantId';
export const LOCAL_ISSUER = 'vtrack-local';
export const LOCAL_AUDIENCE = 'vtrack-web';
const SESSION_HOURS = 12;
/** How far apart two clocks may be: an `iat` further in the future than this is refused. */
const CLOCK_SKEW_SECONDS = 60;

/** Signs local-mode session tokens (HS256) with the key kept in the local data folder. */
export function makeLocalTokenIssuer(key: Uint8Array, clock: Clock): TokenIssuer {
  return {
    async issue(identity: Identity): Promise<IssuedToken> {
      const issuedAt = Math.floor(clock.now().getTime() / 1000);
      const expiresAt = issuedAt + SESSION_HOURS * 3600;
      const token = await new SignJWT({ [TENANT_CLAIM]: identity.tenantId, email: identity.email ?? undefined, token_use: 'id' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(identity.userId)
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .sign(key);
      return { token, expiresAt: new Date(expiresAt * 1000).toISOString() };
    },
  };
}

/**
 * Plays API Gateway's JWT authorizer in local mode: verifies signature, issuer,
 * audience and expiry, and hands back the claims the authorizer would pass on.
 * A token must carry `exp`, `iat` and `sub`, be no older than a session, not be
 * issued in the future (beyond a minute of clock skew), and be an ID token.
 */
export async function verifyLocalToken(token: string, key: Uint8Array, clock: Clock): Promise<Record<string, string>> {
  try {
    const { payload } = await jwtVerify(token, key, {
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      algorithms: ['HS256'],
      currentDate: clock.now(),
      requiredClaims: ['exp', 'iat', 'sub'],
      // jose refuses an iat in the future (beyond the tolerance) only when a maximum age is set.
      maxTokenAge: SESSION_HOURS * 3600,
      clockTolerance: CLOCK_SKEW_SECONDS,
    });
    if (payload['token_use'] !== 'id') throw new Error('token_use must be "id"');
    const claims: Record<string, string> = {};
    for (const [name, value] of Object.entries(payload)) {
      if (typeof value === 'string' || typeof value === 'number') claims[name] = String(value);
    }
    return claims;
  } catch (error) {
    throw new UnauthorizedError('the session is not valid; sign in again', { cause: error });
  }
}
