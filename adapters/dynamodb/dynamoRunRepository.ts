import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../../core/errors';
import { tableKeys } from '../../core/keys/tableKeys';
import type { AgentRunDelivery, RunRepository } from '../../core/ports/runRepository';
import type { RunOutcome, RunPlanned, RunProgress, SyncRun } from '../../core/sync/syncRun';
import { isConditionFailure, type TableContext } from './tableContext';
import { UpdateBuilder } from './updateBuilder';

/** `deliveries`: the keys of the agent deliveries an agent run counted (addAgentDelivery), a string set. */
type RunItem = SyncRun & { pk: string; sk: string; entity: 'run'; deliveries?: Set<string> };

function fromItem(item: Record<string, unknown>): SyncRun {
  const { pk: _pk, sk: _sk, entity: _entity, deliveries: _deliveries, ...run } = item as unknown as RunItem;
  return run;
}

export class DynamoRunRepository implements RunRepository {
  constructor(private readonly table: TableContext) {}

  async start(run: SyncRun): Promise<SyncRun> {
    const item: RunItem = { ...tableKeys.run(run.tenantId, run.sourceId, run.id), entity: 'run', ...run };
    try {
      await this.table.doc.send(new PutCommand({ TableName: this.table.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return run;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return this.mustGet(run.tenantId, run.sourceId, run.id);
    }
  }

  async finish(tenantId: string, sourceId: string, runId: string, outcome: RunOutcome, finishedAt: string): Promise<SyncRun> {
    const existing = await this.mustGet(tenantId, sourceId, runId);
    if (existing.status !== 'running') return existing;
    const update = new UpdateBuilder()
      .set('status', outcome.status)
      .set('finishedAt', finishedAt)
      .set('filesDone', outcome.filesDone)
      .set('filesFailed', outcome.filesFailed)
      .set('filesSkipped', outcome.filesSkipped)
      .set('bytes', outcome.bytes)
      .set('error', outcome.error)
      .set('errorCode', outcome.errorCode ?? null)
      .set('durationMs', Math.max(0, Date.parse(finishedAt) - Date.parse(existing.startedAt)));
    try {
      const result = await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: tableKeys.run(tenantId, sourceId, runId),
          ...update.build(`${update.name('status')} = ${update.value('running')}`),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return fromItem(result.Attributes ?? {});
    } catch (error) {
      // A retried step lost the race to its first attempt: that result stands.
      if (isConditionFailure(error)) return this.mustGet(tenantId, sourceId, runId);
      throw error;
    }
  }

  async recordPlan(tenantId: string, sourceId: string, runId: string, planned: RunPlanned): Promise<void> {
    const zero: RunProgress = { storedFiles: 0, storedBytes: 0 };
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: tableKeys.run(tenantId, sourceId, runId),
        UpdateExpression: 'SET #planned = :planned, #progress = if_not_exists(#progress, :zero)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#planned': 'planned', '#progress': 'progress' },
        ExpressionAttributeValues: { ':planned': { files: planned.files, bytes: planned.bytes }, ':zero': zero },
      }),
    ).catch((error: unknown) => {
      if (isConditionFailure(error)) throw new NotFoundError('run not found', { context: { sourceId, runId } });
      throw error;
    });
  }

  async addProgress(tenantId: string, sourceId: string, runId: string, delta: Partial<RunProgress>): Promise<void> {
    const entries = Object.entries(delta).filter(([, amount]) => typeof amount === 'number' && amount !== 0);
    if (entries.length === 0) return;
    const names: Record<string, string> = { '#progress': 'progress', '#status': 'status' };
    const values: Record<string, unknown> = { ':running': 'running' };
    const adds = entries.map(([field, amount], i) => {
      names[`#f${i}`] = field;
      values[`:a${i}`] = amount;
      return `#progress.#f${i} :a${i}`;
    });
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: tableKeys.run(tenantId, sourceId, runId),
          UpdateExpression: `ADD ${adds.join(', ')}`,
          // Only live runs with a plan count; a finished run's counts come from FinishRun.
          ConditionExpression: 'attribute_exists(#progress) AND #status = :running',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async addAgentDelivery(tenantId: string, sourceId: string, runId: string, delivery: AgentRunDelivery): Promise<boolean> {
    const run = await this.mustGet(tenantId, sourceId, runId);
    const { processing } = delivery;
    // The end only moves on: a delivery counted late (no time) or recorded before the end leaves it where it is.
    const end = [run.finishedAt, delivery.at].filter((at): at is string => at !== null).sort().at(-1) ?? run.startedAt;
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: tableKeys.run(tenantId, sourceId, runId),
          // The counts and the delivery's key in one atomic write: a retried delivery finds its key and adds nothing.
          UpdateExpression:
            'SET #finishedAt = :at, #durationMs = :duration ADD #filesDone :done, #filesSkipped :skipped, #bytes :bytes, #p.#todo :todo, #p.#processed :processed, #p.#unprocessable :unprocessable, #p.#events :events, #deliveries :keys',
          // A run without keys takes its first delivery only while it has counted nothing: a run of one delivery
          // from before runs were grouped (todo 1, no keys) is never counted into again.
          ConditionExpression: 'attribute_exists(pk) AND attribute_exists(#p) AND ((attribute_exists(#deliveries) AND NOT contains(#deliveries, :key)) OR (attribute_not_exists(#deliveries) AND #p.#todo = :nothing))',
          ExpressionAttributeNames: Object.fromEntries(
            ['finishedAt', 'durationMs', 'filesDone', 'filesSkipped', 'bytes', 'todo', 'processed', 'unprocessable', 'events', 'deliveries'].map((name) => [`#${name}`, name]).concat([['#p', 'processing']]),
          ),
          ExpressionAttributeValues: {
            ':at': end,
            ':duration': Math.max(0, Date.parse(end) - Date.parse(run.startedAt)),
            ':done': delivery.filesDone,
            ':skipped': delivery.filesSkipped,
            ':bytes': delivery.bytes,
            ':todo': processing.todo,
            ':processed': processing.processed,
            ':unprocessable': processing.unprocessable,
            ':events': processing.events,
            ':keys': new Set([delivery.key]),
            ':key': delivery.key,
            ':nothing': 0,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async get(tenantId: string, sourceId: string, runId: string): Promise<SyncRun | null> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: tableKeys.run(tenantId, sourceId, runId), ConsistentRead: true }),
    );
    return result.Item === undefined ? null : fromItem(result.Item);
  }

  async listRecent(tenantId: string, sourceId: string, limit: number): Promise<SyncRun[]> {
    const { pk, skPrefix } = tableKeys.runsOfSource(tenantId, sourceId);
    const result = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map(fromItem);
  }

  private async mustGet(tenantId: string, sourceId: string, runId: string): Promise<SyncRun> {
    const run = await this.get(tenantId, sourceId, runId);
    if (run === null) throw new NotFoundError('run not found', { context: { sourceId, runId } });
    return run;
  }
}
