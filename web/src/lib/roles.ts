import type { Role } from '../../../core/accounts/role';
import { m } from '../paraglide/messages.js';
import { session } from './session.svelte';

const RANK: Readonly<Record<Role, number>> = { staff: 0, admin: 1, owner: 2 };

/** The roles in the order they grow, for pickers. */
export const ROLES: readonly Role[] = ['staff', 'admin', 'owner'];

export const ROLE_NAME: Readonly<Record<Role, () => string>> = { staff: m.role_staff, admin: m.role_admin, owner: m.role_owner };

/**
 * Whether the signed-in member's role allows what needs `needed`. Only for
 * hiding what they cannot do: the API refuses it anyway. A session that does
 * not know its role yet counts as the least.
 */
export function can(needed: Role): boolean {
  const role = session.user?.role ?? 'staff';
  return RANK[role] >= RANK[needed];
}
