import { TooManyRequestsError } from '../errors';
import type { Clock } from '../ports/clock';
import type { RequestCounter } from '../ports/requestCounter';

export interface TenantRateLimits {
  /** Requests one tenant may make in one window, all its users and routes together. */
  readonly requests: number;
  readonly windowSeconds: number;
}

/**
 * 1,200 a minute (20 a second on average) per tenant: a busy shop's staff with
 * pages open polling stay far below it, while one tenant's runaway client can
 * take at most 40 % of the API stage's 50 requests a second.
 */
export const defaultTenantRateLimits: TenantRateLimits = { requests: 1200, windowSeconds: 60 };

/**
 * Counts this request against the tenant's current fixed window and refuses
 * it with 429 once the window's allowance is spent, saying in `Retry-After`
 * when the next window starts. Other tenants have their own counters.
 */
export async function checkTenantRate(
  deps: { counter: RequestCounter; clock: Clock },
  tenantId: string,
  limits: TenantRateLimits = defaultTenantRateLimits,
): Promise<void> {
  const nowSeconds = deps.clock.now().getTime() / 1000;
  const windowStart = Math.floor(nowSeconds / limits.windowSeconds) * limits.windowSeconds;
  const windowEnd = windowStart + limits.windowSeconds;
  const count = await deps.counter.increment(tenantId, windowStart, windowEnd + limits.windowSeconds);
  if (count > limits.requests) {
    const retryAfterSeconds = Math.max(1, Math.ceil(windowEnd - nowSeconds));
    throw new TooManyRequestsError(`too many requests from this account; try again in ${retryAfterSeconds} s`, retryAfterSeconds, {
      context: { tenantId, count, limit: limits.requests },
    });
  }
}
