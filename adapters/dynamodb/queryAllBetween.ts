import { queryAllPages } from './queryAllPages';
import type { TableContext } from './tableContext';

/** Every item of one partition whose sort key lies from `from` to `to` (both included), following DynamoDB's pages. */
export async function queryAllBetween(table: TableContext, pk: string, from: string, to: string): Promise<Record<string, unknown>[]> {
  return queryAllPages(table, { KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to', ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': to } });
}
