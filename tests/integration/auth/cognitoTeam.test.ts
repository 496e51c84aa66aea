import { AdminCreateUserCommand, AdminDeleteUserCommand, CognitoIdentityProviderClient, UsernameExistsException } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TeamView } from '../../../core/api/teamApi';
import type { ErrorBody } from '../../../core/api/errorCodes';
import { cognitoMemberDirectory } from '../../../adapters/auth/cognitoMemberDirectory';
import { DynamoAccountRepository } from '../../../adapters/dynamodb/dynamoAccountRepository';
import { DynamoAuditLog } from '../../../adapters/dynamodb/dynamoAuditLog';
import { DynamoRequestCounter } from '../../../adapters/dynamodb/dynamoRequestCounter';
import { makeLogger } from '../../../adapters/logging/logger';
import { randomIds } from '../../../adapters/system/randomIds';
import { randomSecrets } from '../../../adapters/system/randomSecrets';
import { makeHandler } from '../../../functions/api/team/teamApi';
import type { HttpEvent, HttpResult } from '../../../functions/middleware/httpTypes';
import { startDynamoTables, type DynamoTables } from '../../support/dynamoTables';

const POOL_ID = 'ap-southeast-1_Example1';
const TENANT = 'ten_hoasen';
const OWNER_SUB = '0b8c3f7e-1111-4a70-9e81-2c3d4e5f6a7b';
const INVITEE_SUB = '7f1e2d3c-2222-4a70-9e81-2c3d4e5f6a7b';

/** An API Gateway event as the JWT authorizer hands it over, for a Cognito user of the tenant. */
function request(routeKey: string, sub: string, email: string, body?: unknown, pathParameters: Record<string, string> = {}): HttpEvent {
  return {
    routeKey,
    rawPath: '',
    headers: {},
    pathParameters,
    requestContext: { authorizer: { jwt: { claims: { sub, email, 'custom:tenantId': TENANT }, scopes: [] } }, http: { sourceIp: '203.0.113.9' } },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  } as unknown as HttpEvent;
}

/**
 * Invites in AWS: Cognito makes the invitee's account with the tenant set and
 * emails them; their first signed-in request accepts the invite. No Cognito
 * stand-in exists, so its SDK client is mocked; the table is the local stand-in.
 */
describe('team invites with Cognito (AWS mode)', () => {
  const cognito = new CognitoIdentityProviderClient({ region: 'ap-southeast-1' });
  const cognitoMock = mockClient(cognito);
  let tables: DynamoTables;
  let now = new Date('2026-12-03T09:00:00.000Z');

  beforeAll(async () => {
    tables = await startDynamoTables('cognito-team');
  });
  afterEach(() => cognitoMock.reset());
  afterAll(async () => {
    cognito.destroy();
    await tables.close();
  });

  async function freshTeam() {
    const table = await tables.freshTable();
    const accounts = new DynamoAccountRepository(table);
    await accounts.putTenant({ id: TENANT, name: 'Hoa Sen', createdAt: now.toISOString() });
    await accounts.putUser({ tenantId: TENANT, id: OWNER_SUB, email: 'chu@hoasen.vn', role: 'owner', createdAt: now.toISOString() });
    const clock = { now: () => now };
    const logger = makeLogger('silent');
    const deps = { accounts, audit: new DynamoAuditLog(table), clock, ids: randomIds, secrets: randomSecrets, logger, directory: cognitoMemberDirectory(cognito, POOL_ID) };
    const handler = makeHandler(() => deps, {
      origin: () => Promise.resolve(),
      rate: () => ({ counter: new DynamoRequestCounter(table), clock, limits: { requests: 1000, windowSeconds: 60 }, logger }),
      clock,
    });
    const call = async <T>(event: HttpEvent) => {
      const result = (await handler(event, {} as Context)) as HttpResult;
      return { status: result.statusCode ?? 0, body: (result.body === undefined || result.body === '' ? {} : JSON.parse(result.body)) as T };
    };
    return { accounts, call };
  }

  it('makes the Cognito user with the tenant set, and the invitee\'s first request joins with the invited role', async () => {
    cognitoMock.on(AdminCreateUserCommand).resolves({ User: { Username: INVITEE_SUB } });
    const { accounts, call } = await freshTeam();

    const invited = await call<{ joinPath: string | null }>(request('POST /api/team/invites', OWNER_SUB, 'chu@hoasen.vn', { email: 'Quan.Ly@HoaSen.vn', role: 'admin' }));
    const created = cognitoMock.commandCalls(AdminCreateUserCommand)[0]?.args[0].input;
    const beforeFirstRequest = await accounts.getUser(TENANT, INVITEE_SUB);
    const firstRequest = await call<TeamView>(request('GET /api/team', INVITEE_SUB, 'quan.ly@hoasen.vn'));

    expect(invited.status).toBe(201);
    expect(invited.body.joinPath).toBeNull();
    expect(created).toMatchObject({
      UserPoolId: POOL_ID,
      Username: 'quan.ly@hoasen.vn',
      DesiredDeliveryMediums: ['EMAIL'],
      UserAttributes: expect.arrayContaining([{ Name: 'custom:tenantId', Value: TENANT }, { Name: 'email_verified', Value: 'true' }]),
    });
    expect(beforeFirstRequest).toBeNull();
    expect(created?.MessageAction).toBeUndefined();
    expect(firstRequest.status).toBe(200);
    expect(firstRequest.body.members.map((member) => [member.email, member.role])).toEqual([
      ['chu@hoasen.vn', 'owner'],
      ['quan.ly@hoasen.vn', 'admin'],
    ]);
    expect(firstRequest.body.invites).toEqual([]);
    expect(firstRequest.body.delivery).toBe('email');
  });

  it('refuses the invitee once the invite has expired, and lets no one else of the tenant join by it', async () => {
    cognitoMock.on(AdminCreateUserCommand).resolves({});
    const { accounts, call } = await freshTeam();
    await call(request('POST /api/team/invites', OWNER_SUB, 'chu@hoasen.vn', { email: 'late@hoasen.vn', role: 'staff' }));

    const stranger = await call<ErrorBody>(request('GET /api/team', 'someone-else', 'other@hoasen.vn'));
    now = new Date(now.getTime() + 3 * 24 * 3600_000 + 1000);
    const late = await call<ErrorBody>(request('GET /api/team', INVITEE_SUB, 'late@hoasen.vn'));

    expect(stranger.status).toBe(401);
    expect(late.status).toBe(401);
    expect(await accounts.getUser(TENANT, INVITEE_SUB)).toBeNull();
  });

  it('inviting the same email again has Cognito resend the invite instead of making a second account', async () => {
    cognitoMock.on(AdminCreateUserCommand).resolves({});
    const { accounts, call } = await freshTeam();

    await call(request('POST /api/team/invites', OWNER_SUB, 'chu@hoasen.vn', { email: 'again@hoasen.vn', role: 'staff' }));
    const second = await call(request('POST /api/team/invites', OWNER_SUB, 'chu@hoasen.vn', { email: 'again@hoasen.vn', role: 'admin' }));

    expect(second.status).toBe(201);
    expect(cognitoMock.commandCalls(AdminCreateUserCommand).map((c) => c.args[0].input.MessageAction)).toEqual([undefined, 'RESEND']);
    expect((await accounts.listInvites(TENANT)).map((invite) => invite.role)).toEqual(['admin']);
  });

  it('answers 409 when the email already has a Cognito account, and stores no invite', async () => {
    cognitoMock.on(AdminCreateUserCommand).rejects(new UsernameExistsException({ message: 'An account with the given email already exists.', $metadata: {} }));
    const { accounts, call } = await freshTeam();

    const taken = await call<ErrorBody>(request('POST /api/team/invites', OWNER_SUB, 'chu@hoasen.vn', { email: 'taken@elsewhere.vn', role: 'staff' }));

    expect(taken.status).toBe(409);
    expect(await accounts.listInvites(TENANT)).toEqual([]);
  });

  it('removing a member deletes their Cognito user and their membership; revoking an invite deletes the pending user', async () => {
    cognitoMock.on(AdminCreateUserCommand).resolves({});
    cognitoMock.on(AdminDeleteUserCommand).resolves({});
    const { accounts, call } = await freshTeam();
    await accounts.putUser({ tenantId: TENANT, id: INVITEE_SUB, email: 'nv@hoasen.vn', role: 'staff', createdAt: now.toISOString() });
    const invited = await call<{ invite: { id: string } }>(request('POST /api/team/invites', OWNER_SUB, 'chu@hoasen.vn', { email: 'pending@hoasen.vn', role: 'staff' }));

    const removed = await call(request('DELETE /api/team/members/{userId}', OWNER_SUB, 'chu@hoasen.vn', undefined, { userId: INVITEE_SUB }));
    const revoked = await call(request('DELETE /api/team/invites/{inviteId}', OWNER_SUB, 'chu@hoasen.vn', undefined, { inviteId: invited.body.invite.id }));
    const afterwards = await call<ErrorBody>(request('GET /api/team', INVITEE_SUB, 'nv@hoasen.vn'));

    expect(removed.status).toBe(204);
    expect(revoked.status).toBe(204);
    expect(cognitoMock.commandCalls(AdminDeleteUserCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: POOL_ID, Username: 'nv@hoasen.vn' },
      { UserPoolId: POOL_ID, Username: 'pending@hoasen.vn' },
    ]);
    expect(afterwards.status).toBe(401);
    expect(await accounts.listInvites(TENANT)).toEqual([]);
  });
});
