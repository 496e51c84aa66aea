import { DynamoAccountRepository } from '../../../adapters/dynamodb/dynamoAccountRepository';
import { makeTableContext } from '../../../adapters/dynamodb/tableContext';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { startLocalStack, type LocalStack } from '../../../infra/local/startLocalStack';
import type { FakeCognito } from '../../fakes/cognito';

/** The local stack signing in through the Cognito fake (AWS mode's auth), and its accounts table to provision tenants in. */
export async function startCognitoStack(fake: FakeCognito, dataDir: string, webDir: string): Promise<{ stack: LocalStack; accounts: DynamoAccountRepository }> {
  const stack = await startLocalStack({
    port: 0,
    dataDir,
    webDir,
    quiet: true,
    schedulerIntervalMs: 3_600_000,
    auth: { mode: 'cognito', issuer: fake.issuer, jwksUrl: fake.jwksUrl, clientId: fake.clientId, domain: 'https://vtrack-test.auth.local', endpoint: fake.url, userPoolId: fake.userPoolId },
  });
  const accounts = new DynamoAccountRepository(makeTableContext({ tableName: stack.tableName, clientConfig: localClientConfig(stack.endpoints.dynamodb) }));
  return { stack, accounts };
}
