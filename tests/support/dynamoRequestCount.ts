import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Send = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Counts the DynamoDB requests this process sends while `during` runs. The
 * local stack runs its functions in the test's process, so every request of a
 * sync passes through the SDK's one `send` that both DynamoDB clients share.
 */
export async function countDynamoRequests<T>(during: () => Promise<T>): Promise<{ result: T; requests: number }> {
  const base = Object.getPrototypeOf(DynamoDBClient.prototype) as { send: Send };
  const original = base.send;
  let requests = 0;
  base.send = function (this: unknown, ...args: unknown[]) {
    if (this instanceof DynamoDBClient || this instanceof DynamoDBDocumentClient) requests += 1;
    return original.apply(this, args);
  };
  try {
    return { result: await during(), requests };
  } finally {
    base.send = original;
  }
}
