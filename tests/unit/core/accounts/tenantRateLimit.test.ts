import { describe, expect, it } from 'vitest';
import { checkTenantRate } from '../../../../core/accounts/tenantRateLimit';
import { TooManyRequestsError } from '../../../../core/errors';
import type { RequestCounter } from '../../../../core/ports/requestCounter';

/** Counts like the DynamoDB counter does: one number per tenant and window start. */
function memoryCounter(): RequestCounter & { windows: Map<string, number> } {
  const windows = new Map<string, number>();
  return {
    windows,
    increment: (tenantId, windowStart) => {
      const key = `${tenantId}@${windowStart}`;
      windows.set(key, (windows.get(key) ?? 0) + 1);
      return Promise.resolve(windows.get(key) ?? 0);
    },
  };
}

const at = (iso: string) => ({ now: () => new Date(iso) });
const limits = { requests: 3, windowSeconds: 60 };

describe('per-tenant request limit', () => {
  it('refuses the request past the window\'s allowance, saying when the next window starts', async () => {
    // Prepare
    const counter = memoryCounter();
    const clock = at('2026-12-03T12:00:15.400Z');
    for (let i = 0; i < 3; i += 1) await checkTenantRate({ counter, clock }, 'ten_flood', limits);

    // Act
    const refused = await checkTenantRate({ counter, clock }, 'ten_flood', limits).catch((error: unknown) => error);

    // Assess: 44.6 s of the window are left; Retry-After rounds up.
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect((refused as TooManyRequestsError).retryAfterSeconds).toBe(45);
  });

  it('keeps each tenant\'s count apart and starts afresh in the next window', async () => {
    // Prepare
    const counter = memoryCounter();
    for (let i = 0; i < 4; i += 1) await checkTenantRate({ counter, clock: at('2026-12-03T12:00:59Z') }, 'ten_flood', limits).catch(() => undefined);

    // Act + Assess: another tenant in the same window, and the same tenant in the next one, are served.
    await expect(checkTenantRate({ counter, clock: at('2026-12-03T12:00:59Z') }, 'ten_quiet', limits)).resolves.toBeUndefined();
    await expect(checkTenantRate({ counter, clock: at('2026-12-03T12:01:00Z') }, 'ten_flood', limits)).resolves.toBeUndefined();
    expect([...counter.windows.keys()].sort()).toEqual([`ten_flood@${Date.parse('2026-12-03T12:00:00Z') / 1000}`, `ten_flood@${Date.parse('2026-12-03T12:01:00Z') / 1000}`, `ten_quiet@${Date.parse('2026-12-03T12:00:00Z') / 1000}`]);
  });
});
