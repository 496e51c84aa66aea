import type { AuthResult, User } from '../../api/types';

/** The token endpoint's answer, as far as the app uses it. */
export interface TokenSet {
  idToken: string;
  /** Absent when refreshing: Cognito keeps the refresh token it issued at sign-in. */
  refreshToken?: string;
}

/** Renew this long before the ID token expires, so no call goes out with a token about to lapse. */
const EARLY_MS = 60_000;

export class TokenRequestError extends Error {
  override readonly name = 'TokenRequestError';
}

/** POSTs a form to `${domain}/oauth2/token` (public client: no secret; PKCE or a refresh token proves the caller). */
export async function requestTokens(domain: string, form: Record<string, string>): Promise<TokenSet> {
  let response: Response;
  try {
    response = await fetch(new URL('/oauth2/token', domain), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  } catch (cause) {
    throw new TokenRequestError('the sign-in service could not be reached', { cause });
  }
  const body: unknown = await response.json().catch(() => null);
  const idToken = typeof body === 'object' && body !== null && 'id_token' in body ? body.id_token : undefined;
  if (!response.ok || typeof idToken !== 'string') throw new TokenRequestError(`the sign-in service refused (${response.status})`);
  const refreshToken = (body as { refresh_token?: unknown }).refresh_token;
  return { idToken, ...(typeof refreshToken === 'string' ? { refreshToken } : {}) };
}

/** The ID token's claims. Not verified here: the API's authorizer verifies every call. */
export function readClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(json, (char) => char.charCodeAt(0));
  const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
  if (typeof claims !== 'object' || claims === null) throw new TokenRequestError('the ID token has no claims');
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
