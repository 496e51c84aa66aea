import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The document client and the single table every repository writes to. */
export interface TableContext {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** Takes either a ready client (tests hand in their own) or a client config. */
export function makeTableContext(options: {
  tableName: string;
  client?: DynamoDBClient;
  clientConfig?: DynamoDBClientConfig;
}): TableContext {
  const client = options.client ?? new DynamoDBClient(options.clientConfig ?? {});
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { doc, tableName: options.tableName };
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
