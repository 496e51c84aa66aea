import { NotFoundError } from '../../core/errors';
import type { AccountRepository } from '../../core/ports/accountRepository';
import type { Logger } from '../logging/logger';
import { authenticatedHttpHandler } from '../middleware/httpApiHandler';
import { json } from '../middleware/httpTypes';
import { appDependencies } from '../wiring';

/** `GET /api/me`: who is signed in and for which tenant, for the web app's header. */
export function makeHandler(deps: () => { accounts: AccountRepository; logger: Logger }) {
  return authenticatedHttpHandler(
    {
      'GET /api/me': async ({ identity }) => {
        const tenant = await deps().accounts.getTenant(identity.tenantId);
        if (tenant === null) throw new NotFoundError('tenant not found');
        return json(200, { tenantId: identity.tenantId, userId: identity.userId, email: identity.email, tenantName: tenant.name });
      },
    },
    () => deps().logger,
  );
}

export const handler = makeHandler(appDependencies);
