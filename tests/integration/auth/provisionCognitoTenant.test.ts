import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionCognitoTenant, tenantIdForCognitoUser } from '../../../core/accounts/provisionCognitoTenant';
import { ValidationError } from '../../../core/errors';
import type { Clock } from '../../../core/ports/clock';
import { DynamoAccountRepository } from '../../../adapters/dynamodb/dynamoAccountRepository';
import { startDynamoTables, type DynamoTables } from '../../support/dynamoTables';

const SUB = '3f1c2b6e-0a4d-4d5e-9c1b-6a7f8e9d0c1b';
const clockAt = (iso: string): Clock => ({ now: () => new Date(iso) });

describe('provisionCognitoTenant', () => {
  let tables: DynamoTables;

  beforeAll(async () => {
    tables = await startDynamoTables('accounts');
  });
  afterAll(() => tables.close());

  async function freshAccounts(): Promise<DynamoAccountRepository> {
    return new DynamoAccountRepository(await tables.freshTable());
  }

  it('creates the tenant and its owner, with the sub as the user id', async () => {
    // Prepare
    const accounts = await freshAccounts();
    const clock = clockAt('2025-07-18T09:30:00.000Z');

    // Act
    const provisioned = await provisionCognitoTenant({ accounts, clock }, { sub: SUB, email: 'Owner@Shop.example', tenantName: '  Shop A ' });

    // Assess
    expect(provisioned).toEqual({ tenantId: await tenantIdForCognitoUser(SUB), userId: SUB, tenantName: 'Shop A', created: true });
    expect(await accounts.getTenant(provisioned.tenantId)).toEqual({ id: provisioned.tenantId, name: 'Shop A', createdAt: '2025-07-18T09:30:00.000Z' });
    expect(await accounts.getUser(provisioned.tenantId, SUB)).toEqual({
      tenantId: provisioned.tenantId,
      id: SUB,
      email: 'owner@shop.example',
      role: 'owner',
      createdAt: '2025-07-18T09:30:00.000Z',
    });
  });

  it('writes nothing new when Cognito invokes it again for the same user', async () => {
    // Prepare
    const accounts = await freshAccounts();
    const first = await provisionCognitoTenant({ accounts, clock: clockAt('2025-07-18T09:30:00.000Z') }, { sub: SUB, email: 'owner@shop.example', tenantName: 'Shop A' });

    // Act
    const again = await provisionCognitoTenant({ accounts, clock: clockAt('2025-07-18T09:30:04.000Z') }, { sub: SUB, email: 'owner@shop.example', tenantName: 'Shop A' });

    // Assess
    expect(again).toEqual({ ...first, created: false });
    expect((await accounts.getTenant(first.tenantId))?.createdAt).toBe('2025-07-18T09:30:00.000Z');
    expect((await accounts.getUser(first.tenantId, SUB))?.createdAt).toBe('2025-07-18T09:30:00.000Z');
  });

  it('finishes a run that stopped after the tenant row, without touching that row', async () => {
    // Prepare
    const accounts = await freshAccounts();
    const tenantId = await tenantIdForCognitoUser(SUB);
    await accounts.putTenant({ id: tenantId, name: 'Shop A', createdAt: '2025-07-18T09:30:00.000Z' });

    // Act
    const provisioned = await provisionCognitoTenant({ accounts, clock: clockAt('2025-07-18T09:31:00.000Z') }, { sub: SUB, email: 'owner@shop.example', tenantName: 'Other name' });

    // Assess
    expect(provisioned).toMatchObject({ tenantId, tenantName: 'Shop A', created: true });
    expect(await accounts.getTenant(tenantId)).toEqual({ id: tenantId, name: 'Shop A', createdAt: '2025-07-18T09:30:00.000Z' });
    expect((await accounts.getUser(tenantId, SUB))?.role).toBe('owner');
  });

  it.each([
    [undefined, 'shop.example'],
    ['', 'shop.example'],
    ['   ', 'shop.example'],
  ])('names the tenant after the email domain when the sign-up gave %j', async (tenantName, expected) => {
    // Prepare
    const accounts = await freshAccounts();

    // Act
    const provisioned = await provisionCognitoTenant({ accounts, clock: clockAt('2025-07-18T09:30:00.000Z') }, { sub: SUB, email: 'Owner@Shop.Example', tenantName });

    // Assess
    expect(provisioned.tenantName).toBe(expected);
    expect((await accounts.getTenant(provisioned.tenantId))?.name).toBe(expected);
  });

  it('gives different users different tenants, each the same on every call', async () => {
    // Act
    const ids = await Promise.all([SUB, SUB, 'b7e0d1c2-1111-4222-8333-944455566677'].map(tenantIdForCognitoUser));

    // Assess
    expect(ids[0]).toMatch(/^ten_[a-z2-7]{16}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(ids[0]).not.toContain(SUB.slice(0, 8));
  });

  it.each([
    [{ sub: '', email: 'owner@shop.example' }, 'sub'],
    [{ sub: SUB, email: '' }, 'email'],
  ])('refuses %j naming the field %s, writing nothing', async (user, field) => {
    // Prepare
    const accounts = await freshAccounts();

    // Act
    const failure = await provisionCognitoTenant({ accounts, clock: clockAt('2025-07-18T09:30:00.000Z') }, user).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as ValidationError).field).toBe(field);
    expect(await accounts.getTenant(await tenantIdForCognitoUser(user.sub))).toBeNull();
  });
});
