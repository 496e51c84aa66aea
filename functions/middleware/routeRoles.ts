import type { Role } from '../../core/accounts/role';
import { functionCatalog, type FunctionSpec } from '../catalog';

/**
 * The least role each authenticated route needs, read from the function
 * catalogue (the one list AWS deploys and the local stack serves). Routes of
 * a spec whose `role` is a per-route record get their own entry; a route the
 * record leaves out has none.
 */
export function routeRoles(catalog: readonly FunctionSpec[] = functionCatalog): ReadonlyMap<string, Role> {
  const roles = new Map<string, Role>();
  for (const spec of catalog) {
    if (spec.kind !== 'http' || spec.authenticated === false || spec.role === undefined) continue;
    for (const routeKey of spec.routes ?? []) {
      const role = typeof spec.role === 'string' ? spec.role : spec.role[routeKey];
      if (role !== undefined) roles.set(routeKey, role);
    }
  }
  return roles;
}

let fromCatalog: ReadonlyMap<string, Role> | undefined;

/** The role `routeKey` needs, or null when the catalogue gives it none (such a route is refused). */
export function requiredRole(routeKey: string): Role | null {
  fromCatalog ??= routeRoles();
  return fromCatalog.get(routeKey) ?? null;
}
