import { PutCommand } from '@aws-sdk/lib-dynamodb';
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
}
