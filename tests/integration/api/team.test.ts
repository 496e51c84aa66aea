import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPageView } from '../../../core/api/auditApi';
import type { ErrorBody } from '../../../core/api/errorCodes';
import type { InvitedView, TeamView } from '../../../core/api/teamApi';
import type { MeView } from '../../../core/api/authApi';
import { ApiClient, startHarness, type Harness } from '../../support/localStackHarness';
import { inviteAndJoin } from '../../support/team';

describe('team members and invites (local stack)', () => {
  let harness: Harness;
  let anonymous: ApiClient;

  beforeAll(async () => {
    harness = await startHarness();
    anonymous = new ApiClient(harness.stack.url);
  }, 60_000);

  afterAll(async () => {
    await harness.close();
  });

  it('an owner invites a packer as staff by link; the packer joins with a password, signs in and is staff', async () => {
    const { client: owner, tenantId } = await anonymous.signUp('chu@tiem-banh-mi.vn', 'Tiệm bánh mì Cô Ba');

    const invited = await owner.call<InvitedView>('POST', '/api/team/invites', { email: '  Nguyen.Van.A@Tiem-Banh-Mi.vn ', role: 'staff' });
    const pending = await owner.call<TeamView>('GET', '/api/team');
    const token = (invited.body.joinPath ?? '').replace('/join/', '');
    const joined = await anonymous.call<{ token: string; user: { tenantId: string; tenantName: string } }>('POST', '/api/auth/local/accept-invite', { token, password: 'bánh mì nóng giòn' });
    const again = await anonymous.call<ErrorBody>('POST', '/api/auth/local/accept-invite', { token, password: 'bánh mì nóng giòn' });
    const signedIn = await anonymous.call<{ token: string }>('POST', '/api/auth/local/sign-in', { email: 'nguyen.van.a@tiem-banh-mi.vn', password: 'bánh mì nóng giòn' });
    const me = await anonymous.withToken(signedIn.body.token).call<MeView>('GET', '/api/me');
    const team = await owner.call<TeamView>('GET', '/api/team');

    expect(invited.status).toBe(201);
    expect(invited.body.invite).toMatchObject({ email: 'nguyen.van.a@tiem-banh-mi.vn', role: 'staff', expired: false });
    expect(invited.body.joinPath).toMatch(/^\/join\/[A-Za-z0-9_-]{40,}$/);
    expect(pending.body.invites.map((invite) => invite.email)).toEqual(['nguyen.van.a@tiem-banh-mi.vn']);
    expect(pending.body.delivery).toBe('link');
    expect(joined.status).toBe(201);
    expect(joined.body.user).toMatchObject({ tenantId, tenantName: 'Tiệm bánh mì Cô Ba' });
    expect(again.status).toBe(410);
    expect(me.body).toMatchObject({ tenantId, role: 'staff', email: 'nguyen.van.a@tiem-banh-mi.vn' });
    expect(team.body.members.map((member) => [member.email, member.role])).toEqual([
      ['chu@tiem-banh-mi.vn', 'owner'],
      ['nguyen.van.a@tiem-banh-mi.vn', 'staff'],
    ]);
    expect(team.body.invites).toEqual([]);
  });

  it('refuses to invite a member twice or an email that has an account elsewhere; inviting again replaces the link', async () => {
    const { client: owner } = await anonymous.signUp('chu@kho-q7.vn', 'Kho Quận 7');
    await anonymous.signUp('chu@khac.vn', 'Shop khác');

    const self = await owner.call<ErrorBody>('POST', '/api/team/invites', { email: 'chu@kho-q7.vn', role: 'admin' });
    const elsewhere = await owner.call<ErrorBody>('POST', '/api/team/invites', { email: 'chu@khac.vn', role: 'staff' });
    const badRole = await owner.call<ErrorBody>('POST', '/api/team/invites', { email: 'a@kho-q7.vn', role: 'boss' });
    const first = await owner.call<InvitedView>('POST', '/api/team/invites', { email: 'b@kho-q7.vn', role: 'staff' });
    const second = await owner.call<InvitedView>('POST', '/api/team/invites', { email: 'b@kho-q7.vn', role: 'admin' });
    const oldLink = await anonymous.call<ErrorBody>('POST', '/api/auth/local/accept-invite', { token: (first.body.joinPath ?? '').slice(6), password: 'password one' });
    const team = await owner.call<TeamView>('GET', '/api/team');

    expect(self.status).toBe(409);
    expect(elsewhere.status).toBe(409);
    expect(badRole.status).toBe(400);
    expect(badRole.body.error.field).toBe('role');
    expect(oldLink.status).toBe(410);
    expect(team.body.invites.map((invite) => [invite.email, invite.role, invite.id])).toEqual([['b@kho-q7.vn', 'admin', second.body.invite.id]]);
  });

  it('changes roles, keeps the last owner, and a removed member is refused at once and cannot sign in again', async () => {
    const { client: owner } = await anonymous.signUp('chu@shop-dien-thoai.vn', 'Điện thoại Minh Châu');
    const admin = await inviteAndJoin(owner, anonymous, 'quanly@shop-dien-thoai.vn', 'admin', 'quản lý cửa hàng');
    const ownerId = (await owner.call<MeView>('GET', '/api/me')).body.userId;

    const demoteLast = await admin.client.call<ErrorBody>('PATCH', `/api/team/members/${ownerId}`, { role: 'staff' });
    const adminCannot = demoteLast.status;
    const ownerDemotesSelf = await owner.call<ErrorBody>('PATCH', `/api/team/members/${ownerId}`, { role: 'admin' });
    const ownerRemovesSelf = await owner.call<ErrorBody>('DELETE', `/api/team/members/${ownerId}`);
    const promoted = await owner.call('PATCH', `/api/team/members/${admin.userId}`, { role: 'owner' });
    // Two owners now: the new one may demote the first.
    const demoted = await admin.client.call('PATCH', `/api/team/members/${ownerId}`, { role: 'admin' });
    const removed = await admin.client.call('DELETE', `/api/team/members/${ownerId}`);
    const afterRemoval = await owner.call<ErrorBody>('GET', '/api/sources');
    const signInAgain = await anonymous.call<ErrorBody>('POST', '/api/auth/local/sign-in', { email: 'chu@shop-dien-thoai.vn', password: 'correct horse battery' });
    const team = await admin.client.call<TeamView>('GET', '/api/team');
    const audit = await admin.client.call<AuditPageView>('GET', '/api/audit');

    expect(adminCannot).toBe(403);
    expect(ownerDemotesSelf.status).toBe(409);
    expect(ownerDemotesSelf.body.error.message).toMatch(/at least one owner/);
    expect(ownerRemovesSelf.status).toBe(409);
    expect(promoted.status).toBe(200);
    expect(demoted.status).toBe(200);
    expect(removed.status).toBe(204);
    expect(afterRemoval.status).toBe(401);
    expect(signInAgain.status).toBe(401);
    expect(team.body.members.map((member) => [member.email, member.role, member.you])).toEqual([['quanly@shop-dien-thoai.vn', 'owner', true]]);
    expect(audit.body.entries.map((entry) => [entry.action, entry.actor.email, entry.target.name])).toEqual([
      ['member.removed', 'quanly@shop-dien-thoai.vn', 'chu@shop-dien-thoai.vn'],
      ['member.role_changed', 'quanly@shop-dien-thoai.vn', 'chu@shop-dien-thoai.vn'],
      ['member.role_changed', 'chu@shop-dien-thoai.vn', 'quanly@shop-dien-thoai.vn'],
      ['member.joined', 'quanly@shop-dien-thoai.vn', 'quanly@shop-dien-thoai.vn'],
      ['member.invited', 'chu@shop-dien-thoai.vn', 'quanly@shop-dien-thoai.vn'],
    ]);
  });

  it('revokes an invite: its link stops working', async () => {
    const { client: owner } = await anonymous.signUp('chu@hoa-tuoi.vn', 'Hoa tươi');
    const invited = await owner.call<InvitedView>('POST', '/api/team/invites', { email: 'x@hoa-tuoi.vn', role: 'staff' });

    const revoked = await owner.call('DELETE', `/api/team/invites/${invited.body.invite.id}`);
    const missing = await owner.call('DELETE', `/api/team/invites/${invited.body.invite.id}`);
    const accept = await anonymous.call('POST', '/api/auth/local/accept-invite', { token: (invited.body.joinPath ?? '').slice(6), password: 'password one' });

    expect(revoked.status).toBe(204);
    expect(missing.status).toBe(404);
    expect(accept.status).toBe(410);
  });
});
