import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one table VTrack uses: `pk`/`sk` strings, on-demand billing, and two
 * global secondary indexes projecting everything — `gsi1` (due sources, by
 * `gsi1pk`/`gsi1sk`) and `gsi2` (files by status, by `gsi2pk`/`gsi2sk`).
 */
export function tableShape(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'].map((name) => ({
      AttributeName: name,
      AttributeType: 'S',
    })),
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: ['gsi1', 'gsi2'].map((index) => ({
      IndexName: index,
      KeySchema: [
        { AttributeName: `${index}pk`, KeyType: 'HASH' },
        { AttributeName: `${index}sk`, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}
