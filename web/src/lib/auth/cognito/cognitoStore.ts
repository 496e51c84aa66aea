/**
 * What the Cognito sign-in keeps in the browser: the refresh token with the
 * user-pool API and client it renews against, in localStorage (across tabs).
 */

export interface RefreshState {
  /** The user-pool API, `https://cognito-idp.<region>.amazonaws.com/`. */
  endpoint: string;
  clientId: string;
  refreshToken: string;
}

const REFRESH_KEY = 'vtrack.cognito';

function readJson(key: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function saveRefresh(value: RefreshState | null): void {
  try {
    if (value === null) localStorage.removeItem(REFRESH_KEY);
    else localStorage.setItem(REFRESH_KEY, JSON.stringify(value));
  } catch {
    // Storage blocked: the sign-in lasts for this page only.
  }
}

/** The stored refresh state; a damaged or partial entry (or one from the hosted-UI sign-in) counts as none. */
export function loadRefresh(): RefreshState | null {
  const value = readJson(REFRESH_KEY);
  const keys = ['endpoint', 'clientId', 'refreshToken'] as const;
  return value !== null && keys.every((key) => typeof value[key] === 'string' && value[key] !== '') ? (value as unknown as RefreshState) : null;
}
