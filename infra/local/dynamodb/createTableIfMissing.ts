import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { tableShape } from './tableShape';

/**
 * Creates VTrack's table (see tableShape) unless it exists, and returns once it
 * is ACTIVE. Safe to call on every start and from racing callers: a table that
 * exists, or that another caller is creating, is simply awaited. An existing
 * table is not compared with the shape.
 */
export async function createTableIfMissing(client: DynamoDBClient, tableName: string): Promise<void> {
  if (!(await tableExists(client, tableName))) {
    try {
      await client.send(new CreateTableCommand(tableShape(tableName)));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
  // The first check runs at once. Locally a new table is ACTIVE a moment later, so
  // the backoff starts small (the SDK's default first wait is 20 s); on AWS it grows to 5 s.
  await waitUntilTableExists({ client, maxWaitTime: 120, minDelay: 0.05, maxDelay: 5 }, { TableName: tableName });
}

async function tableExists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}
