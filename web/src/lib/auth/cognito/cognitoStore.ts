/**
 * What the Cognito sign-in keeps in the browser: the pending round trip
 * (state, PKCE verifier, the page to return to) in sessionStorage for one
 * tab, and the refresh token with the pool's settings in localStorage.
 */

export interface PendingSignIn {
  state: string;
  verifier: string;
  /** The page to return to after signing in. */
  next: string;
  domain: string;
  clientId: string;
}

export interface RefreshState {
  domain: string;
  clientId: string;
  refreshToken: string;
}

const PENDING_KEY = 'vtrack.cognito.pending';
const REFRESH_KEY = 'vtrack.cognito';

function readJson(storage: () => Storage, key: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(storage().getItem(key) ?? 'null');
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function write(storage: () => Storage, key: string, value: object | null): void {
  try {
    if (value === null) storage().removeItem(key);
    else storage().setItem(key, JSON.stringify(value));
  } catch {
    // Storage blocked: the sign-in lasts for this page only.
  }
}

const strings = <K extends string>(value: Record<string, unknown> | null, keys: readonly K[]): Record<K, string> | null =>
  value !== null && keys.every((key) => typeof value[key] === 'string' && value[key] !== '') ? (value as Record<K, string>) : null;

export function savePending(pending: PendingSignIn): void {
  write(() => sessionStorage, PENDING_KEY, pending);
}

/** The pending sign-in, once: a second callback with the same state finds nothing. */
export function takePending(): PendingSignIn | null {
  const value = strings(readJson(() => sessionStorage, PENDING_KEY), ['state', 'verifier', 'next', 'domain', 'clientId'] as const);
  write(() => sessionStorage, PENDING_KEY, null);
  return value;
}

export function saveRefresh(value: RefreshState | null): void {
  write(() => localStorage, REFRESH_KEY, value);
}

export function loadRefresh(): RefreshState | null {
  return strings(readJson(() => localStorage, REFRESH_KEY), ['domain', 'clientId', 'refreshToken'] as const);
}
