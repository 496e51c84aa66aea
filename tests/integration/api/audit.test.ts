import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPageView } from '../../../core/api/auditApi';
import type { ErrorBody } from '../../../core/api/errorCodes';
import { makeClip, parcelEvent, seedEvents, stackStores } from '../../support/eventSeeds';
import { ApiClient, startHarness, validLocalSource, type Harness } from '../../support/localStackHarness';
import { shopWithTeam, type Member } from '../../support/team';

/** The audit trail through the API: what the handlers record, who sees it, paging, and tenants apart. */
describe('audit trail (local stack)', () => {
  let harness: Harness;
  let anonymous: ApiClient;
  let owner: ApiClient;
  let admin: Member;
  let staff: Member;
  let entries: AuditPageView['entries'];

  beforeAll(async () => {
    harness = await startHarness();
    anonymous = new ApiClient(harness.stack.url);
    const shop = await shopWithTeam(anonymous, 'sieu-thi-mini.vn', 'Siêu thị mini Bình Minh');
    ({ owner, admin, staff } = shop);

    const created = await admin.client.call<{ id: string }>('POST', '/api/sources', { ...validLocalSource, name: 'Kho hàng — bàn đóng gói số 1' });
    await admin.client.call('PATCH', `/api/sources/${created.body.id}`, { name: 'Bàn đóng gói 1', intervalMinutes: 60 });
    const stores = stackStores(harness.stack);
    const clip = await makeClip(4);
    const clipKey = `${shop.tenantId}/${created.body.id}/cam1/clips/a.mp4`;
    await stores.putClip(clipKey, clip);
    const event = parcelEvent({ tenantId: shop.tenantId, sourceId: created.body.id, codes: ['SPXVN417776317'], start: '2025-07-18T02:30:03.000Z', clipKey, clipBytes: clip.length });
    await seedEvents(stores.events, [event]);
    stores.close();
    const share = await staff.client.call<{ id: string }>('POST', `/api/events/${event.id}/shares`, { days: 7 });
    await staff.client.call('DELETE', `/api/events/${event.id}/shares/${share.body.id}`);
    await staff.client.call('POST', '/api/events/export', { codes: ['SPXVN417776317', 'NOTFOUND0001'] });
    await admin.client.call('DELETE', `/api/sources/${created.body.id}`);
    entries = (await owner.call<AuditPageView>('GET', '/api/audit')).body.entries;
  }, 180_000);

  afterAll(async () => {
    await harness.close();
  });

  it('records source, member, share-link and export changes with who did them, newest first', () => {
    expect(entries.map((entry) => [entry.action, entry.actor.email])).toEqual([
      ['source.deleted', 'quan.ly@sieu-thi-mini.vn'],
      ['export.made', 'nhan.vien@sieu-thi-mini.vn'],
      ['share.revoked', 'nhan.vien@sieu-thi-mini.vn'],
      ['share.created', 'nhan.vien@sieu-thi-mini.vn'],
      ['source.edited', 'quan.ly@sieu-thi-mini.vn'],
      ['source.created', 'quan.ly@sieu-thi-mini.vn'],
      ['member.joined', 'nhan.vien@sieu-thi-mini.vn'],
      ['member.invited', 'owner@sieu-thi-mini.vn'],
      ['member.joined', 'quan.ly@sieu-thi-mini.vn'],
      ['member.invited', 'owner@sieu-thi-mini.vn'],
    ]);
    expect(entries.find((entry) => entry.action === 'source.created')?.target).toMatchObject({ type: 'source', name: 'Kho hàng — bàn đóng gói số 1' });
    expect(entries.find((entry) => entry.action === 'source.edited')?.detail).toEqual({ fields: 'intervalMinutes, name' });
    expect(entries.find((entry) => entry.action === 'source.deleted')?.target.name).toBe('Bàn đóng gói 1');
    expect(entries.find((entry) => entry.action === 'export.made')?.detail).toMatchObject({ clips: 1, found: 1, notFound: 1 });
    const times = entries.map((entry) => entry.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('shows the trail to owners and admins; staff get 403 forbidden', async () => {
    const asAdmin = await admin.client.call<AuditPageView>('GET', '/api/audit');
    const asStaff = await staff.client.call<ErrorBody>('GET', '/api/audit');

    expect(asAdmin.body.entries).toEqual(entries);
    expect(asStaff.status).toBe(403);
    expect(asStaff.body.error.code).toBe('forbidden');
  });

  it('pages backwards with next, and refuses a made-up cursor or limit naming the field', async () => {
    const pages: string[][] = [];
    let before: string | null = null;
    do {
      const query: string = before === null ? '?limit=3' : `?limit=3&before=${encodeURIComponent(before)}`;
      const page = await owner.call<AuditPageView>('GET', `/api/audit${query}`);
      pages.push(page.body.entries.map((entry) => entry.id));
      before = page.body.next;
    } while (before !== null && pages.length < 10);
    const forged = await owner.call<ErrorBody>('GET', `/api/audit?before=${encodeURIComponent('T#ten_other#AUDIT')}`);
    const tooMany = await owner.call<ErrorBody>('GET', '/api/audit?limit=1000');

    expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 1]);
    expect(pages.flat()).toEqual(entries.map((entry) => entry.id));
    expect(forged.status).toBe(400);
    expect(forged.body.error.field).toBe('before');
    expect(tooMany.body.error.field).toBe('limit');
  });

  it('keeps each tenant\'s trail to itself', async () => {
    const { client: other } = await anonymous.signUp('chu@cua-hang-khac.vn', 'Cửa hàng khác');

    const theirs = await other.call<AuditPageView>('GET', '/api/audit');

    expect(theirs.body.entries).toEqual([]);
    expect(theirs.body.next).toBeNull();
  });
});
