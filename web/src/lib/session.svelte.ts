import type { AuthResult, User } from './api/types';

/**
 * The signed-in user and their token, kept in localStorage so a reload or a
 * new tab stays signed in until the token expires (or, signed in through
 * Cognito, while the refresh token can renew it: `token` is then null until
 * the API client renews it).
 */

const STORAGE_KEY = 'vtrack.session';

function isUsable(value: unknown): value is AuthResult {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<AuthResult>;
  return (
    typeof candidate.token === 'string' &&
    typeof candidate.expiresAt === 'string' &&
    typeof candidate.user === 'object' &&
    candidate.user !== null &&
    (candidate.renewable === true || Date.parse(candidate.expiresAt) > Date.now())
  );
}

function load(): AuthResult | null {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    return isUsable(stored) ? stored : null;
  } catch {
    // Storage blocked or corrupted: behave as signed out rather than crash.
    return null;
  }
}

function save(value: AuthResult | null): void {
  try {
    if (value) localStorage.setItem(STORAGE_KEY, JSON.stringify(value));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private mode without storage: the session lives for this page only.
  }
}

class Session {
  #current = $state<AuthResult | null>(load());

  get user(): User | null {
    return this.#current?.user ?? null;
  }

  get token(): string | null {
    const current = this.#current;
    if (!current) return null;
    if (Date.parse(current.expiresAt) <= Date.now()) return null;
    return current.token;
  }

  get signedIn(): boolean {
    return this.#current !== null;
  }

  start(result: AuthResult): void {
    this.#current = result;
    save(result);
  }

  /** Keeps the token, refreshes who the user is (e.g. a renamed tenant, a new time zone). */
  updateUser(user: User): void {
    if (!this.#current) return;
    this.start({ ...this.#current, user });
  }

  end(): void {
    this.#current = null;
    save(null);
  }
}

export const session = new Session();
