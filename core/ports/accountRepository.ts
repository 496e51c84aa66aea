import type { Invite, LocalLogin, Tenant, User } from '../accounts/account';
import type { Role } from '../accounts/role';

export interface AccountRepository {
  /** Claims the email; ConflictError if it is taken. Written first so an email maps to one tenant. */
  createLocalLogin(login: LocalLogin): Promise<void>;
  findLocalLogin(email: string): Promise<LocalLogin | null>;
  /** Local mode: a removed member's login goes, so signing in cannot bring their membership back. */
  deleteLocalLogin(email: string): Promise<void>;
  /** Idempotent puts: sign-in repeats them to finish a sign-up that stopped halfway. */
  putTenant(tenant: Tenant): Promise<void>;
  putUser(user: User): Promise<void>;
  getTenant(tenantId: string): Promise<Tenant | null>;
  /** Changes the tenant's settings; NotFoundError if the tenant is gone. */
  updateTenant(tenantId: string, changes: { name?: string; timeZone?: string | null }): Promise<Tenant>;
  getUser(tenantId: string, userId: string): Promise<User | null>;
  /** The tenant's members, oldest first. */
  listUsers(tenantId: string): Promise<User[]>;
  /** NotFoundError if the member is gone. */
  setUserRole(tenantId: string, userId: string, role: Role): Promise<User>;
  deleteUser(tenantId: string, userId: string): Promise<void>;
  /** Removes the tenant row (its shop was deleted): from then on its tokens are refused. Gone already is fine. */
  deleteTenant(tenantId: string): Promise<void>;
  /** Replaces any invite of the same email to the same tenant. */
  putInvite(invite: Invite): Promise<void>;
  getInvite(tenantId: string, email: string): Promise<Invite | null>;
  listInvites(tenantId: string): Promise<Invite[]>;
  /** Local mode: the invite a link's token (by its hash) belongs to. */
  findInviteByToken(tokenHash: string): Promise<Invite | null>;
  deleteInvite(invite: Pick<Invite, 'tenantId' | 'email' | 'tokenHash'>): Promise<void>;
}
