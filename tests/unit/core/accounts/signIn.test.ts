import { describe, expect, it } from 'vitest';
import { scryptPasswordHasher } from '../../../../adapters/auth/scryptPasswordHasher';
import type { LocalLogin, Tenant, User } from '../../../../core/accounts/account';
import { signIn, type LocalAuthDeps } from '../../../../core/accounts/localAuth';
import { SignInThrottle } from '../../../../core/accounts/signInThrottle';
import { TooManyRequestsError, UnauthorizedError } from '../../../../core/errors';
import type { AccountRepository } from '../../../../core/ports/accountRepository';
import type { PasswordHasher } from '../../../../core/ports/credentials';

/** The account port in memory: one login, its tenant and user. */
class MemoryAccounts implements AccountRepository {
  readonly logins = new Map<string, LocalLogin>();
  readonly tenants = new Map<string, Tenant>();
  readonly users = new Map<string, User>();
  createLocalLogin(login: LocalLogin): Promise<void> {
    this.logins.set(login.email, login);
    return Promise.resolve();
  }
  findLocalLogin(email: string): Promise<LocalLogin | null> {
    return Promise.resolve(this.logins.get(email) ?? null);
  }
  putTenant(tenant: Tenant): Promise<void> {
    this.tenants.set(tenant.id, tenant);
    return Promise.resolve();
  }
  putUser(user: User): Promise<void> {
    this.users.set(`${user.tenantId}/${user.id}`, user);
    return Promise.resolve();
  }
  getTenant(tenantId: string): Promise<Tenant | null> {
    return Promise.resolve(this.tenants.get(tenantId) ?? null);
  }
  updateTenant(): Promise<Tenant> {
    return Promise.reject(new Error('not used here'));
  }
  getUser(tenantId: string, userId: string): Promise<User | null> {
    return Promise.resolve(this.users.get(`${tenantId}/${userId}`) ?? null);
  }
  // Team members and invites: not used by sign-in.
  deleteLocalLogin = notUsed;
  listUsers = notUsed;
  setUserRole = notUsed;
  deleteUser = notUsed;
  deleteTenant = notUsed;
  putInvite = notUsed;
  getInvite = notUsed;
  listInvites = notUsed;
  findInviteByToken = notUsed;
  deleteInvite = notUsed;
}

function notUsed(): Promise<never> {
  return Promise.reject(new Error('not used here'));
}

/** The real scrypt hasher, counting the hashes it verifies. */
function countingHasher(): PasswordHasher & { verified: string[] } {
  const verified: string[] = [];
  return {
    verified,
    hash: (password) => scryptPasswordHasher.hash(password),
    verify: (password, stored) => {
      verified.push(stored);
      return scryptPasswordHasher.verify(password, stored);
    },
  };
}

let now = new Date('2026-12-03T09:00:00Z');
const clock = { now: () => now };

async function depsWithOwner(hasher: PasswordHasher): Promise<LocalAuthDeps> {
  const accounts = new MemoryAccounts();
  await accounts.createLocalLogin({
    email: 'chu@cua-hang.vn',
    tenantId: 'ten_a',
    userId: 'usr_a',
    tenantName: 'Cửa hàng A',
    passwordHash: await scryptPasswordHasher.hash('mật khẩu đúng'),
    createdAt: now.toISOString(),
  });
  return {
    accounts,
    hasher,
    clock,
    ids: { newId: (prefix) => `${prefix}_x`, newTimeOrderedId: (prefix) => `${prefix}_x` },
    tokens: { issue: () => Promise.resolve({ token: 'token', expiresAt: now.toISOString() }) },
  };
}

describe('local sign-in', () => {
  it('checks an unknown email against a scrypt hash, as it does a wrong password, and answers both alike', async () => {
    const hasher = countingHasher();
    const deps = await depsWithOwner(hasher);

    const unknown = await signIn(deps, { email: 'nobody@cua-hang.vn', password: 'mật khẩu đúng' }).catch((error: unknown) => error);
    const wrong = await signIn(deps, { email: 'chu@cua-hang.vn', password: 'sai' }).catch((error: unknown) => error);

    expect(unknown).toBeInstanceOf(UnauthorizedError);
    expect(wrong).toBeInstanceOf(UnauthorizedError);
    expect((unknown as Error).message).toBe((wrong as Error).message);
    expect(hasher.verified).toHaveLength(2);
    expect(hasher.verified.every((stored) => stored.startsWith('scrypt$16384$8$1$'))).toBe(true);
  });

  it('refuses a sixth try at one email with a 429-style error, even with the right password, until the window ends', async () => {
    const deps = await depsWithOwner(scryptPasswordHasher);
    const throttle = new SignInThrottle(clock);
    const caller = { throttle, address: '203.0.113.7' };
    for (let i = 0; i < 5; i += 1) {
      await expect(signIn(deps, { email: 'chu@cua-hang.vn', password: `guess ${i}` }, caller)).rejects.toBeInstanceOf(UnauthorizedError);
    }

    const locked = await signIn(deps, { email: 'chu@cua-hang.vn', password: 'mật khẩu đúng' }, { throttle, address: '198.51.100.1' }).catch((error: unknown) => error);
    now = new Date(now.getTime() + 15 * 60_000);
    const later = await signIn(deps, { email: 'chu@cua-hang.vn', password: 'mật khẩu đúng' }, caller);

    expect(locked).toBeInstanceOf(TooManyRequestsError);
    expect((locked as TooManyRequestsError).retryAfterSeconds).toBe(900);
    expect(later.user.tenantId).toBe('ten_a');
  });

  it('refuses an address that keeps failing across many emails, but not another address', async () => {
    const deps = await depsWithOwner(scryptPasswordHasher);
    const throttle = new SignInThrottle(clock, { perEmail: 5, perAddress: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i += 1) {
      await expect(signIn(deps, { email: `user${i}@cua-hang.vn`, password: 'whatever' }, { throttle, address: '203.0.113.9' })).rejects.toBeInstanceOf(UnauthorizedError);
    }

    await expect(signIn(deps, { email: 'chu@cua-hang.vn', password: 'mật khẩu đúng' }, { throttle, address: '203.0.113.9' })).rejects.toBeInstanceOf(TooManyRequestsError);
    await expect(signIn(deps, { email: 'chu@cua-hang.vn', password: 'mật khẩu đúng' }, { throttle, address: '203.0.113.10' })).resolves.toMatchObject({ token: 'token' });
  });
});
