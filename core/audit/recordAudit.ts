import type { Identity } from '../identity/identity';
import type { AuditLog } from '../ports/auditLog';
import type { Clock } from '../ports/clock';
import type { IdGenerator } from '../ports/idGenerator';
import type { AuditAction, AuditDetail, AuditEntry } from './auditEntry';

export interface AuditDeps {
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** Writes who (the signed-in identity) did `action` to `target`, now. Called by a handler once the change is made. */
export async function recordAudit(
  deps: AuditDeps,
  identity: Identity,
  action: AuditAction,
  target: AuditEntry['target'],
  detail?: AuditDetail,
): Promise<AuditEntry> {
  const at = deps.clock.now();
  const entry: AuditEntry = {
    tenantId: identity.tenantId,
    id: deps.ids.newTimeOrderedId('aud', at),
    at: at.toISOString(),
    action,
    actor: { userId: identity.userId, email: identity.email },
    target,
    ...(detail === undefined ? {} : { detail }),
  };
  await deps.audit.record(entry);
  return entry;
}
