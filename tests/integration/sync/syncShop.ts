import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoRunRepository } from '../../../adapters/dynamodb/dynamoRunRepository';
import { DynamoSourceRepository } from '../../../adapters/dynamodb/dynamoSourceRepository';
import { DynamoTrackedFileRepository } from '../../../adapters/dynamodb/dynamoTrackedFileRepository';
import { makeTableContext } from '../../../adapters/dynamodb/tableContext';
import { newSource } from '../../../core/sources/newSource';
import { createSourceSchema } from '../../../core/sources/sourceSchemas';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { connectGoogle, startGoogleStack, type GoogleStack } from '../../support/googleStack';
import { ApiClient, type Harness } from '../../support/localStackHarness';

/**
 * The sync tests' shop: the local stack with the Drive fake, one signed-up
 * tenant with Google connected and a Drive folder, and the repositories the
 * tests read and seed the table through.
 */
export interface SyncShop {
  readonly google: GoogleStack;
  readonly harness: Harness;
  readonly shop: ApiClient;
  readonly tenantId: string;
  readonly connectionId: string;
  readonly folderId: string;
  readonly dynamo: DynamoDBClient;
  readonly sources: DynamoSourceRepository;
  readonly runs: DynamoRunRepository;
  readonly trackedFiles: DynamoTrackedFileRepository;
  /**
   * Stores a Drive source on the shop's folder, due at `nextSyncAt`, as the API
   * stores one but without starting its first sync (so the dispatcher or the test does).
   */
  storeDriveSource(id: string, options: { name: string; intervalMinutes: number; nextSyncAt: string }): Promise<void>;
  close(): Promise<void>;
}

export async function openSyncShop(email: string): Promise<SyncShop> {
  const google = await startGoogleStack();
  const { harness } = google;
  const { client: shop, tenantId } = await new ApiClient(harness.stack.url).signUp(email);
  const connectionId = (await connectGoogle(shop)).id;
  const folderId = google.fake.drive.addFolder({ name: 'Packing' });
  const dynamo = new DynamoDBClient(localClientConfig(harness.stack.endpoints.dynamodb));
  const table = makeTableContext({ tableName: harness.stack.tableName, client: dynamo });
  const sources = new DynamoSourceRepository(table);
  return {
    google,
    harness,
    shop,
    tenantId,
    connectionId,
    folderId,
    dynamo,
    sources,
    runs: new DynamoRunRepository(table),
    trackedFiles: new DynamoTrackedFileRepository(table),
    storeDriveSource: async (id, { name, intervalMinutes, nextSyncAt }) => {
      const input = createSourceSchema.parse({ type: 'google_drive', name, intervalMinutes, config: { connectionId, folderIds: [folderId] } });
      await sources.create(newSource({ ...input, tenantId, id, nextSyncAt }, new Date().toISOString()));
    },
    close: async () => {
      dynamo.destroy();
      await google.close();
    },
  };
}
