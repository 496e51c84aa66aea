/**
 * The Cognito access token of the signed-in member, in this page's memory
 * only: it may change the member's own sign-in (MFA), so it is never written
 * to storage; after a reload the refresh token gives a new one
 * (cognitoSignIn.ts, cognitoAccessToken).
 */

/** Stop using it this long before it expires, so no call goes out with a token about to lapse. */
const EARLY_MS = 60_000;

let kept: { token: string; usableUntil: number } | null = null;

/** Keeps the token Cognito answered with (`expiresIn` seconds); undefined forgets it. */
export function keepAccessToken(token: string | undefined, expiresInSeconds = 3600): void {
  kept = token === undefined ? null : { token, usableUntil: Date.now() + expiresInSeconds * 1000 - EARLY_MS };
}

/** The kept token while it is still good, else null. */
export function keptAccessToken(): string | null {
  return kept !== null && kept.usableUntil > Date.now() ? kept.token : null;
}
