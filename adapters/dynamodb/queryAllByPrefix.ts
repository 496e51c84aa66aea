import { queryAllPages } from './queryAllPages';
import type { TableContext } from './tableContext';

/** Every item of one partition whose sort key starts with `prefix`, following DynamoDB's pages. */
export async function queryAllByPrefix(table: TableContext, pk: string, prefix: string): Promise<Record<string, unknown>[]> {
  return queryAllPages(table, { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix } });
}
