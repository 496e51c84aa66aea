import type { MeView } from '../../core/api/authApi';
import { describeTenant } from '../../core/accounts/tenantSettings';
import type { AccountRepository } from '../../core/ports/accountRepository';
import type { Logger } from '../../adapters/logging/logger';
import { authenticatedHttpHandler } from '../middleware/httpApiHandler';
import { json } from '../middleware/httpTypes';
import { appDependencies } from '../wiring';

/** `GET /api/me`: who is signed in and for which tenant, with the tenant's time zone, for the web app's header. */
export function makeHandler(deps: () => { accounts: AccountRepository; logger: Logger }) {
  return authenticatedHttpHandler(
    { 'GET /api/me': async ({ identity, role }) => json(200, (await describeTenant(deps().accounts, identity, role)) satisfies MeView) },
    () => deps().logger,
    () => deps().accounts,
  );
}

export const handler = makeHandler(appDependencies);
