import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { makeTableContext, type TableContext } from '../../adapters/dynamodb/tableContext';
import { localClientConfig } from '../../infra/local/awsClientConfig';
import { createTableIfMissing } from '../../infra/local/dynamodb/createTableIfMissing';
import { startDynamoStandIn } from '../../infra/local/dynamodb/startDynamoStandIn';

export interface DynamoTables {
  /** A new, empty table of the project's shape, so each test starts clean. */
  freshTable(): Promise<TableContext>;
  readonly client: DynamoDBClient;
  close(): Promise<void>;
}

/** An in-memory DynamoDB stand-in for one test file, handing out fresh tables. */
export async function startDynamoTables(prefix: string): Promise<DynamoTables> {
  const dynamo = await startDynamoStandIn({});
  const client = new DynamoDBClient(localClientConfig(dynamo.endpoint));
  let count = 0;
  return {
    client,
    freshTable: async () => {
      count += 1;
      const tableName = `${prefix}-${count}`;
      await createTableIfMissing(client, tableName);
      return makeTableContext({ tableName, client });
    },
    close: async () => {
      client.destroy();
      await dynamo.stop();
    },
  };
}
