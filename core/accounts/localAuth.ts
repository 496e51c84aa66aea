import type { SignedInView } from '../api/authApi';
import { ConflictError, GoneError, UnauthorizedError } from '../errors';
import { hashSecret } from '../agents/hashSecret';
import type { AuditLog } from '../ports/auditLog';
import { recordAudit } from '../audit/recordAudit';
import { acceptInviteSchema } from './teamSchemas';
import type { Clock } from '../ports/clock';
import type { AccountRepository } from '../ports/accountRepository';
import type { IdGenerator } from '../ports/idGenerator';
import type { PasswordHasher, TokenIssuer } from '../ports/credentials';
import type { SignInThrottle } from './signInThrottle';
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

/**
 * Signs in with email and password. An unknown email costs the same hash as a
 * wrong password (checked against a dummy hash) and gets the same answer, so
 * neither the message nor the time tells which emails exist. With a throttle,
 * repeated failures per email and per client address are refused for a while.
 */
export async function signIn(deps: LocalAuthDeps, body: unknown, caller: { throttle?: SignInThrottle; address?: string | null } = {}): Promise<SignedInView> {
  const input = parseWith(signInSchema, body);
  const address = caller.address ?? null;
  caller.throttle?.check(input.email, address);
  const login = await deps.accounts.findLocalLogin(input.email);
  const matches = await deps.hasher.verify(input.password, login?.passwordHash ?? (await dummyHash(deps.hasher)));
  if (login === null || !matches) {
    caller.throttle?.failed(input.email, address);
    // One message for both cases so the answer does not tell which emails exist.
    throw new UnauthorizedError('wrong email or password');
  }
  caller.throttle?.succeeded(input.email);
  await ensureAccountRows(deps, login);
  return issueFor(deps, login);
}

const dummyHashes = new WeakMap<PasswordHasher, Promise<string>>();

/** A hash of nothing anyone knows, made once per hasher with its own cost settings. */
function dummyHash(hasher: PasswordHasher): Promise<string> {
  let hash = dummyHashes.get(hasher);
  if (hash === undefined) {
    hash = hasher.hash('no account has this password: it only makes an unknown email cost a hash');
    dummyHashes.set(hasher, hash);
  }
  return hash;
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
      // Logins made at sign-up carry no role: their user is the tenant's first owner.
      role: login.role ?? 'owner',
      createdAt: login.createdAt,
    });
  }
}

/**
 * Local mode: an invitee opens the link the owner passed on and chooses a
 * password. The login is claimed first (an email belongs to one tenant), then
 * the member row with the invite's role; the invite and its link are used up.
 */
export async function acceptInvite(deps: LocalAuthDeps & { readonly audit: AuditLog }, body: unknown): Promise<SignedInView> {
  const input = parseWith(acceptInviteSchema, body);
  const invite = await deps.accounts.findInviteByToken(hashSecret(input.token));
  if (invite === null) throw new GoneError('this invite link no longer works: it was replaced, withdrawn or already used. Ask for a new one.');
  if (Date.parse(invite.expiresAt) <= deps.clock.now().getTime()) throw new GoneError('this invite has expired. Ask for a new one.');
  const tenant = await deps.accounts.getTenant(invite.tenantId);
  if (tenant === null) throw new GoneError('the shop this invite was for no longer exists.');
  const login: LocalLogin = {
    email: invite.email,
    tenantId: invite.tenantId,
    userId: deps.ids.newId('usr'),
    tenantName: tenant.name,
    passwordHash: await deps.hasher.hash(input.password),
    createdAt: deps.clock.now().toISOString(),
    role: invite.role,
  };
  try {
    await deps.accounts.createLocalLogin(login);
  } catch (error) {
    if (error instanceof ConflictError) throw new ConflictError('an account with this email exists; sign in instead', { cause: error });
    throw error;
  }
  await ensureAccountRows(deps, login);
  await deps.accounts.deleteInvite(invite);
  await recordAudit(deps, { tenantId: login.tenantId, userId: login.userId, email: login.email }, 'member.joined', { type: 'member', id: login.userId, name: login.email }, { role: invite.role });
  return issueFor(deps, login);
}

async function issueFor(deps: LocalAuthDeps, login: LocalLogin): Promise<SignedInView> {
  const issued = await deps.tokens.issue({ tenantId: login.tenantId, userId: login.userId, email: login.email });
  // The tenant as it is now (renamed, a time zone set since sign-up), the same as GET /api/me answers.
  const tenant = await deps.accounts.getTenant(login.tenantId);
  return {
    ...issued,
    user: {
      tenantId: login.tenantId,
      userId: login.userId,
      email: login.email,
      tenantName: tenant?.name ?? login.tenantName,
      timeZone: tenant?.timeZone ?? null,
      role: login.role ?? 'owner',
    },
  };
}
