import { BatchWriteCommand, type BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransientError } from '../../core/errors';
import type { TableContext } from './tableContext';

export type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

const BATCH = 25;
const MAX_UNPROCESSED_ROUNDS = 8;

/**
 * Puts and deletes in batches of 25, in the order given batch by batch, sending
 * back what DynamoDB left unprocessed with a growing pause. Still unprocessed
 * after 8 rounds: a TransientError, so the caller's retry (a state machine's)
 * runs the idempotent write again.
 */
export async function batchWriteAll(table: TableContext, requests: readonly WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += BATCH) {
    let pending = requests.slice(i, i + BATCH);
    for (let round = 0; pending.length > 0; round += 1) {
      if (round >= MAX_UNPROCESSED_ROUNDS) throw new TransientError('DynamoDB kept writes unprocessed', { context: { pending: pending.length } });
      const result = await table.doc.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: pending } }));
      pending = result.UnprocessedItems?.[table.tableName] ?? [];
      if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
    }
  }
}
