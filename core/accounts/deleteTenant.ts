import { z } from 'zod';
import { recordAudit, type AuditDeps } from '../audit/recordAudit';
import { NotFoundError, ValidationError } from '../errors';
import type { Identity } from '../identity/identity';
import type { AccountRepository } from '../ports/accountRepository';
import type { MemberDirectory } from '../ports/memberDirectory';
import type { TenantDeletionRepository } from '../ports/tenantDeletionRepository';
import { parseWith } from '../validation/parseWith';
import { withdrawTenantAccess, type WithdrawTenantAccessDeps } from './withdrawTenantAccess';

export interface DeleteTenantDeps extends WithdrawTenantAccessDeps, AuditDeps {
  readonly accounts: WithdrawTenantAccessDeps['accounts'] & Pick<AccountRepository, 'getTenant' | 'listUsers' | 'deleteUser' | 'deleteTenant'>;
  readonly directory: MemberDirectory;
  readonly tenantDeletions: Pick<TenantDeletionRepository, 'start'>;
}

const confirmSchema = z.strictObject({ confirm: z.string().max(200, 'must be at most 200 characters') });

/**
 * The owner deletes their shop. `confirm` must be the shop's exact name, or
 * nothing changes. Then, in this order: a deletion record the dispatcher
 * finds (it removes the rest in bounded steps: every source with its footage,
 * then every item and object left under the tenant), the audit entry, what
 * works without a sign-in (sources into deletion, agents, share links,
 * invites), every member's sign-in and row (the caller's last, so a request
 * that fails before can be sent again), and the tenant row last: from then
 * on every request of the tenant's tokens is refused with 401.
 */
export async function deleteTenant(deps: DeleteTenantDeps, identity: Identity, body: unknown): Promise<void> {
  const { confirm } = parseWith(confirmSchema, body);
  const { tenantId } = identity;
  const tenant = await deps.accounts.getTenant(tenantId);
  if (tenant === null) throw new NotFoundError('tenant not found');
  if (confirm !== tenant.name) throw new ValidationError('confirm', "confirm: type the shop's exact name to delete it");

  await deps.tenantDeletions.start({
    tenantId,
    tenantName: tenant.name,
    requestedAt: deps.clock.now().toISOString(),
    requestedBy: identity.userId,
    objectsDeleted: 0,
    itemsDeleted: 0,
  });
  await recordAudit(deps, identity, 'tenant.deleted', { type: 'tenant', id: tenantId, name: tenant.name });
  await withdrawTenantAccess(deps, tenantId, deps.directory);

  const members = await deps.accounts.listUsers(tenantId);
  const callerLast = [...members.filter((user) => user.id !== identity.userId), ...members.filter((user) => user.id === identity.userId)];
  for (const member of callerLast) {
    // The sign-in goes first: were the row to go first and this fail, signing in could bring the row back.
    await deps.directory.remove({ tenantId, email: member.email });
    await deps.accounts.deleteUser(tenantId, member.id);
  }
  await deps.accounts.deleteTenant(tenantId);
}
