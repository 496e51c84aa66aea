import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalLogin, Tenant, User } from '../../core/accounts/account';
import { ConflictError, NotFoundError } from '../../core/errors';
import { tableKeys } from '../../core/keys/tableKeys';
import type { AccountRepository } from '../../core/ports/accountRepository';
import { isConditionFailure, type TableContext } from './tableContext';
import { UpdateBuilder } from './updateBuilder';

function strip<T>(item: Record<string, unknown> | undefined): T | null {
  if (item === undefined) return null;
  const { pk: _pk, sk: _sk, entity: _entity, ...rest } = item;
  return rest as T;
}

export class DynamoAccountRepository implements AccountRepository {
  constructor(private readonly table: TableContext) {}

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

  getUser(tenantId: string, userId: string): Promise<User | null> {
    return this.getItem<User>(tableKeys.user(tenantId, userId));
  }

  private async getItem<T>(key: { pk: string; sk: string }): Promise<T | null> {
    const result = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: key, ConsistentRead: true }));
    return strip<T>(result.Item);
  }
}
