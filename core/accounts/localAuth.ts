import type { SignedInView } from '../api/authApi';
import { ConflictError, UnauthorizedError } from '../errors';
import type { Clock } from '../ports/clock';
import type { AccountRepository } from '../ports/accountRepository';
import type { IdGenerator } from '../ports/idGenerator';
import type { PasswordHasher, TokenIssuer } from '../ports/credentials';
import { parseWith } from '../validation/parseWith';
import type { LocalLogin } from './account';
import { signInSchema, signUpSchema } from './accountSchemas';

export interface LocalAuthDeps {
  readonly accounts: AccountRepository;
  readonly hasher: PasswordHasher;
  readonly tokens: TokenIssuer;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/**
 * First run in local mode: creates a tenant and its owner. DynamoDB stand-ins
 * here have no transactions, so the email is claimed first (conditional put);
 * the tenant and user rows follow, and sign-in re-puts them if a crash came
 * in between, so a half-finished sign-up heals instead of locking the email.
 */
export async function signUp(deps: LocalAuthDeps, body: unknown): Promise<SignedInView> {
  const input = parseWith(signUpSchema, body);
  const now = deps.clock.now().toISOString();
  const login: LocalLogin = {
    email: input.email,
    tenantId: deps.ids.newId('ten'),
    userId: deps.ids.newId('usr'),
    tenantName: input.tenantName,
    passwordHash: await deps.hasher.hash(input.password),
    createdAt: now,
  };
  try {
    await deps.accounts.createLocalLogin(login);
  } catch (error) {
    if (error instanceof ConflictError) throw new ConflictError('an account with this email exists; sign in instead', { cause: error });
    throw error;
  }
  await ensureAccountRows(deps, login);
  return issueFor(deps, login);
}

export async function signIn(deps: LocalAuthDeps, body: unknown): Promise<SignedInView> {
  const input = parseWith(signInSchema, body);
  const login = await deps.accounts.findLocalLogin(input.email);
  // One message for both cases so the answer does not tell which emails exist.
  const rejected = new UnauthorizedError('wrong email or password');
  if (login === null) throw rejected;
  if (!(await deps.hasher.verify(input.password, login.passwordHash))) throw rejected;
  await ensureAccountRows(deps, login);
  return issueFor(deps, login);
}

async function ensureAccountRows(deps: LocalAuthDeps, login: LocalLogin): Promise<void> {
  if ((await deps.accounts.getTenant(login.tenantId)) === null) {
    await deps.accounts.putTenant({ id: login.tenantId, name: login.tenantName, createdAt: login.createdAt });
  }
  if ((await deps.accounts.getUser(login.tenantId, login.userId)) === null) {
    await deps.accounts.putUser({
      tenantId: login.tenantId,
      id: login.userId,
      email: login.email,
      role: 'owner',
      createdAt: login.createdAt,
    });
  }
}

async function issueFor(deps: LocalAuthDeps, login: LocalLogin): Promise<SignedInView> {
  const issued = await deps.tokens.issue({ tenantId: login.tenantId, userId: login.userId, email: login.email });
  return {
    ...issued,
    user: { tenantId: login.tenantId, userId: login.userId, email: login.email, tenantName: login.tenantName },
  };
}
