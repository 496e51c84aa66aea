import type { AuditPageView } from '../api/auditApi';
import { ValidationError } from '../errors';
import type { Identity } from '../identity/identity';
import type { AuditLog } from '../ports/auditLog';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;
/** A `next` the log handed out: the entry's time and id. Anything else is refused before the table is read. */
const CURSOR = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#aud_[A-Za-z0-9_]{1,64}$/;

/** `GET /api/audit`: one page of the caller's tenant's audit trail, newest first. */
export async function listAudit(audit: AuditLog, identity: Identity, query: Readonly<Record<string, string | undefined>>): Promise<AuditPageView> {
  const limitText = query['limit'];
  let limit = DEFAULT_LIMIT;
  if (limitText !== undefined) {
    limit = Number(limitText);
    if (!/^\d{1,3}$/.test(limitText) || limit < 1 || limit > MAX_LIMIT) throw new ValidationError('limit', `limit: must be a whole number from 1 to ${MAX_LIMIT}`);
  }
  const before = query['before'];
  if (before !== undefined && !CURSOR.test(before)) throw new ValidationError('before', 'before: must be the `next` value of an earlier page');
  const page = await audit.list(identity.tenantId, { limit, ...(before === undefined ? {} : { before }) });
  return { entries: page.entries.map(({ tenantId: _tenantId, ...entry }) => entry), next: page.next };
}
