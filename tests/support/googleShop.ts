import { afterAll, beforeAll } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListMultipartUploadsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { MeView } from '../../core/api/authApi';
import type { SourceView } from '../../core/api/sourcesApi';
import { tableKeys } from '../../core/keys/tableKeys';
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
  /** What the stand-ins hold, read directly: to prove something is gone (or still there). */
  readonly stored: StoredProbes;
  /** Creates a Drive source on `folderId` (its first sync starts; not awaited) and returns its id. */
  createDriveSource(folderId: string, name: string, intervalMinutes?: number): Promise<string>;
  close(): Promise<void>;
}

export interface StoredProbes {
  /** Every object key under the prefix, all pages. */
  objectKeys(prefix: string): Promise<string[]>;
  /** Multipart uploads still open under the prefix. */
  openUploads(prefix: string): Promise<number>;
  /** Items of the source's tracked-file partition in the table, all pages. */
  sourceItems(sourceId: string): Promise<number>;
}

export async function openGoogleShop(email: string, shopName: string): Promise<GoogleShop> {
  const google = await startGoogleStack();
  const shop = (await new ApiClient(google.harness.stack.url).signUp(email, shopName)).client;
  const connectionId = (await connectGoogle(shop)).id;
  const tenantId = (await shop.call<MeView>('GET', '/api/me')).body.tenantId;
  const s3 = new S3Client(localClientConfig(google.harness.stack.endpoints.s3));
  const dynamoBase = new DynamoDBClient(localClientConfig(google.harness.stack.endpoints.dynamodb));
  const dynamo = DynamoDBDocumentClient.from(dynamoBase);
  const { bucketName, tableName } = google.harness.stack;
  const stored: StoredProbes = {
    objectKeys: async (prefix) => {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucketName, Prefix: prefix, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
        token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
      return keys;
    },
    openUploads: async (prefix) => ((await s3.send(new ListMultipartUploadsCommand({ Bucket: bucketName, Prefix: prefix }))).Uploads ?? []).length,
    sourceItems: async (sourceId) => {
      let count = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const page = await dynamo.send(
          new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': tableKeys.file(tenantId, sourceId, '').pk }, ExclusiveStartKey: start }),
        );
        count += page.Count ?? 0;
        start = page.LastEvaluatedKey;
      } while (start !== undefined);
      return count;
    },
  };
  const createDriveSource = async (folderId: string, name: string, intervalMinutes = 60): Promise<string> => {
    const created = await shop.call<SourceView>('POST', '/api/sources', { type: 'google_drive', name, intervalMinutes, config: { connectionId, folderIds: [folderId] } });
    if (created.status !== 201) throw new Error(`source ${name} was refused: ${created.status} ${JSON.stringify(created.body)}`);
    return created.body.id;
  };
  return {
    google,
    shop,
    connectionId,
    tenantId,
    s3,
    dynamoBase,
    dynamo,
    stored,
    createDriveSource,
    close: async () => {
      s3.destroy();
      dynamo.destroy();
      await google.close();
    },
  };
}

/**
 * One Google shop for the whole test file: opened before its first test and
 * closed after its last (vitest's beforeAll/afterAll). Returns how a test gets it.
 */
export function googleShopForFile(email: string, shopName: string): () => GoogleShop {
  let opened: GoogleShop | undefined;
  beforeAll(async () => {
    opened = await openGoogleShop(email, shopName);
  });
  afterAll(() => opened?.close());
  return () => {
    if (opened === undefined) throw new Error('the Google shop is opened before the first test');
    return opened;
  };
}
