import { checkTenantRate, type TenantRateLimits } from '../../core/accounts/tenantRateLimit';
import { TooManyRequestsError } from '../../core/errors';
import type { Clock } from '../../core/ports/clock';
import type { RequestCounter } from '../../core/ports/requestCounter';
import type { Logger } from '../../adapters/logging/logger';
import { appDependencies } from '../wiring';

export interface TenantRateDeps {
  readonly counter: RequestCounter;
  readonly clock: Clock;
  readonly limits: TenantRateLimits;
  readonly logger: Logger;
}

/** The wired counter (DynamoDB, in AWS and locally alike) and the limits from the environment. */
export function tenantRateDepsFromApp(): TenantRateDeps {
  const app = appDependencies();
  return { counter: app.requestCounter, clock: app.clock, limits: app.config.tenantRateLimit, logger: app.logger };
}

/**
 * Counts each request of a tenant (after its token and tenant were verified)
 * and answers 429 `rate_limited` with `Retry-After` once the tenant's window is
 * spent. If the counter itself cannot be reached the request goes on: the
 * limit protects other tenants, and refusing everyone would not.
 */
export function makeTenantRateGate(deps: () => TenantRateDeps) {
  return async (tenantId: string): Promise<void> => {
    const { counter, clock, limits, logger } = deps();
    try {
      await checkTenantRate({ counter, clock }, tenantId, limits);
    } catch (error) {
      if (error instanceof TooManyRequestsError) {
        logger.warn({ tenantId, limit: limits.requests, windowSeconds: limits.windowSeconds }, 'tenant rate limit reached');
        throw error;
      }
      logger.warn({ tenantId, err: error }, 'tenant rate limit not checked: the counter did not answer');
    }
  };
}
