import { TooManyRequestsError } from '../errors';
import type { Clock } from '../ports/clock';

export interface SignInLimits {
  /** Failed sign-ins allowed for one email within the window. */
  readonly perEmail: number;
  /** Failed sign-ins allowed from one client address within the window, whatever the emails. */
  readonly perAddress: number;
  readonly windowMs: number;
}

/** Five guesses at one password, twenty from one address, per quarter hour. */
export const defaultSignInLimits: SignInLimits = { perEmail: 5, perAddress: 20, windowMs: 15 * 60_000 };

interface Window {
  failures: number;
  startedAt: number;
}

/**
 * Counts failed sign-ins per email and per client address in fixed windows and
 * refuses further attempts once either is spent, until the window ends. Local
 * mode runs in one process, so the counts live in memory (AWS signs in through
 * Cognito, which has its own lockout).
 */
export class SignInThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: SignInLimits = defaultSignInLimits,
  ) {}

  /** Throws TooManyRequestsError if this email or address has no attempts left. */
  check(email: string, address: string | null): void {
    const now = this.clock.now().getTime();
    for (const [key, limit] of this.keys(email, address)) {
      const window = this.current(key, now);
      if (window !== undefined && window.failures >= limit) {
        const retryAfterSeconds = Math.max(1, Math.ceil((window.startedAt + this.limits.windowMs - now) / 1000));
        throw new TooManyRequestsError(`too many failed sign-ins; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s)`, retryAfterSeconds);
      }
    }
  }

  failed(email: string, address: string | null): void {
    const now = this.clock.now().getTime();
    for (const [key] of this.keys(email, address)) {
      const window = this.current(key, now) ?? { failures: 0, startedAt: now };
      window.failures += 1;
      this.windows.set(key, window);
    }
  }

  /** A right password clears that email's count (not the address's: it may be guessing others). */
  succeeded(email: string): void {
    this.windows.delete(`email:${email.toLowerCase()}`);
  }

  private keys(email: string, address: string | null): [string, number][] {
    const keys: [string, number][] = [[`email:${email.toLowerCase()}`, this.limits.perEmail]];
    if (address !== null) keys.push([`address:${address}`, this.limits.perAddress]);
    return keys;
  }

  private current(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    if (window === undefined) return undefined;
    if (now - window.startedAt >= this.limits.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }
}
