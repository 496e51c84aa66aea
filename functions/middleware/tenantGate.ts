import { UnauthorizedError } from '../../core/errors';
import type { AccountRepository } from '../../core/ports/accountRepository';

/** How long a warm function trusts that a tenant it has seen still exists. */
const KNOWN_FOR_MS = 5 * 60_000;
const MAX_REMEMBERED = 1000;

/**
 * Refuses a verified token whose tenant has no row: a user whose tenant was
 * never provisioned or was removed gets a 401 on every route, not an empty
 * tenant that can write. Tenants seen recently are remembered per warm
 * function so a request costs no extra read.
 */
export function makeTenantGate(accounts: () => Pick<AccountRepository, 'getTenant'>, now: () => number = Date.now) {
  const seen = new Map<string, number>();
  return async (tenantId: string): Promise<void> => {
    const until = seen.get(tenantId);
    if (until !== undefined && until > now()) return;
    if ((await accounts().getTenant(tenantId)) === null) {
      throw new UnauthorizedError('this account has no tenant here; sign in again');
    }
    if (seen.size >= MAX_REMEMBERED) seen.clear();
    seen.set(tenantId, now() + KNOWN_FOR_MS);
  };
}
