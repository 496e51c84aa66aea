import { AdminUpdateUserAttributesCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tenantIdForCognitoUser } from '../../../core/accounts/provisionCognitoTenant';
import { DynamoAccountRepository } from '../../../adapters/dynamodb/dynamoAccountRepository';
import { makeTableContext } from '../../../adapters/dynamodb/tableContext';
import { makeHandler } from '../../../functions/auth/postConfirmation';
import { makeLogger } from '../../../adapters/logging/logger';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { createTableIfMissing } from '../../../infra/local/dynamodb/createTableIfMissing';
import { startDynamoStandIn } from '../../../infra/local/dynamodb/startDynamoStandIn';
import type { RunningService } from '../../../infra/local/runningService';

const POOL_ID = 'eu-west-1_Example1';
const SUB = '8d2a4c1e-5b6f-4a70-9e81-2c3d4e5f6a7b';

function confirmation(overrides: Partial<PostConfirmationTriggerEvent> = {}, attributes: Record<string, string> = {}): PostConfirmationTriggerEvent {
  return {
    version: '1',
    region: 'eu-west-1',
    userPoolId: POOL_ID,
    // With email sign-in, the user name Cognito passes is the sub, not the email.
    userName: SUB,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'exampleclientid' },
    triggerSource: 'PostConfirmation_ConfirmSignUp',
    request: { userAttributes: { sub: SUB, email: 'owner@shop.example', email_verified: 'true', 'cognito:user_status': 'CONFIRMED', ...attributes } },
    response: {},
    ...overrides,
  } as PostConfirmationTriggerEvent;
}

describe('post-confirmation trigger', () => {
  // No Cognito stand-in exists: the SDK client is mocked, the table is the local stand-in.
  const cognito = new CognitoIdentityProviderClient({ region: 'eu-west-1' });
  const cognitoMock = mockClient(cognito);
  let dynamo: RunningService;
  let client: DynamoDBClient;
  let tableNumber = 0;

  beforeAll(async () => {
    dynamo = await startDynamoStandIn({});
    client = new DynamoDBClient(localClientConfig(dynamo.endpoint));
  });
  afterEach(() => cognitoMock.reset());
  afterAll(async () => {
    cognito.destroy();
    client.destroy();
    await dynamo.stop();
  });

  async function freshHandler(): Promise<{ handler: ReturnType<typeof makeHandler>; accounts: DynamoAccountRepository }> {
    tableNumber += 1;
    const tableName = `post-confirmation-${tableNumber}`;
    await createTableIfMissing(client, tableName);
    const accounts = new DynamoAccountRepository(makeTableContext({ tableName, client }));
    const deps = { accounts, clock: { now: () => new Date('2025-07-18T09:30:00.000Z') }, cognito, logger: makeLogger('silent') };
    return { handler: makeHandler(() => deps), accounts };
  }

  it('creates the tenant and owner, sets custom:tenantId on that user of that pool, and hands the event back unchanged', async () => {
    // Prepare
    const { handler, accounts } = await freshHandler();
    cognitoMock.on(AdminUpdateUserAttributesCommand).resolves({});
    const event = confirmation({}, { 'custom:tenantName': 'Shop A' });
    const sent = structuredClone(event);

    // Act
    const returned = await handler(event);

    // Assess
    const tenantId = await tenantIdForCognitoUser(SUB);
    expect(returned).toEqual(sent);
    expect(cognitoMock.commandCalls(AdminUpdateUserAttributesCommand).map((call) => call.args[0].input)).toEqual([
      { UserPoolId: POOL_ID, Username: SUB, UserAttributes: [{ Name: 'custom:tenantId', Value: tenantId }] },
    ]);
    expect((await accounts.getTenant(tenantId))?.name).toBe('Shop A');
    expect(await accounts.getUser(tenantId, SUB)).toMatchObject({ email: 'owner@shop.example', role: 'owner' });
  });

  it('sets the same tenant when Cognito invokes it twice', async () => {
    // Prepare
    const { handler } = await freshHandler();
    cognitoMock.on(AdminUpdateUserAttributesCommand).resolves({});

    // Act
    await handler(confirmation());
    await handler(confirmation());

    // Assess
    const values = cognitoMock.commandCalls(AdminUpdateUserAttributesCommand).map((call) => call.args[0].input.UserAttributes?.[0]?.Value);
    expect(values).toHaveLength(2);
    expect(values[1]).toBe(values[0]);
  });

  it('lets a Cognito failure through so Cognito retries, and the retry succeeds with the rows already written', async () => {
    // Prepare
    const { handler, accounts } = await freshHandler();
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });
    cognitoMock.on(AdminUpdateUserAttributesCommand).rejectsOnce(throttled).resolves({});

    // Act
    const failure = await handler(confirmation()).catch((error: unknown) => error);
    const retried = await handler(confirmation());

    // Assess
    const tenantId = await tenantIdForCognitoUser(SUB);
    expect(failure).toBe(throttled);
    expect(retried.userName).toBe(SUB);
    expect(cognitoMock.commandCalls(AdminUpdateUserAttributesCommand)).toHaveLength(2);
    expect((await accounts.getTenant(tenantId))?.name).toBe('shop.example');
  });

  it('never sets the attribute when the rows could not be written', async () => {
    // Prepare
    const accounts = new DynamoAccountRepository(makeTableContext({ tableName: 'no-such-table', client }));
    const handler = makeHandler(() => ({ accounts, clock: { now: () => new Date() }, cognito, logger: makeLogger('silent') }));

    // Act
    const failure = await handler(confirmation()).catch((error: unknown) => error);

    // Assess
    expect((failure as Error).name).toBe('ResourceNotFoundException');
    expect(cognitoMock.calls()).toHaveLength(0);
  });

  it('ignores a confirmed password reset', async () => {
    // Prepare
    const { handler, accounts } = await freshHandler();
    const event = confirmation({ triggerSource: 'PostConfirmation_ConfirmForgotPassword' });

    // Act
    const returned = await handler(event);

    // Assess
    expect(returned).toBe(event);
    expect(cognitoMock.calls()).toHaveLength(0);
    expect(await accounts.getTenant(await tenantIdForCognitoUser(SUB))).toBeNull();
  });

  it('leaves a user who already belongs to a tenant where they are', async () => {
    // Prepare
    const { handler, accounts } = await freshHandler();
    const event = confirmation({}, { 'custom:tenantId': 'ten_invitedmember' });

    // Act
    const returned = await handler(event);

    // Assess
    expect(returned).toBe(event);
    expect(cognitoMock.calls()).toHaveLength(0);
    expect(await accounts.getTenant(await tenantIdForCognitoUser(SUB))).toBeNull();
  });
});
