import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Invite, LocalLogin, Tenant, User } from '../../core/accounts/account';
import { roleOfStored, type Role } from '../../core/accounts/role';
import { ConflictError, NotFoundError } from '../../core/errors';
import { tableKeys } from '../../core/keys/tableKeys';
import type { AccountRepository } from '../../core/ports/accountRepository';
import { DynamoInviteItems } from './dynamoInviteItems';
import { queryAllByPrefix } from './queryAllByPrefix';
import { isConditionFailure, type TableContext } from './tableContext';
import { UpdateBuilder } from './updateBuilder';

function strip<T>(item: Record<string, unknown> | undefined): T | null {
  if (item === undefined) return null;
  const { pk: _pk, sk: _sk, entity: _entity, ...rest } = item;
  return rest as T;
}

/** A stored user row as a User; rows written before roles were enforced read as the role they grant. */
function toUser(item: Record<string, unknown> | undefined): User | null {
  const user = strip<User>(item);
  return user === null ? null : { ...user, role: roleOfStored(user.role) };
}

export class DynamoAccountRepository implements AccountRepository {
  private readonly invites: DynamoInviteItems;

  constructor(private readonly table: TableContext) {
    this.invites = new DynamoInviteItems(table);
  }

  async createLocalLogin(login: LocalLogin): Promise<void> {
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: { ...tableKeys.localLogin(login.email), entity: 'localLogin', ...login },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError('email already registered', { cause: error });
      throw error;
    }
  }

  async findLocalLogin(email: string): Promise<LocalLogin | null> {
    return this.getItem<LocalLogin>(tableKeys.localLogin(email));
  }

  async putTenant(tenant: Tenant): Promise<void> {
    await this.table.doc.send(new PutCommand({ TableName: this.table.tableName, Item: { ...tableKeys.tenant(tenant.id), entity: 'tenant', ...tenant } }));
  }

  async putUser(user: User): Promise<void> {
    await this.table.doc.send(
      new PutCommand({ TableName: this.table.tableName, Item: { ...tableKeys.user(user.tenantId, user.id), entity: 'user', ...user } }),
    );
  }

  async updateTenant(tenantId: string, changes: { name?: string; timeZone?: string | null }): Promise<Tenant> {
    const update = new UpdateBuilder();
    if (changes.name !== undefined) update.set('name', changes.name);
    if (changes.timeZone !== undefined) update.set('timeZone', changes.timeZone);
    try {
      const result = await this.table.doc.send(
        new UpdateCommand({ TableName: this.table.tableName, Key: tableKeys.tenant(tenantId), ...update.build('attribute_exists(pk)'), ReturnValues: 'ALL_NEW' }),
      );
      return strip<Tenant>(result.Attributes) as Tenant;
    } catch (error) {
      if (isConditionFailure(error)) throw new NotFoundError('tenant not found', { cause: error });
      throw error;
    }
  }

  getTenant(tenantId: string): Promise<Tenant | null> {
    return this.getItem<Tenant>(tableKeys.tenant(tenantId));
  }

  async getUser(tenantId: string, userId: string): Promise<User | null> {
    const result = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: tableKeys.user(tenantId, userId), ConsistentRead: true }));
    return toUser(result.Item);
  }

  async listUsers(tenantId: string): Promise<User[]> {
    const { pk, skPrefix } = tableKeys.usersOfTenant(tenantId);
    const users = (await queryAllByPrefix(this.table, pk, skPrefix)).map((item) => toUser(item) as User);
    return users.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async setUserRole(tenantId: string, userId: string, role: Role): Promise<User> {
    try {
      const result = await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: tableKeys.user(tenantId, userId),
          UpdateExpression: 'SET #role = :role',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#role': 'role' },
          ExpressionAttributeValues: { ':role': role },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toUser(result.Attributes) as User;
    } catch (error) {
      if (isConditionFailure(error)) throw new NotFoundError('member not found', { cause: error });
      throw error;
    }
  }

  async deleteUser(tenantId: string, userId: string): Promise<void> {
    await this.table.doc.send(new DeleteCommand({ TableName: this.table.tableName, Key: tableKeys.user(tenantId, userId) }));
  }

  async deleteTenant(tenantId: string): Promise<void> {
    await this.table.doc.send(new DeleteCommand({ TableName: this.table.tableName, Key: tableKeys.tenant(tenantId) }));
  }

  async deleteLocalLogin(email: string): Promise<void> {
    await this.table.doc.send(new DeleteCommand({ TableName: this.table.tableName, Key: tableKeys.localLogin(email) }));
  }

  putInvite(invite: Invite): Promise<void> {
    return this.invites.put(invite);
  }

  getInvite(tenantId: string, email: string): Promise<Invite | null> {
    return this.invites.get(tenantId, email);
  }

  listInvites(tenantId: string): Promise<Invite[]> {
    return this.invites.list(tenantId);
  }

  findInviteByToken(tokenHash: string): Promise<Invite | null> {
    return this.invites.findByToken(tokenHash);
  }

  deleteInvite(invite: Pick<Invite, 'tenantId' | 'email' | 'tokenHash'>): Promise<void> {
    return this.invites.delete(invite);
  }

  private async getItem<T>(key: { pk: string; sk: string }): Promise<T | null> {
    const result = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: key, ConsistentRead: true }));
    return strip<T>(result.Item);
  }
}
