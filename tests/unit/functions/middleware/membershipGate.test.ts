import { describe, expect, it } from 'vitest';
import type { FunctionSpec } from '../../../../functions/catalog';
import { makeMembershipGate, type MembershipAccounts } from '../../../../functions/middleware/membershipGate';
import { routeRoles } from '../../../../functions/middleware/routeRoles';
import { roleOfStored } from '../../../../core/accounts/role';
import type { User } from '../../../../core/accounts/account';
import { ForbiddenError, UnauthorizedError } from '../../../../core/errors';

const identity = { tenantId: 'ten_a', userId: 'usr_a', email: 'a@shop.example' };

function accountsWith(user: User | null): MembershipAccounts {
  return {
    getUser: () => Promise.resolve(user),
    getInvite: () => Promise.resolve(null),
    putUser: () => Promise.reject(new Error('not expected')),
    deleteInvite: () => Promise.reject(new Error('not expected')),
  };
}

const staffUser: User = { tenantId: 'ten_a', id: 'usr_a', email: 'a@shop.example', role: 'staff', createdAt: '2026-12-03T00:00:00.000Z' };

describe('membership gate', () => {
  it('refuses a route the catalogue gives no role, even to an owner (fail closed)', async () => {
    const catalog: FunctionSpec[] = [
      { name: 'New', entry: 'x.ts', kind: 'http', routes: ['GET /api/new', 'POST /api/new'], role: { 'GET /api/new': 'staff' }, needs: [] },
      { name: 'Bare', entry: 'y.ts', kind: 'http', routes: ['GET /api/bare'], needs: [] },
    ];
    const roles = routeRoles(catalog);
    const gate = makeMembershipGate(() => accountsWith({ ...staffUser, role: 'owner' }), undefined, (key) => roles.get(key) ?? null);

    await expect(gate(identity, 'GET /api/new')).resolves.toBe('owner');
    await expect(gate(identity, 'POST /api/new')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(gate(identity, 'GET /api/bare')).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('takes the role from the stored row: staff are refused an admin route, and no row is a 401', async () => {
    const gate = makeMembershipGate(() => accountsWith(staffUser), undefined, () => 'admin');
    const nobody = makeMembershipGate(() => accountsWith(null), undefined, () => 'staff');

    await expect(gate(identity, 'POST /api/sources')).rejects.toThrow(/needs the admin role; you are a staff/);
    await expect(nobody(identity, 'GET /api/me')).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('reads a row from before roles were enforced as the least role', () => {
    expect(roleOfStored('member')).toBe('staff');
    expect(roleOfStored(undefined)).toBe('staff');
    expect(roleOfStored('owner')).toBe('owner');
  });
});
