import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '../../core/errors';
import { claimsIndex, dueIndex, DUE_SHARDS, tableKeys } from '../../core/keys/tableKeys';
import type { AgentRunRecord, ClaimedSourceRef, DueSource, RunRelease, SourceChanges, SourceRepository } from '../../core/ports/sourceRepository';
import type { Source, SourceClaim, SourceDeletion } from '../../core/sources/source';
import type { SourceMessageCode } from '../../core/sync/runErrorCodes';
import { queryAllByPrefix } from './queryAllByPrefix';
import { isConditionFailure, type TableContext } from './tableContext';
import { UpdateBuilder } from './updateBuilder';

/** DynamoDB item of a source; gsi1* exist only while the source is scheduled, gsi2* only while it is claimed. */
interface SourceItem {
  pk: string;
  sk: string;
  entity: 'source';
  tenantId: string;
  sourceId: string;
  type: Source['type'];
  name: string;
  intervalMinutes: number;
  config: Source['config'];
  status: Source['status'];
  statusMessage: string | null;
  statusMessageCode?: SourceMessageCode | null;
  nextSyncAt?: string;
  lastSyncAt: string | null;
  lastRunId: string | null;
  claimRunId?: string;
  claimedAt?: string;
  claimLeaseUntil?: string;
  createdAt: string;
  updatedAt: string;
  filesTotal?: number;
  bytesTotal?: number;
  deletion?: SourceDeletion;
  gsi1pk?: string;
  gsi1sk?: string;
  gsi2pk?: string;
  gsi2sk?: string;
}

function dueKeys(tenantId: string, sourceId: string, nextSyncAt: string): { gsi1pk: string; gsi1sk: string } {
  return {
    gsi1pk: dueIndex.partition(dueIndex.shardOf(tenantId, sourceId)),
    gsi1sk: dueIndex.sortKey(nextSyncAt, tenantId, sourceId),
  };
}

function claimKeys(tenantId: string, sourceId: string, claimedAt: string): { gsi2pk: string; gsi2sk: string } {
  return {
    gsi2pk: claimsIndex.partition(dueIndex.shardOf(tenantId, sourceId)),
    gsi2sk: claimsIndex.sortKey(claimedAt, tenantId, sourceId),
  };
}

function toItem(source: Source): SourceItem {
  const item: SourceItem = {
    ...tableKeys.source(source.tenantId, source.id),
    entity: 'source',
    tenantId: source.tenantId,
    sourceId: source.id,
    type: source.type,
    name: source.name,
    intervalMinutes: source.intervalMinutes,
    config: source.config,
    status: source.status,
    statusMessage: source.statusMessage,
    statusMessageCode: source.statusMessageCode ?? null,
    lastSyncAt: source.lastSyncAt,
    lastRunId: source.lastRunId,
    createdAt: source.createdAt,
    updatedAt: source.updatedAt,
    filesTotal: source.totals.files,
    bytesTotal: source.totals.bytes,
  };
  if (source.nextSyncAt !== null) Object.assign(item, { nextSyncAt: source.nextSyncAt }, dueKeys(source.tenantId, source.id, source.nextSyncAt));
  if (source.claim !== null) {
    Object.assign(item, { claimRunId: source.claim.runId, claimedAt: source.claim.claimedAt, claimLeaseUntil: source.claim.leaseUntil });
    Object.assign(item, claimKeys(source.tenantId, source.id, source.claim.claimedAt));
  }
  return item;
}

function fromItem(item: SourceItem): Source {
  const claim: SourceClaim | null =
    item.claimRunId !== undefined && item.claimedAt !== undefined && item.claimLeaseUntil !== undefined
      ? { runId: item.claimRunId, claimedAt: item.claimedAt, leaseUntil: item.claimLeaseUntil }
      : null;
  return {
    tenantId: item.tenantId,
    id: item.sourceId,
    type: item.type,
    name: item.name,
    intervalMinutes: item.intervalMinutes,
    config: item.config,
    status: item.status,
    statusMessage: item.statusMessage ?? null,
    statusMessageCode: item.statusMessageCode ?? null,
    nextSyncAt: item.nextSyncAt ?? null,
    lastSyncAt: item.lastSyncAt ?? null,
    lastRunId: item.lastRunId ?? null,
    claim,
    totals: { files: item.filesTotal ?? 0, bytes: item.bytesTotal ?? 0 },
    deletion: item.deletion ?? null,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

const CLAIM_ATTRIBUTES = ['claimRunId', 'claimedAt', 'claimLeaseUntil', 'gsi2pk', 'gsi2sk'] as const;

export class DynamoSourceRepository implements SourceRepository {
  constructor(private readonly table: TableContext) {}

  async create(source: Source): Promise<void> {
    try {
      await this.table.doc.send(
        new PutCommand({ TableName: this.table.tableName, Item: toItem(source), ConditionExpression: 'attribute_not_exists(pk)' }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError('a source with this id exists', { cause: error, context: { sourceId: source.id } });
      throw error;
    }
  }

  async get(tenantId: string, sourceId: string): Promise<Source | null> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: tableKeys.source(tenantId, sourceId), ConsistentRead: true }),
    );
    return result.Item === undefined ? null : fromItem(result.Item as SourceItem);
  }

  async list(tenantId: string): Promise<Source[]> {
    const { pk, skPrefix } = tableKeys.sourcesOfTenant(tenantId);
    const items = await queryAllByPrefix(this.table, pk, skPrefix);
    return items.map((item) => fromItem(item as unknown as SourceItem)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async update(tenantId: string, sourceId: string, changes: SourceChanges, now: string): Promise<Source> {
    const update = new UpdateBuilder();
    if (changes.name !== undefined) update.set('name', changes.name);
    if (changes.intervalMinutes !== undefined) update.set('intervalMinutes', changes.intervalMinutes);
    if (changes.config !== undefined) update.set('config', changes.config);
    if (changes.status !== undefined) update.set('status', changes.status);
    if (changes.statusMessage !== undefined) update.set('statusMessage', changes.statusMessage).set('statusMessageCode', changes.statusMessageCode ?? null);
    if (changes.nextSyncAt !== undefined) this.scheduleAt(update, tenantId, sourceId, changes.nextSyncAt);
    if (changes.deletion !== undefined) update.set('deletion', changes.deletion);
    update.set('updatedAt', now);
    try {
      const result = await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: tableKeys.source(tenantId, sourceId),
          ...update.build('attribute_exists(pk)'),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return fromItem(result.Attributes as SourceItem);
    } catch (error) {
      if (isConditionFailure(error)) throw new NotFoundError('source not found', { cause: error, context: { sourceId } });
      throw error;
    }
  }

  async delete(tenantId: string, sourceId: string): Promise<void> {
    try {
      await this.table.doc.send(
        new DeleteCommand({ TableName: this.table.tableName, Key: tableKeys.source(tenantId, sourceId), ConditionExpression: 'attribute_exists(pk)' }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new NotFoundError('source not found', { cause: error, context: { sourceId } });
      throw error;
    }
  }

  async findDue(now: string, limit: number): Promise<DueSource[]> {
    const perShard = await Promise.all(Array.from({ length: DUE_SHARDS }, (_, shard) => this.findDueInShard(shard, now, limit)));
    return perShard
      .flat()
      .sort((a, b) => a.nextSyncAt.localeCompare(b.nextSyncAt))
      .slice(0, limit);
  }

  async claim(tenantId: string, sourceId: string, claim: SourceClaim, expectedNextSyncAt?: string): Promise<boolean> {
    const update = new UpdateBuilder();
    update.set('status', 'syncing');
    update.set('statusMessage', null);
    update.set('statusMessageCode', null);
    update.set('claimRunId', claim.runId);
    update.set('claimedAt', claim.claimedAt);
    update.set('claimLeaseUntil', claim.leaseUntil);
    const claimed = claimKeys(tenantId, sourceId, claim.claimedAt);
    update.set('gsi2pk', claimed.gsi2pk).set('gsi2sk', claimed.gsi2sk);
    update.set('updatedAt', claim.claimedAt);
    // Due again when the lease lapses, so a run that died is retried by the dispatcher.
    this.scheduleAt(update, tenantId, sourceId, claim.leaseUntil);
    const conditions = [
      'attribute_exists(pk)',
      `${update.name('status')} <> ${update.value('paused')}`,
      `${update.name('status')} <> ${update.value('needs_reauth')}`,
      `${update.name('status')} <> ${update.value('deleting')}`,
      `(attribute_not_exists(${update.name('claimLeaseUntil')}) OR ${update.name('claimLeaseUntil')} <= ${update.value(claim.claimedAt)})`,
    ];
    if (expectedNextSyncAt !== undefined) conditions.push(`${update.name('nextSyncAt')} = ${update.value(expectedNextSyncAt)}`);
    return this.conditionalUpdate(tenantId, sourceId, update, conditions.join(' AND '));
  }

  async unschedule(tenantId: string, sourceId: string, expectedNextSyncAt: string): Promise<boolean> {
    const update = new UpdateBuilder();
    this.scheduleAt(update, tenantId, sourceId, null);
    return this.conditionalUpdate(tenantId, sourceId, update, `${update.name('nextSyncAt')} = ${update.value(expectedNextSyncAt)}`);
  }

  async findClaimed(claimedBefore: string, limit: number): Promise<ClaimedSourceRef[]> {
    const perShard = await Promise.all(
      Array.from({ length: DUE_SHARDS }, async (_, shard) => {
        const page = await this.table.doc.send(
          new QueryCommand({
            TableName: this.table.tableName,
            IndexName: claimsIndex.name,
            KeyConditionExpression: 'gsi2pk = :shard AND gsi2sk < :bound',
            ExpressionAttributeValues: { ':shard': claimsIndex.partition(shard), ':bound': claimsIndex.before(claimedBefore) },
            ProjectionExpression: 'tenantId, sourceId, claimRunId, claimedAt',
            Limit: limit,
          }),
        );
        return (page.Items ?? []).flatMap((item) =>
          typeof item['claimRunId'] === 'string' && typeof item['claimedAt'] === 'string'
            ? [{ tenantId: String(item['tenantId']), sourceId: String(item['sourceId']), runId: item['claimRunId'], claimedAt: item['claimedAt'] }]
            : [],
        );
      }),
    );
    return perShard
      .flat()
      .sort((a, b) => a.claimedAt.localeCompare(b.claimedAt))
      .slice(0, limit);
  }

  async recordRunStarted(tenantId: string, sourceId: string, runId: string): Promise<void> {
    const update = new UpdateBuilder().set('lastRunId', runId);
    // A run whose claim already lapsed to a newer one must not hide that one.
    await this.conditionalUpdate(tenantId, sourceId, update, `${update.name('claimRunId')} = ${update.value(runId)}`);
  }

  async release(tenantId: string, sourceId: string, runId: string, release: RunRelease): Promise<boolean> {
    const full = new UpdateBuilder();
    full.set('status', release.status);
    full.set('statusMessage', release.statusMessage);
    full.set('statusMessageCode', release.statusMessageCode ?? null);
    full.set('lastSyncAt', release.lastSyncAt);
    full.set('updatedAt', release.lastSyncAt);
    this.scheduleAt(full, tenantId, sourceId, release.nextSyncAt);
    for (const attribute of CLAIM_ATTRIBUTES) full.remove(attribute);
    if (release.addTotals !== undefined) full.add('filesTotal', release.addTotals.files).add('bytesTotal', release.addTotals.bytes);
    const held = `${full.name('claimRunId')} = ${full.value(runId)}`;
    const settled = `${full.name('status')} <> ${full.value('paused')} AND ${full.name('status')} <> ${full.value('deleting')}`;
    if (await this.conditionalUpdate(tenantId, sourceId, full, `${held} AND ${settled}`)) return true;

    // Deleted while the run went on: stay deleting, due at once, so the dispatcher finishes the deletion.
    const deleting = new UpdateBuilder();
    deleting.set('lastSyncAt', release.lastSyncAt);
    for (const attribute of CLAIM_ATTRIBUTES) deleting.remove(attribute);
    this.scheduleAt(deleting, tenantId, sourceId, release.lastSyncAt);
    const stillDeleting = `${deleting.name('claimRunId')} = ${deleting.value(runId)} AND ${deleting.name('status')} = ${deleting.value('deleting')}`;
    if (await this.conditionalUpdate(tenantId, sourceId, deleting, stillDeleting)) return true;

    // Paused while the run went on: keep it paused and unscheduled, just end the claim.
    const claimOnly = new UpdateBuilder();
    claimOnly.set('lastSyncAt', release.lastSyncAt);
    for (const attribute of CLAIM_ATTRIBUTES) claimOnly.remove(attribute);
    if (release.addTotals !== undefined) claimOnly.add('filesTotal', release.addTotals.files).add('bytesTotal', release.addTotals.bytes);
    return this.conditionalUpdate(tenantId, sourceId, claimOnly, `${claimOnly.name('claimRunId')} = ${claimOnly.value(runId)}`);
  }

  async recordAgentRun(tenantId: string, sourceId: string, record: AgentRunRecord): Promise<boolean> {
    const asLast = this.agentRunUpdate(record).set('lastRunId', record.runId);
    const alive = `attribute_exists(pk) AND ${asLast.name('status')} <> ${asLast.value('deleting')}`;
    // Time-ordered ids: a run whose id sorts before the last one's started before it, and must not hide it.
    const newer = `(attribute_not_exists(${asLast.name('lastRunId')}) OR attribute_type(${asLast.name('lastRunId')}, ${asLast.value('NULL')}) OR ${asLast.name('lastRunId')} <= ${asLast.value(record.runId)})`;
    if (await this.conditionalUpdate(tenantId, sourceId, asLast, `${alive} AND ${newer}`)) return true;
    const totalsOnly = this.agentRunUpdate(record);
    return this.conditionalUpdate(tenantId, sourceId, totalsOnly, `attribute_exists(pk) AND ${totalsOnly.name('status')} <> ${totalsOnly.value('deleting')}`);
  }

  /** What every agent delivery writes on its source: lastSyncAt and the totals it adds. */
  private agentRunUpdate(record: AgentRunRecord): UpdateBuilder {
    const update = new UpdateBuilder();
    update.set('lastSyncAt', record.at);
    update.set('updatedAt', record.at);
    update.add('filesTotal', record.addTotals.files).add('bytesTotal', record.addTotals.bytes);
    return update;
  }

  private scheduleAt(update: UpdateBuilder, tenantId: string, sourceId: string, nextSyncAt: string | null): void {
    if (nextSyncAt === null) {
      for (const attribute of ['nextSyncAt', 'gsi1pk', 'gsi1sk']) update.remove(attribute);
      return;
    }
    const keys = dueKeys(tenantId, sourceId, nextSyncAt);
    update.set('nextSyncAt', nextSyncAt);
    update.set('gsi1pk', keys.gsi1pk);
    update.set('gsi1sk', keys.gsi1sk);
  }

  private async conditionalUpdate(tenantId: string, sourceId: string, update: UpdateBuilder, condition: string): Promise<boolean> {
    try {
      await this.table.doc.send(
        new UpdateCommand({ TableName: this.table.tableName, Key: tableKeys.source(tenantId, sourceId), ...update.build(condition) }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  private async findDueInShard(shard: number, now: string, limit: number): Promise<DueSource[]> {
    const found: DueSource[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.tableName,
          IndexName: dueIndex.name,
          KeyConditionExpression: 'gsi1pk = :shard AND gsi1sk <= :bound',
          ExpressionAttributeValues: { ':shard': dueIndex.partition(shard), ':bound': dueIndex.upperBound(now) },
          ProjectionExpression: 'tenantId, sourceId, nextSyncAt, #type, #status',
          ExpressionAttributeNames: { '#type': 'type', '#status': 'status' },
          Limit: limit - found.length,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        found.push({
          tenantId: String(item['tenantId']),
          sourceId: String(item['sourceId']),
          nextSyncAt: String(item['nextSyncAt']),
          type: item['type'] as Source['type'],
          ...(typeof item['status'] === 'string' ? { status: item['status'] as Source['status'] } : {}),
        });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined && found.length < limit);
    return found;
  }
}
