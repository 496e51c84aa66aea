import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Agent, AgentHeartbeat, CleanupSummary, EnrolmentCode } from '../../core/agents/agent';
import type { FolderListing } from '../../core/agents/folderListing';
import { NotFoundError } from '../../core/errors';
import { tableKeys } from '../../core/keys/tableKeys';
import type { AgentRepository } from '../../core/ports/agentRepository';
import { queryAllByPrefix } from './queryAllByPrefix';
import { isConditionFailure, type TableContext } from './tableContext';
import { UpdateBuilder } from './updateBuilder';

const epochSeconds = (iso: string): number => Math.ceil(Date.parse(iso) / 1000);

function toAgent(item: Record<string, unknown> | undefined): Agent | null {
  if (item === undefined) return null;
  const { pk: _pk, sk: _sk, entity: _entity, liveCodeHash: _liveCodeHash, ...rest } = item;
  return rest as unknown as Agent;
}

/** Agents are items of the tenant's partition; enrolment codes have their own, found by hash, and expire by TTL too. */
export class DynamoAgentRepository implements AgentRepository {
  constructor(private readonly table: TableContext) {}

  async get(tenantId: string, agentId: string): Promise<Agent | null> {
    const result = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: tableKeys.agent(tenantId, agentId), ConsistentRead: true }));
    return toAgent(result.Item);
  }

  async list(tenantId: string): Promise<readonly Agent[]> {
    const { pk, skPrefix } = tableKeys.agentsOfTenant(tenantId);
    return (await queryAllByPrefix(this.table, pk, skPrefix)).map((item) => toAgent(item) as Agent);
  }

  async putWithCode(agent: Agent, code: EnrolmentCode): Promise<void> {
    // A new agent first, so a code never points at an agent that is not there; enrolling again stores only a code.
    // A pending agent asking for a new code (its first one ran out) is already there: it is kept as it is.
    if (agent.enrolledAt === null && agent.status === 'pending') {
      try {
        await this.table.doc.send(
          new PutCommand({ TableName: this.table.tableName, Item: { ...tableKeys.agent(agent.tenantId, agent.id), entity: 'agent', ...agent }, ConditionExpression: 'attribute_not_exists(pk)' }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.tableName,
        // expiresAt is the table's TTL attribute (epoch seconds): DynamoDB removes unused codes by itself.
        Item: { ...tableKeys.enrolmentCode(code.codeHash), entity: 'enrolmentCode', codeHash: code.codeHash, tenantId: code.tenantId, agentId: code.agentId, expiresAtIso: code.expiresAt, expiresAt: epochSeconds(code.expiresAt) },
      }),
    );
    await this.retireEarlierCode(agent, code.codeHash);
  }

  /**
   * One live code per agent: a new code makes the one before it useless at once,
   * so a code left on a screen, in a chat or a photo stops working when "New
   * code" is pressed. The agent item remembers its live code's hash to find it.
   */
  private async retireEarlierCode(agent: Agent, codeHash: string): Promise<void> {
    let result;
    try {
      result = await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: tableKeys.agent(agent.tenantId, agent.id),
          UpdateExpression: 'SET liveCodeHash = :hash',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':hash': codeHash },
          ReturnValues: 'UPDATED_OLD',
        }),
      );
    } catch (error) {
      // The agent was deleted meanwhile: enrolling refuses its codes anyway.
      if (isConditionFailure(error)) return;
      throw error;
    }
    const earlier = result.Attributes?.['liveCodeHash'];
    if (typeof earlier === 'string' && earlier !== codeHash) {
      await this.table.doc.send(new DeleteCommand({ TableName: this.table.tableName, Key: tableKeys.enrolmentCode(earlier) }));
    }
  }

  async takeCode(codeHash: string, now: string): Promise<EnrolmentCode | null> {
    try {
      const result = await this.table.doc.send(
        new DeleteCommand({
          TableName: this.table.tableName,
          Key: tableKeys.enrolmentCode(codeHash),
          // The exact instant the web app stated, not the TTL attribute: that is rounded up to a whole
          // second for DynamoDB, which kept a code usable for up to a second after it had expired.
          // Both sides are toISOString() text (fixed width, UTC), so text order is time order.
          ConditionExpression: 'attribute_exists(pk) AND expiresAtIso > :now',
          ExpressionAttributeValues: { ':now': new Date(now).toISOString() },
          ReturnValues: 'ALL_OLD',
        }),
      );
      const item = result.Attributes;
      if (item === undefined) return null;
      return { codeHash: String(item['codeHash']), tenantId: String(item['tenantId']), agentId: String(item['agentId']), expiresAt: String(item['expiresAtIso']) };
    } catch (error) {
      if (isConditionFailure(error)) return null;
      throw error;
    }
  }

  async activate(tenantId: string, agentId: string, credentialHash: string, now: string): Promise<Agent> {
    const update = new UpdateBuilder().set('credentialHash', credentialHash).set('status', 'active').set('enrolledAt', now);
    return this.update(tenantId, agentId, update, 'attribute_exists(pk) AND #status <> :revoked', { ':revoked': 'revoked' }, { '#status': 'status' });
  }

  async rename(tenantId: string, agentId: string, name: string): Promise<Agent> {
    return this.update(tenantId, agentId, new UpdateBuilder().set('name', name), 'attribute_exists(pk)');
  }

  async revoke(tenantId: string, agentId: string, now: string): Promise<Agent> {
    const update = new UpdateBuilder().set('status', 'revoked').set('revokedAt', now).remove('credentialHash');
    return this.update(tenantId, agentId, update, 'attribute_exists(pk)');
  }

  async recordHeartbeat(
    tenantId: string,
    agentId: string,
    heartbeat: AgentHeartbeat,
    now: string,
    extras: { readonly lastCleanup?: CleanupSummary | null; readonly listingAnswer?: (FolderListing & { readonly at: string }) | null } = {},
  ): Promise<void> {
    const { listing: _listing, ...reported } = heartbeat;
    const update = new UpdateBuilder().set('heartbeat', { ...reported, at: now }).set('lastSeenAt', now);
    if (extras.lastCleanup != null) update.set('lastCleanup', extras.lastCleanup);
    if (extras.listingAnswer != null) update.set('listingAnswer', extras.listingAnswer);
    await this.update(tenantId, agentId, update, 'attribute_exists(pk)');
  }

  async requestListing(tenantId: string, agentId: string, request: { path: string; requestedAt: string }): Promise<void> {
    await this.update(tenantId, agentId, new UpdateBuilder().set('listingRequest', request), 'attribute_exists(pk)');
  }

  async saveConfigRevision(tenantId: string, agentId: string, previousHash: string | null, next: { hash: string; revision: number }): Promise<boolean> {
    const update = new UpdateBuilder().set('config', next);
    const condition = previousHash === null ? 'attribute_exists(pk) AND attribute_not_exists(#config.#hash)' : 'attribute_exists(pk) AND #config.#hash = :previous';
    try {
      await this.update(tenantId, agentId, update, condition, previousHash === null ? {} : { ':previous': previousHash }, { '#hash': 'hash' });
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  }

  private async update(
    tenantId: string,
    agentId: string,
    update: UpdateBuilder,
    condition: string,
    values: Record<string, unknown> = {},
    names: Record<string, string> = {},
  ): Promise<Agent> {
    const built = update.build(condition);
    try {
      const result = await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: tableKeys.agent(tenantId, agentId),
          ...built,
          ExpressionAttributeNames: { ...built.ExpressionAttributeNames, ...names },
          ExpressionAttributeValues: { ...built.ExpressionAttributeValues, ...values },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toAgent(result.Attributes) as Agent;
    } catch (error) {
      if (isConditionFailure(error)) throw new NotFoundError('agent not found', { cause: error });
      throw error;
    }
  }
}
