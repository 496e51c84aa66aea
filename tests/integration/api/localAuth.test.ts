import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeView, SignedInView } from '../../../core/api/authApi';
import type { ErrorBody } from '../../../core/api/errorCodes';
import { ApiClient, startHarness, type Harness } from '../../support/localStackHarness';
import { keysOf, wireKeys } from '../../support/wireKeys';

describe('local sign-up and sign-in', () => {
  let harness: Harness;
  let api: ApiClient;

  beforeAll(async () => {
    harness = await startHarness();
    api = new ApiClient(harness.stack.url);
  });
  afterAll(() => harness.close());

  it('creates the tenant and its owner on first sign-up and signs them in', async () => {
    const signUp = await api.call<SignedInView>('POST', '/api/auth/local/sign-up', {
      email: 'Owner@Shop.example',
      password: 'long enough secret',
      tenantName: 'Shop A',
    });
    expect(signUp.status).toBe(201);
    expect(signUp.body.user).toMatchObject({ email: 'owner@shop.example', tenantName: 'Shop A' });

    const me = await api.withToken(signUp.body.token).call<MeView>('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ tenantId: signUp.body.user.tenantId, email: 'owner@shop.example', tenantName: 'Shop A', role: 'owner' });
    expect(keysOf(signUp.body)).toEqual(wireKeys<SignedInView>({ token: true, expiresAt: true, user: true }));
    expect(keysOf(signUp.body.user)).toEqual(wireKeys<SignedInView['user']>({ tenantId: true, userId: true, email: true, tenantName: true, timeZone: true, role: true }));
    expect(keysOf(me.body)).toEqual(wireKeys<MeView>({ tenantId: true, userId: true, email: true, tenantName: true, timeZone: true, role: true }));
  });

  it("signs in with the tenant's current name and time zone, so a page loaded after sign-in is not rebuilt when /api/me answers", async () => {
    const { client } = await api.signUp('zone@shop.example', 'Shop Z', 'right password 1');
    expect((await client.call('PATCH', '/api/tenant', { tenantName: 'Shop Z Hà Nội', timeZone: 'Asia/Ho_Chi_Minh' })).status).toBe(200);

    const signIn = await api.call<SignedInView>('POST', '/api/auth/local/sign-in', { email: 'zone@shop.example', password: 'right password 1' });
    const me = await api.withToken(signIn.body.token).call<MeView>('GET', '/api/me');
    expect(signIn.body.user).toMatchObject({ tenantName: 'Shop Z Hà Nội', timeZone: 'Asia/Ho_Chi_Minh' });
    expect(signIn.body.user).toMatchObject({ tenantName: me.body.tenantName, timeZone: me.body.timeZone });
  });

  it('signs in with the right password and refuses a wrong one with one message for both cases', async () => {
    await api.signUp('second@shop.example', 'Shop B', 'right password 1');

    const good = await api.call('POST', '/api/auth/local/sign-in', { email: 'second@shop.example', password: 'right password 1' });
    const wrong = await api.call<ErrorBody>('POST', '/api/auth/local/sign-in', {
      email: 'second@shop.example',
      password: 'wrong password',
    });
    const unknown = await api.call<ErrorBody>('POST', '/api/auth/local/sign-in', {
      email: 'nobody@shop.example',
      password: 'wrong password',
    });

    expect(good.status).toBe(200);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('refuses a second sign-up with the same email and keeps the first account', async () => {
    await api.signUp('taken@shop.example', 'First', 'first password');

    const again = await api.call('POST', '/api/auth/local/sign-up', { email: 'TAKEN@shop.example', password: 'other password', tenantName: 'Second' });
    const firstStillWorks = await api.call('POST', '/api/auth/local/sign-in', { email: 'taken@shop.example', password: 'first password' });

    expect(again.status).toBe(409);
    expect(firstStillWorks.status).toBe(200);
  });

  it.each([
    [{ password: 'long enough', tenantName: 'X' }, 'email'],
    [{ email: 'not-an-email', password: 'long enough', tenantName: 'X' }, 'email'],
    [{ email: 'a@b.example', password: 'short', tenantName: 'X' }, 'password'],
    [{ email: 'a@b.example', password: 'long enough', tenantName: '' }, 'tenantName'],
  ])('rejects a bad sign-up %j naming the field %s', async (body, field) => {
    const response = await api.call<{ error: { field: string; code: string } }>('POST', '/api/auth/local/sign-up', body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'validation_error', field });
  });

  it('rejects a body that is not JSON with a 400 naming the body', async () => {
    const response = await api.call<ErrorBody>('POST', '/api/auth/local/sign-in', undefined, '{not json');
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('body');
  });
});
