import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '../../core/errors';
import { shareHoldIndex, tableKeys } from '../../core/keys/tableKeys';
import type { ShareHolds } from '../../core/ports/shareHolds';
import type { ShareLinkRepository } from '../../core/ports/shareLinkRepository';
import type { ShareLink } from '../../core/shares/shareLink';
import { queryAllByPrefix } from './queryAllByPrefix';
import { isConditionFailure, type TableContext } from './tableContext';

/** An expired link's token keeps answering "expired" this long, then the table's TTL removes it ("does not exist"). */
const TOKEN_GRACE_SECONDS = 30 * 86_400;

function toLink(item: Record<string, unknown> | undefined): ShareLink | null {
  if (item === undefined) return null;
  const { pk: _pk, sk: _sk, entity: _entity, gsi2pk: _gsi2pk, gsi2sk: _gsi2sk, ...rest } = item;
  return rest as unknown as ShareLink;
}

/**
 * A link is an item of its tenant's partition (listed per event); its token's
 * hash has an item of its own that only says which tenant's link it is, so the
 * link's state (revoked, expiry) lives in one place.
 */
export class DynamoShareLinkRepository implements ShareLinkRepository, ShareHolds {
  constructor(private readonly table: TableContext) {}

  async create(link: ShareLink): Promise<void> {
    try {
      // The link first: a token never points at a link that is not there.
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...tableKeys.shareLink(link.tenantId, link.eventId, link.id),
            entity: 'shareLink',
            ...link,
            // A keeping link is listed by its expiry until its hold is released.
            ...(link.keep === true ? { gsi2pk: shareHoldIndex.partition, gsi2sk: shareHoldIndex.sortKey(link.expiresAt, link.tenantId, link.eventId, link.id) } : {}),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...tableKeys.shareToken(link.tokenHash),
            entity: 'shareToken',
            tenantId: link.tenantId,
            eventId: link.eventId,
            shareId: link.id,
            expiresAt: Math.ceil(Date.parse(link.expiresAt) / 1000) + TOKEN_GRACE_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError('share link id or token already used', { cause: error });
      throw error;
    }
  }

  async get(tenantId: string, eventId: string, shareId: string): Promise<ShareLink | null> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: tableKeys.shareLink(tenantId, eventId, shareId), ConsistentRead: true }),
    );
    return toLink(result.Item);
  }

  async listForEvent(tenantId: string, eventId: string): Promise<readonly ShareLink[]> {
    const { pk, skPrefix } = tableKeys.sharesOfEvent(tenantId, eventId);
    return (await queryAllByPrefix(this.table, pk, skPrefix)).map((item) => toLink(item) as ShareLink);
  }

  async listForTenant(tenantId: string): Promise<readonly ShareLink[]> {
    const { pk, skPrefix } = tableKeys.sharesOfTenant(tenantId);
    return (await queryAllByPrefix(this.table, pk, skPrefix)).map((item) => toLink(item) as ShareLink);
  }

  async deleteToken(tokenHash: string): Promise<void> {
    await this.table.doc.send(new DeleteCommand({ TableName: this.table.tableName, Key: tableKeys.shareToken(tokenHash) }));
  }

  async findByTokenHash(tokenHash: string): Promise<ShareLink | null> {
    const token = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: tableKeys.shareToken(tokenHash), ConsistentRead: true }));
    const item = token.Item;
    if (item === undefined) return null;
    const link = await this.get(String(item['tenantId']), String(item['eventId']), String(item['shareId']));
    // The token item holds no state of its own; a link must still carry the same hash.
    return link !== null && link.tokenHash === tokenHash ? link : null;
  }

  async revoke(tenantId: string, eventId: string, shareId: string, at: string): Promise<ShareLink> {
    try {
      const result = await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: tableKeys.shareLink(tenantId, eventId, shareId),
          UpdateExpression: 'SET revokedAt = :at',
          // Revoking twice keeps the first time.
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(revokedAt) OR revokedAt = :none)',
          ExpressionAttributeValues: { ':at': at, ':none': null },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toLink(result.Attributes) as ShareLink;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const current = await this.get(tenantId, eventId, shareId);
      if (current === null) throw new NotFoundError('no such share link', { cause: error });
      return current;
    }
  }

  async expiredHolds(before: string, limit: number): Promise<readonly ShareLink[]> {
    const { Items } = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        IndexName: shareHoldIndex.name,
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :before',
        ExpressionAttributeValues: { ':pk': shareHoldIndex.partition, ':before': shareHoldIndex.before(before) },
        Limit: limit,
      }),
    );
    return (Items ?? []).map((item) => toLink(item) as ShareLink);
  }

  async clearHold(link: ShareLink): Promise<void> {
    await this.table.doc.send(
      new UpdateCommand({ TableName: this.table.tableName, Key: tableKeys.shareLink(link.tenantId, link.eventId, link.id), UpdateExpression: 'REMOVE gsi2pk, gsi2sk' }),
    );
  }
}
