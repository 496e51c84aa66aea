import type { InvitedView } from '../../core/api/teamApi';
import type { Role } from '../../core/accounts/role';
import type { ApiClient } from './localStackHarness';

export interface Member {
  readonly client: ApiClient;
  readonly userId: string;
  readonly email: string;
}

/** The owner invites `email` with `role` (local mode: a link), and the invitee accepts it with a password. */
export async function inviteAndJoin(owner: ApiClient, anonymous: ApiClient, email: string, role: Role, password = 'mật khẩu nhân viên 1'): Promise<Member> {
  const invited = await owner.call<InvitedView>('POST', '/api/team/invites', { email, role });
  if (invited.status !== 201 || invited.body.joinPath === null) throw new Error(`invite failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  const token = invited.body.joinPath.replace('/join/', '');
  const joined = await anonymous.call<{ token: string; user: { userId: string } }>('POST', '/api/auth/local/accept-invite', { token, password });
  if (joined.status !== 201) throw new Error(`accepting the invite failed: ${joined.status} ${JSON.stringify(joined.body)}`);
  return { client: anonymous.withToken(joined.body.token), userId: joined.body.user.userId, email };
}

/** A signed-up shop with an admin and a staff member who joined through invites. */
export async function shopWithTeam(anonymous: ApiClient, domain: string, tenantName = 'Cửa hàng Hoa Sen'): Promise<{ tenantId: string; owner: ApiClient; admin: Member; staff: Member }> {
  const { client: owner, tenantId } = await anonymous.signUp(`owner@${domain}`, tenantName);
  const admin = await inviteAndJoin(owner, anonymous, `quan.ly@${domain}`, 'admin');
  const staff = await inviteAndJoin(owner, anonymous, `nhan.vien@${domain}`, 'staff');
  return { tenantId, owner, admin, staff };
}
