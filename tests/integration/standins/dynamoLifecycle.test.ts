import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { createTableIfMissing } from '../../../infra/local/dynamodb/createTableIfMissing';
import { startDynamoStandIn } from '../../../infra/local/dynamodb/startDynamoStandIn';
import { isListening } from './support/isListening';
import { makeTempDir, removeTempDir } from './support/tempDir';

const TABLE = 'vtrack';
const KEY = { pk: { S: 'TENANT#t1#SOURCE#s1' }, sk: { S: 'META' } };

describe('DynamoDB stand-in: lifecycle', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await makeTempDir('dynamo-lifecycle');
  });

  afterAll(async () => {
    await removeTempDir(dataDir);
  });

  test('tables and items survive a stop and a new start on the same dataDir', async () => {
    // Prepare
    const first = await startDynamoStandIn({ dataDir });
    const firstClient = new DynamoDBClient(localClientConfig(first.endpoint));
    await createTableIfMissing(firstClient, TABLE);
    await firstClient.send(new PutItemCommand({ TableName: TABLE, Item: { ...KEY, cursor: { S: 'page-token-42' } } }));
    firstClient.destroy();
    await first.stop();

    // Act
    const second = await startDynamoStandIn({ dataDir });
    const client = new DynamoDBClient(localClientConfig(second.endpoint));
    try {
      await createTableIfMissing(client, TABLE);
      const { Item } = await client.send(new GetItemCommand({ TableName: TABLE, Key: KEY }));

      // Assess
      expect(Item?.cursor).toEqual({ S: 'page-token-42' });
    } finally {
      client.destroy();
      await second.stop();
    }
  });

  test('without a dataDir nothing is kept between starts', async () => {
    // Prepare
    const first = await startDynamoStandIn({});
    const firstClient = new DynamoDBClient(localClientConfig(first.endpoint));
    await createTableIfMissing(firstClient, TABLE);
    await firstClient.send(new PutItemCommand({ TableName: TABLE, Item: KEY }));
    firstClient.destroy();
    await first.stop();

    // Act
    const second = await startDynamoStandIn({});
    const client = new DynamoDBClient(localClientConfig(second.endpoint));
    try {
      await createTableIfMissing(client, TABLE);
      const { Item } = await client.send(new GetItemCommand({ TableName: TABLE, Key: KEY }));

      // Assess
      expect(Item).toBeUndefined();
    } finally {
      client.destroy();
      await second.stop();
    }
  });

  test('stop closes the port, even with a client connection kept alive, and a second stop is harmless', async () => {
    // Prepare
    const dynamo = await startDynamoStandIn({});
    const client = new DynamoDBClient(localClientConfig(dynamo.endpoint));
    await createTableIfMissing(client, TABLE);

    // Act
    await dynamo.stop();
    await dynamo.stop();

    // Assess
    expect(await isListening(dynamo.endpoint)).toBe(false);
    client.destroy();
  });
});
