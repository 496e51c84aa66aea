import type { AuthResult, User } from '../../api/types';

/** Renew this long before the ID token expires, so no call goes out with a token about to lapse. */
const EARLY_MS = 60_000;

/** An ID token whose claims cannot be read. */
export class IdTokenError extends Error {
  override readonly name = 'IdTokenError';
}

/** The ID token's claims. Not verified here: the API's authorizer verifies every call. */
export function readClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(json, (char) => char.charCodeAt(0));
  const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
  if (typeof claims !== 'object' || claims === null) throw new IdTokenError('the ID token has no claims');
  return claims as Record<string, unknown>;
}

/**
 * A session from an ID token: the token is the bearer (the authorizer's
 * audience is the client id, and only it carries `custom:tenantId`); it counts
 * as expired a minute early. Names the API knows better (tenant name, zone) are
 * kept from `previous` until /api/me answers.
 */
export function sessionFromIdToken(idToken: string, previous: User | null = null): AuthResult {
  const claims = readClaims(idToken);
  const text = (name: string): string => (typeof claims[name] === 'string' ? claims[name] : '');
  const expiresAt = typeof claims.exp === 'number' ? claims.exp * 1000 - EARLY_MS : Date.now();
  return {
    token: idToken,
    expiresAt: new Date(expiresAt).toISOString(),
    renewable: true,
    user: {
      tenantId: text('custom:tenantId'),
      userId: text('sub'),
      email: text('email'),
      tenantName: previous?.tenantName ?? '',
      timeZone: previous?.timeZone ?? null,
      // The least role until /api/me says which: nothing is shown that the member may not do.
      role: previous?.role ?? 'staff',
    },
  };
}
