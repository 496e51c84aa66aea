import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableKeys } from '../../core/keys/tableKeys';
import type { CameraHealthChange, CameraHealthHistory, CameraHealthState } from '../../core/ports/cameraHealthHistory';
import { queryAllByPrefix } from './queryAllByPrefix';
import type { TableContext } from './tableContext';

/**
 * Camera health states and their changes in the tenant's own partition
 * (`T#<tenant>#CAMHEALTH`): `STATE#<camera>` items, and `HIST#<at>#<camera>`
 * changes read by time. A state is written only over the version it was
 * judged from, and its change only after that write won, so two judgements at
 * once store one change (the stand-in has no transactions; a process dying
 * between the two writes loses that one row of history, never the state).
 */
export class DynamoCameraHealthHistory implements CameraHealthHistory {
  constructor(private readonly table: TableContext) {}

  async states(tenantId: string): Promise<readonly CameraHealthState[]> {
    const items = await queryAllByPrefix(this.table, tableKeys.cameraHealthOfTenant(tenantId).pk, 'STATE#');
    return items.map((item) => item['state'] as CameraHealthState);
  }

  async save(tenantId: string, state: CameraHealthState, previousVersion: number, change: CameraHealthChange | null): Promise<boolean> {
    const put = {
      TableName: this.table.tableName,
      Item: { ...tableKeys.cameraHealthState(tenantId, state.key), entity: 'cameraHealthState', version: state.version, state },
      ConditionExpression: previousVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :previous',
      ...(previousVersion === 0 ? {} : { ExpressionAttributeValues: { ':previous': previousVersion } }),
    };
    try {
      await this.table.doc.send(new PutCommand(put));
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
    if (change !== null) {
      await this.table.doc.send(
        new PutCommand({ TableName: this.table.tableName, Item: { ...tableKeys.cameraHealthChange(tenantId, change.at, state.key), entity: 'cameraHealthChange', change } }),
      );
    }
    return true;
  }

  async changes(tenantId: string, fromIso: string): Promise<readonly CameraHealthChange[]> {
    const changes: CameraHealthChange[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': tableKeys.cameraHealthOfTenant(tenantId).pk, ':from': `HIST#${fromIso}`, ':to': 'HIST#\uffff' },
          ExclusiveStartKey: startKey,
        }),
      );
      changes.push(...(page.Items ?? []).map((item) => item['change'] as CameraHealthChange));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return changes;
  }
}
