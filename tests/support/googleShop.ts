import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MeView } from '../../core/api/authApi';
import { localClientConfig } from '../../infra/local/awsClientConfig';
import { connectGoogle, startGoogleStack, type GoogleStack } from './googleStack';
import { ApiClient } from './localStackHarness';

/** A local stack with the Google fake, one signed-up shop with a connected Google account, and clients on its stand-ins. */
export interface GoogleShop {
  readonly google: GoogleStack;
  readonly shop: ApiClient;
  readonly connectionId: string;
  readonly tenantId: string;
  readonly s3: S3Client;
  readonly dynamoBase: DynamoDBClient;
  readonly dynamo: DynamoDBDocumentClient;
  close(): Promise<void>;
}

export async function openGoogleShop(email: string, shopName: string): Promise<GoogleShop> {
  const google = await startGoogleStack();
  const shop = (await new ApiClient(google.harness.stack.url).signUp(email, shopName)).client;
  const connectionId = (await connectGoogle(shop)).id;
  const tenantId = (await shop.call<MeView>('GET', '/api/me')).body.tenantId;
  const s3 = new S3Client(localClientConfig(google.harness.stack.endpoints.s3));
  const dynamoBase = new DynamoDBClient(localClientConfig(google.harness.stack.endpoints.dynamodb));
  const dynamo = DynamoDBDocumentClient.from(dynamoBase);
  return {
    google,
    shop,
    connectionId,
    tenantId,
    s3,
    dynamoBase,
    dynamo,
    close: async () => {
      s3.destroy();
      dynamo.destroy();
      await google.close();
    },
  };
}
