import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CameraAlertDismissal } from '../../core/cameraHealth/healthAlerts';
import { tableKeys } from '../../core/keys/tableKeys';
import type { CameraHealthChange, CameraHealthHistory, CameraHealthState } from '../../core/ports/cameraHealthHistory';
import { queryAllBetween } from './queryAllBetween';
import { queryAllByPrefix } from './queryAllByPrefix';
import type { TableContext } from './tableContext';

/** A dismissal is kept 90 days: an incident that lasts longer alerts again then. */
const DISMISSAL_KEPT_SECONDS = 90 * 86_400;

/**
 * Camera health states and their changes in the tenant's own partition
 * (`T#<tenant>#CAMHEALTH`): `STATE#<camera>` items, and `HIST#<at>#<camera>`
 * changes read by time. A state is written only over the version it was
 * judged from, and its change only after that write won, so two judgements at
 * once store one change (the stand-in has no transactions; a process dying
 * between the two writes loses that one row of history, never the state).
 * Dismissed alerts are `DISMISS#<camera>#<kind>` items, one per camera and
 * kind of problem, each holding the incident it hides.
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
        new PutCommand({ TableName: this.table.tableName, Item: { ...tableKeys.cameraHealthChange(tenantId, change.at, state.key, state.version), entity: 'cameraHealthChange', change } }),
      );
    }
    return true;
  }

  async changes(tenantId: string, fromIso: string): Promise<readonly CameraHealthChange[]> {
    const items = await queryAllBetween(this.table, tableKeys.cameraHealthOfTenant(tenantId).pk, `HIST#${fromIso}`, 'HIST#\uffff');
    return items.map((item) => item['change'] as CameraHealthChange);
  }

  async dismissals(tenantId: string): Promise<readonly CameraAlertDismissal[]> {
    const items = await queryAllByPrefix(this.table, tableKeys.cameraHealthOfTenant(tenantId).pk, 'DISMISS#');
    return items.map((item) => item['dismissal'] as CameraAlertDismissal);
  }

  async dismiss(tenantId: string, dismissal: CameraAlertDismissal): Promise<void> {
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.tableName,
        // expiresAt is the table's TTL attribute: a removed camera's dismissals go by themselves.
        Item: { ...tableKeys.cameraAlertDismissal(tenantId, dismissal.cameraKey, dismissal.kind), entity: 'cameraAlertDismissal', dismissal, expiresAt: Math.ceil(Date.parse(dismissal.at) / 1000) + DISMISSAL_KEPT_SECONDS },
      }),
    );
  }
}
