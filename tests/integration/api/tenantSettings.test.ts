import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startHarness, type Harness } from '../../support/localStackHarness';
import type { MeView } from '../../../core/api/authApi';

describe('tenant settings', () => {
  let harness: Harness;
  let shop: ApiClient;
  let other: ApiClient;

  beforeAll(async () => {
    harness = await startHarness();
    shop = (await new ApiClient(harness.stack.url).signUp('owner@zone.example', 'Zone Shop')).client;
    other = (await new ApiClient(harness.stack.url).signUp('owner@other-zone.example', 'Other Shop')).client;
  });
  afterAll(() => harness.close());

  it('starts without a time zone (the viewer\'s own) and keeps the one the tenant sets', async () => {
    const before = await shop.call<MeView>('GET', '/api/me');
    const set = await shop.call<{ timeZone: string; tenantName: string }>('PATCH', '/api/tenant', { timeZone: 'Asia/Ho_Chi_Minh' });
    const after = await shop.call<MeView>('GET', '/api/me');
    const untouched = await other.call<MeView>('GET', '/api/me');

    expect(before.body.timeZone).toBeNull();
    expect(set.body).toMatchObject({ timeZone: 'Asia/Ho_Chi_Minh', tenantName: 'Zone Shop' });
    expect(after.body.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(untouched.body.timeZone).toBeNull();
  });

  it('renames the tenant and clears the time zone with null', async () => {
    const changed = await shop.call<{ timeZone: string | null; tenantName: string }>('PATCH', '/api/tenant', { tenantName: 'Renamed Shop', timeZone: null });
    expect(changed.body).toMatchObject({ tenantName: 'Renamed Shop', timeZone: null });
  });

  it.each([
    [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ tenantName: '' }, 'tenantName'],
    [{ tenantId: 'someone-else' }, ''],
    [{}, ''],
  ])('refuses %j naming the field and changes nothing', async (body, field) => {
    const before = await shop.call('GET', '/api/me');
    const response = await shop.call<{ error: { code: string; field: string } }>('PATCH', '/api/tenant', body);
    const after = await shop.call('GET', '/api/me');

    expect(response.status).toBe(400);
    if (field !== '') expect(response.body.error.field).toBe(field);
    expect(after.body).toEqual(before.body);
  });
});
