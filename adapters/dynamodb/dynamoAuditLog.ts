import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../core/audit/auditEntry';
import { tableKeys } from '../../core/keys/tableKeys';
import type { AuditLog, AuditPage } from '../../core/ports/auditLog';
import type { TableContext } from './tableContext';

/** A tenant's audit trail: one partition per tenant (`T#<tenant>#AUDIT`), sorted by time then id. */
export class DynamoAuditLog implements AuditLog {
  constructor(private readonly table: TableContext) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: { ...tableKeys.auditEntry(entry.tenantId, entry.at, entry.id), entity: 'audit', ...entry },
        // An entry is written once and never replaced.
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async list(tenantId: string, options: { readonly limit: number; readonly before?: string }): Promise<AuditPage> {
    const { pk } = tableKeys.auditOfTenant(tenantId);
    const result = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        KeyConditionExpression: options.before === undefined ? 'pk = :pk' : 'pk = :pk AND sk < :before',
        ExpressionAttributeValues: { ':pk': pk, ...(options.before === undefined ? {} : { ':before': options.before }) },
        ScanIndexForward: false,
        // One more than asked tells whether an older page exists.
        Limit: options.limit + 1,
      }),
    );
    const items = result.Items ?? [];
    const page = items.slice(0, options.limit);
    const entries = page.map((item) => {
      const { pk: _pk, sk: _sk, entity: _entity, ...entry } = item;
      return entry as unknown as AuditEntry;
    });
    const last = page.at(-1);
    return { entries, next: items.length > options.limit && last !== undefined ? String(last['sk']) : null };
  }
}
