import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A bandwidth cap: `take(n)` waits until n bytes may be sent at `bytesPerSecond`
 * on average, allowing bursts of at most one second's worth. A null rate never
 * waits. The rate can change while running (a new configuration).
 */
export class TokenBucket {
  private tokens: number;
  private lastMs: number;

  constructor(
    private rate: number | null,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = rate ?? 0;
    this.lastMs = now();
  }

  setRate(rate: number | null): void {
    if (rate === this.rate) return;
    this.rate = rate;
    this.tokens = Math.min(this.tokens, rate ?? 0);
  }

  async take(bytes: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const rate = this.rate;
      if (rate === null) return;
      const now = this.now();
      this.tokens = Math.min(rate, this.tokens + ((now - this.lastMs) / 1000) * rate);
      this.lastMs = now;
      // A chunk larger than the burst goes once the bucket is full, so it cannot wait for ever.
      const need = Math.min(bytes, rate);
      if (this.tokens >= need) {
        this.tokens -= bytes;
        return;
      }
      await sleep(Math.ceil(((need - this.tokens) / rate) * 1000), undefined, signal ? { signal } : {});
    }
  }
}
