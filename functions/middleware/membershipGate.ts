import { acceptPendingInvite } from '../../core/accounts/team';
import { roleAllows, type Role } from '../../core/accounts/role';
import { ForbiddenError, UnauthorizedError } from '../../core/errors';
import type { Identity } from '../../core/identity/identity';
import type { AccountRepository } from '../../core/ports/accountRepository';
import { systemClock, type Clock } from '../../core/ports/clock';
import { requiredRole } from './routeRoles';

/** What the gate reads: the member row and, for a first request after an invite (AWS), the invite. */
export type MembershipAccounts = Pick<AccountRepository, 'getUser' | 'getInvite' | 'putUser' | 'deleteInvite'>;

/**
 * The one place roles are enforced, for every authenticated route in AWS and
 * locally alike: the caller's role is the one stored on their member row (read
 * on every request, so a changed or removed member counts from the next one),
 * and the route's comes from the catalogue. No member row: a pending invite for
 * the caller's email is accepted (AWS), otherwise 401. A role too low, or a
 * route with no role, is a 403 before the route runs, so nothing changes.
 */
export function makeMembershipGate(accounts: () => MembershipAccounts, clock: Clock = systemClock, roleOf: (routeKey: string) => Role | null = requiredRole) {
  return async (identity: Identity, routeKey: string): Promise<Role> => {
    const user = (await accounts().getUser(identity.tenantId, identity.userId)) ?? (await acceptPendingInvite({ accounts: accounts(), clock }, identity));
    if (user === null) throw new UnauthorizedError('you are not a member of this shop (any more); sign in again');
    const needed = roleOf(routeKey);
    if (needed === null) throw new ForbiddenError(`${routeKey} has no role set, so no one may call it`);
    if (!roleAllows(user.role, needed)) throw new ForbiddenError(`this needs the ${needed} role; you are ${user.role === 'admin' ? 'an' : 'a'} ${user.role}`);
    return user.role;
  };
}
