import type { LocalLogin, Tenant, User } from '../accounts/account';

export interface AccountRepository {
  /** Claims the email; ConflictError if it is taken. Written first so an email maps to one tenant. */
  createLocalLogin(login: LocalLogin): Promise<void>;
  findLocalLogin(email: string): Promise<LocalLogin | null>;
  /** Idempotent puts: sign-in repeats them to finish a sign-up that stopped halfway. */
  putTenant(tenant: Tenant): Promise<void>;
  putUser(user: User): Promise<void>;
  getTenant(tenantId: string): Promise<Tenant | null>;
  /** Changes the tenant's settings; NotFoundError if the tenant is gone. */
  updateTenant(tenantId: string, changes: { name?: string; timeZone?: string | null }): Promise<Tenant>;
  getUser(tenantId: string, userId: string): Promise<User | null>;
}
