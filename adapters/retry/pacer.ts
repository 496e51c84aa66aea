import { TransientError } from '../../core/errors';

export interface PacerOptions {
  /** Least time between two calls started through this pacer (the per-tenant request pace). */
  readonly minIntervalMs: number;
  /** First backoff; doubles each retry up to maxBackoffMs, with full jitter. */
  readonly baseBackoffMs: number;
  readonly maxBackoffMs: number;
  /** Tries in all, the first included. */
  readonly maxAttempts: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly now: () => number;
}

export interface RetryDecision {
  readonly retry: boolean;
  /** The server's Retry-After, when it sent one: honoured as the least wait. */
  readonly retryAfterMs?: number;
}

export const defaultPacerOptions: PacerOptions = {
  minIntervalMs: 100,
  baseBackoffMs: 500,
  maxBackoffMs: 32_000,
  maxAttempts: 6,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now,
};

/**
 * Every call to a provider goes through one pacer (rclone's idea): it spaces
 * calls out, and one `classify` decides what is retried, with exponential
 * backoff, full jitter and the server's Retry-After. The I/O code itself never
 * sleeps or counts attempts. When the attempts run out the last error is
 * wrapped in a TransientError, so the state machine's Retry can take over.
 */
export class Pacer {
  private nextSlot = 0;

  constructor(
    private readonly classify: (error: unknown) => RetryDecision,
    private readonly options: PacerOptions = defaultPacerOptions,
  ) {}

  async call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      await this.waitForSlot();
      try {
        return await fn();
      } catch (error) {
        const decision = this.classify(error);
        if (!decision.retry) throw error;
        if (attempt >= this.options.maxAttempts) {
          throw new TransientError(`${operation} still failing after ${attempt} attempts`, { cause: error, context: { operation } });
        }
        const ceiling = Math.min(this.options.maxBackoffMs, this.options.baseBackoffMs * 2 ** (attempt - 1));
        const jittered = Math.floor(this.options.random() * ceiling);
        await this.options.sleep(Math.max(jittered, decision.retryAfterMs ?? 0));
      }
    }
  }

  private async waitForSlot(): Promise<void> {
    const now = this.options.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.options.minIntervalMs;
    if (slot > now) await this.options.sleep(slot - now);
  }
}
