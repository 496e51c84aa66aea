/**
 * What a member of a tenant may do. Each role holds everything the one before
 * it holds: staff search, play, download and share clips; admins also manage
 * sources, agents, cameras, connections and settings; owners also manage the
 * team and the tenant itself.
 */
export const roles = ['staff', 'admin', 'owner'] as const;

export type Role = (typeof roles)[number];

const rank: Readonly<Record<Role, number>> = { staff: 0, admin: 1, owner: 2 };

/** True when a member holding `held` may call something that needs `needed`. */
export function roleAllows(held: Role, needed: Role): boolean {
  return rank[held] >= rank[needed];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/**
 * The role a stored user row grants. Rows written before roles were enforced
 * say `owner` (everyone who signed up) or `member` (never written by any
 * released code); anything not a known role grants the least.
 */
export function roleOfStored(value: unknown): Role {
  return isRole(value) ? value : 'staff';
}
