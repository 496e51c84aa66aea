import { request } from './client';
import type { AuthResult } from './types';
import type { InvitedView, MemberView, TeamView, InviteBody } from '../../../../core/api/teamApi';
import type { AuditPageView } from '../../../../core/api/auditApi';
import type { Role } from '../../../../core/accounts/role';

export type { InvitedView, MemberView, TeamView, AuditPageView, Role };

export function getTeam(signal?: AbortSignal): Promise<TeamView> {
  return request<TeamView>('GET', '/team', signal ? { signal } : {});
}

export function invite(body: InviteBody): Promise<InvitedView> {
  return request<InvitedView>('POST', '/team/invites', { body });
}

export function withdrawInvite(inviteId: string): Promise<void> {
  return request<void>('DELETE', `/team/invites/${encodeURIComponent(inviteId)}`);
}

export function changeRole(userId: string, role: Role): Promise<MemberView> {
  return request<MemberView>('PATCH', `/team/members/${encodeURIComponent(userId)}`, { body: { role } });
}

export function removeMember(userId: string): Promise<void> {
  return request<void>('DELETE', `/team/members/${encodeURIComponent(userId)}`);
}

/** Local mode: the invitee opens the link and chooses a password; answers as sign-in does. */
export function acceptInvite(token: string, password: string): Promise<AuthResult> {
  return request<AuthResult>('POST', '/auth/local/accept-invite', { body: { token, password }, auth: false });
}

export function getAudit(before: string | null): Promise<AuditPageView> {
  return request<AuditPageView>('GET', `/audit?limit=50${before === null ? '' : `&before=${encodeURIComponent(before)}`}`);
}
