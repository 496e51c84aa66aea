import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { StorageNeed } from './Need';

export interface StorageForNeeds {
  readonly table: dynamodb.ITable;
  /** Indexes are named one by one: read on "the table and its indexes", nothing else. */
  readonly tableIndexNames: readonly string[];
  readonly footageBucket: s3.IBucket;
  readonly appKey: kms.IKey;
}

/**
 * The IAM statements one need stands for, each scoped to the one resource it
 * names. Actions are listed one by one (no `dynamodb:*`, no `s3:Get*`) so a
 * reviewer sees exactly what a function may do.
 */
export function storageNeedStatements(need: StorageNeed, storage: StorageForNeeds): iam.PolicyStatement[] {
  const { table, footageBucket, appKey } = storage;
  // The table is encrypted with the app key; DynamoDB uses the key on the
  // caller's behalf, so the caller may use it only through DynamoDB.
  const viaDynamoDb = { StringEquals: { 'kms:ViaService': `dynamodb.${Aws.REGION}.amazonaws.com` } };
  // Footage is SSE-KMS with the app key: S3 uses it for the caller, and only through S3.
  const viaS3 = { StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` } };

  switch (need) {
    case 'table:read':
      return [
        new iam.PolicyStatement({
          sid: 'TableRead',
          actions: [
            'dynamodb:GetItem',
            'dynamodb:BatchGetItem',
            'dynamodb:Query',
            'dynamodb:Scan',
            'dynamodb:ConditionCheckItem',
            'dynamodb:DescribeTable',
          ],
          resources: [table.tableArn, ...storage.tableIndexNames.map((index) => `${table.tableArn}/index/${index}`)],
        }),
        new iam.PolicyStatement({
          sid: 'TableKeyRead',
          actions: ['kms:Decrypt', 'kms:DescribeKey'],
          resources: [appKey.keyArn],
          conditions: viaDynamoDb,
        }),
      ];
    case 'table:write':
      return [
        new iam.PolicyStatement({
          sid: 'TableWrite',
          actions: [
            'dynamodb:PutItem',
            'dynamodb:UpdateItem',
            'dynamodb:DeleteItem',
            'dynamodb:BatchWriteItem',
            'dynamodb:ConditionCheckItem',
            'dynamodb:DescribeTable',
          ],
          resources: [table.tableArn],
        }),
        new iam.PolicyStatement({
          sid: 'TableKeyWrite',
          actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
          resources: [appKey.keyArn],
          conditions: viaDynamoDb,
        }),
      ];
    case 'bucket:read':
      return [
        new iam.PolicyStatement({
          sid: 'FootageRead',
          actions: ['s3:GetObject', 's3:GetObjectAttributes'],
          resources: [footageBucket.arnForObjects('*')],
        }),
        new iam.PolicyStatement({
          sid: 'FootageList',
          actions: ['s3:ListBucket'],
          resources: [footageBucket.bucketArn],
        }),
        new iam.PolicyStatement({
          sid: 'FootageKeyRead',
          actions: ['kms:Decrypt'],
          resources: [appKey.keyArn],
          conditions: viaS3,
        }),
      ];
    case 'bucket:write':
      return [
        new iam.PolicyStatement({
          sid: 'FootageWrite',
          // PutObjectTagging: every stored object gets its retention class (the tag lifecycle rules match).
          actions: ['s3:PutObject', 's3:PutObjectTagging', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
          resources: [footageBucket.arnForObjects('*')],
        }),
        new iam.PolicyStatement({
          // Resuming an interrupted multipart upload starts by listing the open ones.
          sid: 'FootageListUploads',
          actions: ['s3:ListBucketMultipartUploads'],
          resources: [footageBucket.bucketArn],
        }),
        new iam.PolicyStatement({
          // Writing under SSE-KMS needs a data key; completing a multipart upload decrypts it.
          sid: 'FootageKeyWrite',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [appKey.keyArn],
          conditions: viaS3,
        }),
      ];
    case 'kms:google-connection':
    case 'kms:google-connection:open':
    case 'kms:pkce':
    case 'kms:camera-credentials':
    case 'kms:camera-credentials:open': {
      // Envelope encryption of secrets: a data key per secret (GenerateDataKey), decrypted to read
      // it (Decrypt). The key is usable only with an encryption context naming this purpose and a
      // tenant, so a function opens only the kinds of secret it is meant to.
      const [, purpose = '', mode] = need.split(':');
      return [
        new iam.PolicyStatement({
          sid: `AppKeyEnvelope${purpose.replace(/(^|-)(\w)/g, (_, _dash: string, letter: string) => letter.toUpperCase())}${mode === 'open' ? 'Open' : ''}`,
          actions: mode === 'open' ? ['kms:Decrypt'] : ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [appKey.keyArn],
          conditions: {
            StringEquals: { 'kms:EncryptionContext:purpose': purpose },
            Null: { 'kms:EncryptionContext:tenantId': 'false' },
          },
        }),
      ];
    }
  }
}
