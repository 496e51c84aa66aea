import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { tableKeys } from '../../core/keys/tableKeys';
import type { ObjectKeyClaims } from '../../core/ports/objectKeyClaims';
import { isConditionFailure, type TableContext } from './tableContext';

/** One item per S3 key of a source, naming the file that owns it (conditional put). */
export class DynamoObjectKeyClaims implements ObjectKeyClaims {
  constructor(private readonly table: TableContext) {}

  async claim(tenantId: string, sourceId: string, key: string, providerFileId: string): Promise<boolean> {
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: { ...tableKeys.objectKeyClaim(tenantId, sourceId, key), entity: 'objectKey', providerFileId },
          ConditionExpression: 'attribute_not_exists(pk) OR providerFileId = :file',
          ExpressionAttributeValues: { ':file': providerFileId },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async release(tenantId: string, sourceId: string, key: string, providerFileId: string): Promise<void> {
    try {
      await this.table.doc.send(
        new DeleteCommand({
          TableName: this.table.tableName,
          Key: tableKeys.objectKeyClaim(tenantId, sourceId, key),
          ConditionExpression: 'providerFileId = :file',
          ExpressionAttributeValues: { ':file': providerFileId },
        }),
      );
    } catch (error) {
      // Gone already, or another file's: either way not this file's to give back.
      if (!isConditionFailure(error)) throw error;
    }
  }
}
