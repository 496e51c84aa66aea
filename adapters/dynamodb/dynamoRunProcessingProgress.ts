import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableKeys } from '../../core/keys/tableKeys';
import type { RunProcessing, RunProcessingProgress, RunRef } from '../../core/ports/runProcessingProgress';
import { isConditionFailure, type TableContext } from './tableContext';

/**
 * Processing counts as one `processing` map on the run item: SET when planned,
 * each step ADDs to it, so steps of cameras running side by side never lose a count.
 * A run that is gone (source deleted) is left alone.
 */
export class DynamoRunProcessingProgress implements RunProcessingProgress {
  constructor(private readonly table: TableContext) {}

  async planned(run: RunRef, todo: number): Promise<void> {
    const processing: RunProcessing = { todo, processed: 0, unprocessable: 0, events: 0 };
    await this.update(run, 'SET #p = :p', { ':p': processing });
  }

  async add(run: RunRef, delta: Omit<RunProcessing, 'todo'>): Promise<void> {
    await this.update(run, 'ADD #p.#processed :processed, #p.#unprocessable :unprocessable, #p.#events :events', {
      ':processed': delta.processed,
      ':unprocessable': delta.unprocessable,
      ':events': delta.events,
    }, 'attribute_exists(#p)');
  }

  private async update(run: RunRef, expression: string, values: Record<string, unknown>, condition = 'attribute_exists(pk)'): Promise<void> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: tableKeys.run(run.tenantId, run.sourceId, run.runId),
          UpdateExpression: expression,
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#p': 'processing', ...(expression.includes('#processed') ? { '#processed': 'processed', '#unprocessable': 'unprocessable', '#events': 'events' } : {}) },
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}
