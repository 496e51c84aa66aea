import type { MeView } from '../../core/api/authApi';
import { updateTenantSettings } from '../../core/accounts/tenantSettings';
import type { AccountRepository } from '../../core/ports/accountRepository';
import type { Logger } from '../../adapters/logging/logger';
import { authenticatedHttpHandler } from '../middleware/httpApiHandler';
import { json } from '../middleware/httpTypes';
import { appDependencies } from '../wiring';

/** `PATCH /api/tenant`: rename the tenant or set the time zone its people see times in. */
export function makeHandler(deps: () => { accounts: AccountRepository; logger: Logger }) {
  return authenticatedHttpHandler(
    { 'PATCH /api/tenant': async ({ identity, role, body }) => json(200, (await updateTenantSettings(deps().accounts, identity, role, body)) satisfies MeView) },
    () => deps().logger,
    () => deps().accounts,
  );
}

export const handler = makeHandler(appDependencies);
