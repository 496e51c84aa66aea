import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Invite } from '../../core/accounts/account';
import { tableKeys } from '../../core/keys/tableKeys';
import { queryAllByPrefix } from './queryAllByPrefix';
import type { TableContext } from './tableContext';

function toInvite(item: Record<string, unknown>): Invite {
  const { pk: _pk, sk: _sk, entity: _entity, ...rest } = item;
  return rest as unknown as Invite;
}

/**
 * An expired invite stays (the Team page shows it as expired) until it is
 * withdrawn or replaced; its `expiresAt` is an ISO time, not the table's TTL.
 *
 * The invite items of the account repository: the invite in its tenant's
 * partition and, in local mode, a token item found by the link's token hash.
 */
export class DynamoInviteItems {
  constructor(private readonly table: TableContext) {}

  async put(invite: Invite): Promise<void> {
    const previous = await this.get(invite.tenantId, invite.email);
    if (invite.tokenHash !== undefined) {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: { ...tableKeys.inviteToken(invite.tokenHash), entity: 'inviteToken', tenantId: invite.tenantId, email: invite.email },
        }),
      );
    }
    await this.table.doc.send(new PutCommand({ TableName: this.table.tableName, Item: { ...tableKeys.invite(invite.tenantId, invite.email), entity: 'invite', ...invite } }));
    // Inviting again replaces the invite: the old link stops working.
    if (previous?.tokenHash !== undefined && previous.tokenHash !== invite.tokenHash) await this.deleteToken(previous.tokenHash);
  }

  async get(tenantId: string, email: string): Promise<Invite | null> {
    const result = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: tableKeys.invite(tenantId, email), ConsistentRead: true }));
    return result.Item === undefined ? null : toInvite(result.Item);
  }

  async list(tenantId: string): Promise<Invite[]> {
    const { pk, skPrefix } = tableKeys.invitesOfTenant(tenantId);
    return (await queryAllByPrefix(this.table, pk, skPrefix)).map(toInvite);
  }

  async findByToken(tokenHash: string): Promise<Invite | null> {
    const result = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: tableKeys.inviteToken(tokenHash), ConsistentRead: true }));
    const item = result.Item;
    if (item === undefined || typeof item['tenantId'] !== 'string' || typeof item['email'] !== 'string') return null;
    const invite = await this.get(item['tenantId'], item['email']);
    // A replaced invite's token finds the new invite, which has another hash: it is not this link's.
    return invite?.tokenHash === tokenHash ? invite : null;
  }

  async delete(invite: Pick<Invite, 'tenantId' | 'email' | 'tokenHash'>): Promise<void> {
    await this.table.doc.send(new DeleteCommand({ TableName: this.table.tableName, Key: tableKeys.invite(invite.tenantId, invite.email) }));
    if (invite.tokenHash !== undefined) await this.deleteToken(invite.tokenHash);
  }

  private async deleteToken(tokenHash: string): Promise<void> {
    await this.table.doc.send(new DeleteCommand({ TableName: this.table.tableName, Key: tableKeys.inviteToken(tokenHash) }));
  }
}
