import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleAllows, roles, type Role } from '../../../core/accounts/role';
import type { ErrorBody } from '../../../core/api/errorCodes';
import { requiredRole } from '../../../functions/middleware/routeRoles';
import { catalogueRoutes, validBodies } from '../../support/badInputMatrix';
import { ApiClient, startHarness, validLocalSource, type Harness } from '../../support/localStackHarness';
import { shopWithTeam, type Member } from '../../support/team';

/** What a forbidden call must not have changed: everything an admin or owner can list. */
async function snapshot(owner: ApiClient): Promise<string> {
  const lists = await Promise.all(
    ['/api/me', '/api/sources', '/api/agents', '/api/google/connections', '/api/team', '/api/audit'].map(async (pathname) => {
      const response = await owner.call('GET', pathname);
      return `${pathname} ${response.status} ${JSON.stringify(response.body)}`;
    }),
  );
  return lists.join('\n');
}

/**
 * Every authenticated route of the catalogue, called by each role: a role the
 * catalogue allows is never refused for its role, a role below it gets 403
 * `forbidden` even with a valid body, and the refused calls change nothing.
 * Routes come from the catalogue, so a new route is covered (or fails) here.
 */
describe('roles on every catalogue route (local stack)', () => {
  let harness: Harness;
  let callers: Record<Role, ApiClient>;
  let owner: ApiClient;
  let ids: Record<string, string>;
  const authenticated = catalogueRoutes().filter((route) => route.authenticated);

  beforeAll(async () => {
    harness = await startHarness();
    const anonymous = new ApiClient(harness.stack.url);
    const shop = await shopWithTeam(anonymous, 'hoa-sen.vn');
    owner = shop.owner;
    callers = { owner: shop.owner, admin: shop.admin.client, staff: shop.staff.client };
    const source = await owner.call<{ id: string }>('POST', '/api/sources', validLocalSource);
    const other: Member = shop.staff;
    ids = { sourceId: source.body.id, userId: other.userId };
  }, 120_000);

  afterAll(async () => {
    await harness.close();
  });

  it('gives every authenticated route a role', () => {
    const without = authenticated.filter((route) => requiredRole(route.routeKey) === null).map((route) => route.routeKey);

    expect(authenticated.length).toBeGreaterThan(30);
    expect(without).toEqual([]);
  });

  it('staff may search, play, download and share but not manage sources, connections, agents, settings or the team', () => {
    const staffMay = authenticated.filter((route) => requiredRole(route.routeKey) === 'staff').map((route) => route.routeKey);

    expect(staffMay).toEqual(expect.arrayContaining(['POST /api/events/search', 'GET /api/events/{eventId}/clip', 'POST /api/events/{eventId}/shares', 'POST /api/events/export']));
    expect(staffMay.filter((key) => /^(POST|PATCH|DELETE) \/api\/(sources|google|agents|tenant|team)/.test(key))).toEqual([]);
    expect(requiredRole('POST /api/team/invites')).toBe('owner');
    expect(requiredRole('DELETE /api/tenant')).toBe('owner');
    expect(requiredRole('GET /api/audit')).toBe('admin');
  });

  for (const role of roles) {
    it(`refuses ${role} exactly the routes above its role with 403 forbidden, and those calls change nothing`, async () => {
      const before = await snapshot(owner);
      const wrong: string[] = [];
      for (const route of authenticated) {
        const needed = requiredRole(route.routeKey);
        const allowed = needed !== null && roleAllows(role, needed);
        // Allowed calls go to ids that do not exist (so they change nothing either); refused ones to real ids with valid bodies.
        const pathname = route.path.replace(/\{(\w+)\}/g, (_, name: string) => (allowed ? 'none_such' : (ids[name] ?? 'x')));
        const body = allowed ? undefined : validBodies[route.routeKey];
        const response = await callers[role].call<ErrorBody>(route.method, pathname, body);
        const refused = response.status === 403 && response.body.error?.code === 'forbidden';
        if (allowed === refused) wrong.push(`${role} ${route.routeKey} → ${response.status} ${JSON.stringify(response.body).slice(0, 100)}`);
        if (response.status >= 500 && response.status !== 503) wrong.push(`${role} ${route.routeKey} → ${response.status}`);
      }

      expect(wrong).toEqual([]);
      expect(await snapshot(owner)).toBe(before);
    }, 120_000);
  }
});
