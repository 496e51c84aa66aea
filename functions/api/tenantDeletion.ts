import { deleteTenant, type DeleteTenantDeps } from '../../core/accounts/deleteTenant';
import type { AccountRepository } from '../../core/ports/accountRepository';
import type { Logger } from '../../adapters/logging/logger';
import { authenticatedHttpHandler } from '../middleware/httpApiHandler';
import { noContent } from '../middleware/httpTypes';
import { appDependencies, type AppDependencies } from '../wiring';
import { memberDirectoryFor } from './team/memberDirectoryFor';

export type TenantDeletionDeps = DeleteTenantDeps & { readonly logger: Logger; readonly accounts: AccountRepository };

/**
 * `DELETE /api/tenant` (owners only): deletes the shop once `confirm` names it
 * exactly. Access ends before the answer; the dispatcher removes the stored
 * footage, orders and items in the background.
 */
export function makeHandler(deps: () => TenantDeletionDeps, edge?: Parameters<typeof authenticatedHttpHandler>[3]) {
  return authenticatedHttpHandler(
    {
      'DELETE /api/tenant': async ({ identity, body }) => {
        await deleteTenant(deps(), identity, body);
        deps().logger.info({ tenantId: identity.tenantId, userId: identity.userId }, 'tenant deleted by its owner; the dispatcher removes what it stored');
        return noContent();
      },
    },
    () => deps().logger,
    () => deps().accounts,
    edge,
  );
}

let wired: { app: AppDependencies; deps: TenantDeletionDeps } | undefined;

export const handler = makeHandler(() => {
  const app = appDependencies();
  if (wired?.app !== app) wired = { app, deps: { ...app, directory: memberDirectoryFor(app) } };
  return wired.deps;
});
