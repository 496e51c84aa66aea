import {
  DynamoDBClient,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { createTableIfMissing } from '../../../infra/local/dynamodb/createTableIfMissing';
import { startDynamoStandIn } from '../../../infra/local/dynamodb/startDynamoStandIn';
import type { RunningService } from '../../../infra/local/runningService';
import { caught } from './support/caught';

const TABLE = 'vtrack';
const KEY = { pk: { S: 'TENANT#t1#SOURCE#s1' }, sk: { S: 'META' } };

// These operations exist in DynamoDB but not in dynalite. VTrack is designed
// not to use them; these tests fail loudly if that ever silently changes
// (a dynalite upgrade that adds them, which would be good news to act on).
describe('DynamoDB stand-in: operations it does not have', () => {
  let dynamo: RunningService;
  let client: DynamoDBClient;

  beforeAll(async () => {
    dynamo = await startDynamoStandIn({});
    client = new DynamoDBClient(localClientConfig(dynamo.endpoint));
    await createTableIfMissing(client, TABLE);
  });

  afterAll(async () => {
    client?.destroy();
    await dynamo?.stop();
  });

  test('TransactWriteItems is rejected with UnknownOperationException', async () => {
    // Act
    const error = await caught(
      client.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: TABLE, Item: KEY } }] })),
    );

    // Assess
    expect(error).toMatchObject({ name: 'UnknownOperationException', $metadata: { httpStatusCode: 400 } });
  });

  test('TransactGetItems is rejected with UnknownOperationException', async () => {
    // Act
    const error = await caught(client.send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: TABLE, Key: KEY } }] })));

    // Assess
    expect(error).toMatchObject({ name: 'UnknownOperationException', $metadata: { httpStatusCode: 400 } });
  });

  test('UpdateTimeToLive is rejected with UnknownOperationException', async () => {
    // Act
    const error = await caught(
      client.send(
        new UpdateTimeToLiveCommand({ TableName: TABLE, TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true } }),
      ),
    );

    // Assess
    expect(error).toMatchObject({ name: 'UnknownOperationException', $metadata: { httpStatusCode: 400 } });
  });
});
