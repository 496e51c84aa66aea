import type { AuditPageView } from '../../../core/api/auditApi';
import { listAudit } from '../../../core/audit/listAudit';
import type { AuditLog } from '../../../core/ports/auditLog';
import type { Logger } from '../../../adapters/logging/logger';
import { authenticatedHttpHandler, type GateAccounts } from '../../middleware/httpApiHandler';
import { json } from '../../middleware/httpTypes';
import { appDependencies } from '../../wiring';

/** `GET /api/audit`: the tenant's audit trail, newest first, a page at a time (owners and admins: the catalogue says so). */
export function makeHandler(deps: () => { audit: AuditLog; accounts: GateAccounts; logger: Logger }) {
  return authenticatedHttpHandler(
    { 'GET /api/audit': async ({ identity, query }) => json(200, (await listAudit(deps().audit, identity, query)) satisfies AuditPageView) },
    () => deps().logger,
    () => deps().accounts,
  );
}

export const handler = makeHandler(appDependencies);
