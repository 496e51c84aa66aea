import type { InvitedView, InviteView, MemberView, TeamView } from '../api/teamApi';
import { recordAudit, type AuditDeps } from '../audit/recordAudit';
import { ConflictError, NotFoundError } from '../errors';
import type { Identity } from '../identity/identity';
import type { AccountRepository } from '../ports/accountRepository';
import type { MemberDirectory } from '../ports/memberDirectory';
import type { SecretGenerator } from '../ports/secretGenerator';
import { parseWith } from '../validation/parseWith';
import { hashSecret } from '../agents/hashSecret';
import type { Invite, User } from './account';
import type { Role } from './role';
import { inviteSchema, memberPatchSchema } from './teamSchemas';

/** How long an invite can be accepted. Cognito's temporary password lasts as long (infra/aws ApiStack). */
export const INVITE_DAYS = 3;

export interface TeamDeps extends AuditDeps {
  readonly accounts: AccountRepository;
  readonly directory: MemberDirectory;
  readonly secrets: Pick<SecretGenerator, 'credentialSecret'>;
}

const isExpired = (invite: Invite, now: Date): boolean => Date.parse(invite.expiresAt) <= now.getTime();

function inviteView(invite: Invite, now: Date): InviteView {
  return { id: invite.id, email: invite.email, role: invite.role, invitedAt: invite.createdAt, expiresAt: invite.expiresAt, expired: isExpired(invite, now) };
}

function memberView(user: User, identity: Identity): MemberView {
  return { userId: user.id, email: user.email, role: user.role, joinedAt: user.createdAt, you: user.id === identity.userId };
}

export async function listTeam(deps: Pick<TeamDeps, 'accounts' | 'directory' | 'clock'>, identity: Identity): Promise<TeamView> {
  const now = deps.clock.now();
  const [users, invites] = await Promise.all([deps.accounts.listUsers(identity.tenantId), deps.accounts.listInvites(identity.tenantId)]);
  return {
    members: users.map((user) => memberView(user, identity)),
    invites: invites.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map((invite) => inviteView(invite, now)),
    delivery: deps.directory.delivery,
  };
}

/**
 * Invites a colleague with a role. Someone already in the tenant is refused;
 * inviting an email again replaces the earlier invite (a new link, a new
 * expiry). In local mode the answer carries the link, shown once.
 */
export async function inviteMember(deps: TeamDeps, identity: Identity, body: unknown): Promise<InvitedView> {
  const input = parseWith(inviteSchema, body);
  const members = await deps.accounts.listUsers(identity.tenantId);
  if (members.some((member) => member.email === input.email)) throw new ConflictError(`${input.email} is already a member`);
  const now = deps.clock.now();
  const token = deps.directory.delivery === 'link' ? deps.secrets.credentialSecret() : null;
  const previous = await deps.accounts.getInvite(identity.tenantId, input.email);
  // Cognito keeps the account it made for the earlier invite: it is told again, not made again.
  await deps.directory.invite({ tenantId: identity.tenantId, email: input.email }, { resend: previous !== null });
  const invite: Invite = {
    tenantId: identity.tenantId,
    id: deps.ids.newId('inv'),
    email: input.email,
    role: input.role,
    invitedBy: identity.userId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + INVITE_DAYS * 24 * 3600_000).toISOString(),
    ...(token === null ? {} : { tokenHash: hashSecret(token) }),
  };
  await deps.accounts.putInvite(invite);
  await recordAudit(deps, identity, 'member.invited', { type: 'member', id: invite.id, name: invite.email }, { role: invite.role });
  return { invite: inviteView(invite, now), joinPath: token === null ? null : `/join/${token}` };
}

export async function revokeInvite(deps: TeamDeps, identity: Identity, inviteId: string): Promise<void> {
  const invite = (await deps.accounts.listInvites(identity.tenantId)).find((candidate) => candidate.id === inviteId);
  if (invite === undefined) throw new NotFoundError('invite not found');
  await deps.accounts.deleteInvite(invite);
  if (deps.directory.delivery === 'email') await deps.directory.remove({ tenantId: identity.tenantId, email: invite.email });
  await recordAudit(deps, identity, 'invite.revoked', { type: 'member', id: invite.id, name: invite.email });
}

async function memberOf(accounts: AccountRepository, tenantId: string, userId: string): Promise<User> {
  const user = await accounts.getUser(tenantId, userId);
  if (user === null) throw new NotFoundError('member not found');
  return user;
}

/** A tenant always keeps an owner: the last one can be neither demoted nor removed. */
async function keepAnOwner(accounts: AccountRepository, member: User, becomes: Role | null): Promise<void> {
  if (member.role !== 'owner' || becomes === 'owner') return;
  const owners = (await accounts.listUsers(member.tenantId)).filter((user) => user.role === 'owner');
  if (owners.length <= 1) throw new ConflictError('the shop needs at least one owner: make someone else owner first');
}

export async function changeMemberRole(deps: TeamDeps, identity: Identity, userId: string, body: unknown): Promise<MemberView> {
  const { role } = parseWith(memberPatchSchema, body);
  const member = await memberOf(deps.accounts, identity.tenantId, userId);
  if (member.role === role) return memberView(member, identity);
  await keepAnOwner(deps.accounts, member, role);
  const changed = await deps.accounts.setUserRole(identity.tenantId, userId, role);
  await recordAudit(deps, identity, 'member.role_changed', { type: 'member', id: userId, name: member.email }, { from: member.role, to: role });
  return memberView(changed, identity);
}

/** Removes a member: they can no longer sign in, and a token they still hold is refused from the next request. */
export async function removeMember(deps: TeamDeps, identity: Identity, userId: string): Promise<void> {
  const member = await memberOf(deps.accounts, identity.tenantId, userId);
  await keepAnOwner(deps.accounts, member, null);
  // The sign-in goes first: were the row to go first and this fail, signing in could bring the row back.
  await deps.directory.remove({ tenantId: identity.tenantId, email: member.email });
  await deps.accounts.deleteUser(identity.tenantId, userId);
  await recordAudit(deps, identity, 'member.removed', { type: 'member', id: userId, name: member.email }, { role: member.role });
}

/**
 * AWS: the first request of someone Cognito created for an invite. Their token
 * names the tenant (set when the invite made the account); a pending,
 * unexpired invite for their email there makes them a member with its role.
 */
export async function acceptPendingInvite(
  deps: { readonly accounts: Pick<AccountRepository, 'getInvite' | 'putUser' | 'deleteInvite'>; readonly clock: AuditDeps['clock'] },
  identity: Identity,
): Promise<User | null> {
  if (identity.email === null) return null;
  const invite = await deps.accounts.getInvite(identity.tenantId, identity.email.toLowerCase());
  // Local-mode invites are accepted through their link only.
  if (invite === null || invite.tokenHash !== undefined || isExpired(invite, deps.clock.now())) return null;
  const user: User = { tenantId: identity.tenantId, id: identity.userId, email: invite.email, role: invite.role, createdAt: deps.clock.now().toISOString() };
  await deps.accounts.putUser(user);
  await deps.accounts.deleteInvite(invite);
  return user;
}
