import { AdminDeleteUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoMemberDirectory } from '../../../adapters/auth/cognitoMemberDirectory';
import { DynamoAccountRepository } from '../../../adapters/dynamodb/dynamoAccountRepository';
import { DynamoAgentRepository } from '../../../adapters/dynamodb/dynamoAgentRepository';
import { DynamoAuditLog } from '../../../adapters/dynamodb/dynamoAuditLog';
import { DynamoRequestCounter } from '../../../adapters/dynamodb/dynamoRequestCounter';
import { DynamoShareLinkRepository } from '../../../adapters/dynamodb/dynamoShareLinkRepository';
import { DynamoSourceRepository } from '../../../adapters/dynamodb/dynamoSourceRepository';
import { DynamoTenantDeletionRepository } from '../../../adapters/dynamodb/dynamoTenantDeletionRepository';
import { makeLogger } from '../../../adapters/logging/logger';
import { randomIds } from '../../../adapters/system/randomIds';
import { makeHandler } from '../../../functions/api/tenantDeletion';
import type { HttpEvent, HttpResult } from '../../../functions/middleware/httpTypes';
import { startDynamoTables, type DynamoTables } from '../../support/dynamoTables';

const POOL_ID = 'ap-southeast-1_Example1';
const TENANT = 'ten_hoasen';
const OWNER_SUB = '0b8c3f7e-1111-4a70-9e81-2c3d4e5f6a7b';
const PACKER_SUB = '7f1e2d3c-2222-4a70-9e81-2c3d4e5f6a7b';

/** An API Gateway event as the JWT authorizer hands it over, for a Cognito user of the tenant. */
function request(sub: string, email: string, body: unknown): HttpEvent {
  return {
    routeKey: 'DELETE /api/tenant',
    rawPath: '/api/tenant',
    headers: {},
    requestContext: { authorizer: { jwt: { claims: { sub, email, 'custom:tenantId': TENANT }, scopes: [] } }, http: { sourceIp: '203.0.113.9' } },
    body: JSON.stringify(body),
  } as unknown as HttpEvent;
}

/**
 * Deleting a shop in AWS: every member's Cognito user goes (and an invitee's
 * account made for a pending invite), so none can sign in and each email can
 * sign up again. No Cognito stand-in exists, so its SDK client is mocked; the
 * table is the local stand-in.
 */
describe('deleting a shop with Cognito (AWS mode)', () => {
  const cognito = new CognitoIdentityProviderClient({ region: 'ap-southeast-1' });
  const cognitoMock = mockClient(cognito);
  let tables: DynamoTables;
  const now = new Date('2026-12-04T09:00:00.000Z');

  beforeAll(async () => {
    tables = await startDynamoTables('cognito-tenant-deletion');
  });
  afterAll(async () => {
    cognito.destroy();
    await tables.close();
  });

  it("deletes the Cognito user of every member and pending invitee, then the tenant; a packer's token cannot do it", async () => {
    // Prepare: a shop with its owner, a packer and a pending invite.
    cognitoMock.on(AdminDeleteUserCommand).resolves({});
    const table = await tables.freshTable();
    const accounts = new DynamoAccountRepository(table);
    await accounts.putTenant({ id: TENANT, name: 'Hoa Sen', createdAt: now.toISOString() });
    await accounts.putUser({ tenantId: TENANT, id: OWNER_SUB, email: 'chu@hoasen.vn', role: 'owner', createdAt: now.toISOString() });
    await accounts.putUser({ tenantId: TENANT, id: PACKER_SUB, email: 'dong.goi@hoasen.vn', role: 'staff', createdAt: now.toISOString() });
    await accounts.putInvite({ tenantId: TENANT, id: 'inv_1', email: 'moi@hoasen.vn', role: 'staff', invitedBy: OWNER_SUB, createdAt: now.toISOString(), expiresAt: '2026-12-07T09:00:00.000Z' });
    const clock = { now: () => now };
    const logger = makeLogger('silent');
    const deps = {
      accounts,
      sources: new DynamoSourceRepository(table),
      agents: new DynamoAgentRepository(table),
      shareLinks: new DynamoShareLinkRepository(table),
      tenantDeletions: new DynamoTenantDeletionRepository(table),
      audit: new DynamoAuditLog(table),
      directory: cognitoMemberDirectory(cognito, POOL_ID),
      clock,
      ids: randomIds,
      logger,
    };
    const handler = makeHandler(() => deps, {
      audit: () => deps,
      origin: () => Promise.resolve(),
      rate: () => ({ counter: new DynamoRequestCounter(table), clock, limits: { requests: 1000, windowSeconds: 60 }, logger }),
      clock,
    });
    const call = async (event: HttpEvent): Promise<number> => ((await handler(event, {} as Context)) as HttpResult).statusCode ?? 0;

    // Act
    const byPacker = await call(request(PACKER_SUB, 'dong.goi@hoasen.vn', { confirm: 'Hoa Sen' }));
    const deletedUsersAfterRefusal = cognitoMock.commandCalls(AdminDeleteUserCommand).length;
    const byOwner = await call(request(OWNER_SUB, 'chu@hoasen.vn', { confirm: 'Hoa Sen' }));

    // Assess
    expect(byPacker).toBe(403);
    expect(deletedUsersAfterRefusal).toBe(0);
    expect(byOwner).toBe(204);
    const deleted = cognitoMock.commandCalls(AdminDeleteUserCommand).map((command) => command.args[0].input);
    expect(deleted).toEqual([
      { UserPoolId: POOL_ID, Username: 'moi@hoasen.vn' },
      { UserPoolId: POOL_ID, Username: 'dong.goi@hoasen.vn' },
      { UserPoolId: POOL_ID, Username: 'chu@hoasen.vn' },
    ]);
    expect(await accounts.getTenant(TENANT)).toBeNull();
    expect(await accounts.listUsers(TENANT)).toEqual([]);
    expect(await accounts.listInvites(TENANT)).toEqual([]);
    expect(await deps.tenantDeletions.get(TENANT)).toMatchObject({ tenantId: TENANT, tenantName: 'Hoa Sen', requestedBy: OWNER_SUB });
  });
});
