import { EXPORT_TAGS } from '../../core/export/exportClips';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedVtrack, synthVtrack, type SynthesizedVtrack } from './synthVtrack';

describe('StorageStack', () => {
  let vtrack: SynthesizedVtrack;
  let storage: Template;

  beforeAll(() => {
    vtrack = sharedVtrack();
    storage = vtrack.templates.storage;
  });

  function logicalIdOf(construct: { node: { defaultChild?: unknown } }): string {
    return vtrack.stacks.storage.getLogicalId(construct.node.defaultChild as never);
  }

  it('keeps the single table with pk/sk, both GSIs and on-demand billing', () => {
    // Assess
    storage.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'gsi2',
          KeySchema: [
            { AttributeName: 'gsi2pk', KeyType: 'HASH' },
            { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });

  it('encrypts the table with the app KMS key and keeps point-in-time recovery on', () => {
    // Prepare
    const keyId = logicalIdOf(vtrack.stacks.storage.appKey);

    // Assess
    storage.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    });
    storage.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('retains the table and the key when the stack is deleted', () => {
    // Assess
    storage.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    storage.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
  });

  it('blocks public access to the footage bucket, encrypts it and logs access to the log bucket', () => {
    // Prepare
    const footageId = logicalIdOf(vtrack.stacks.storage.footageBucket);
    const logsId = logicalIdOf(vtrack.stacks.storage.accessLogBucket);

    // Act
    const footage = storage.toJSON().Resources[footageId];

    // Assess
    expect(footage.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      // SSE-KMS with the app key and a bucket key (issue 11): see the encryption test below.
      BucketEncryption: { ServerSideEncryptionConfiguration: [expect.objectContaining({ ServerSideEncryptionByDefault: expect.objectContaining({ SSEAlgorithm: 'aws:kms' }) as unknown, BucketKeyEnabled: true })] },
      LoggingConfiguration: { DestinationBucketName: { Ref: logsId }, LogFilePrefix: 'footage/' },
    });
  });

  it('refuses footage requests that are not over TLS', () => {
    // Prepare
    const footageId = logicalIdOf(vtrack.stacks.storage.footageBucket);

    // Assess
    storage.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: footageId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('aborts incomplete multipart uploads of footage after two days', () => {
    // Prepare
    const footageId = logicalIdOf(vtrack.stacks.storage.footageBucket);

    // Act
    const rules = storage.toJSON().Resources[footageId].Properties.LifecycleConfiguration.Rules;

    // Assess
    expect(rules).toContainEqual(
      expect.objectContaining({ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 } }),
    );
  });

  it('deletes clip exports (objects tagged as exports by exportClips) a day after they were made, and nothing untagged', () => {
    // Prepare
    const footageId = logicalIdOf(vtrack.stacks.storage.footageBucket);

    // Act
    const rules = storage.toJSON().Resources[footageId].Properties.LifecycleConfiguration.Rules as { Id?: string; ExpirationInDays?: number; TagFilters?: unknown }[];

    // Assess
    const expiring = rules.filter((rule) => rule.ExpirationInDays !== undefined);
    expect(expiring).toContainEqual(expect.objectContaining({ Status: 'Enabled', ExpirationInDays: 1, TagFilters: [{ Key: 'vtrack-kind', Value: EXPORT_TAGS['vtrack-kind'] }] }));
    // Beside exports only the retention classes expire (tests/infra/storageRetention.test.ts): every expiring rule needs a tag.
    expect(expiring.filter((rule) => !Array.isArray(rule.TagFilters) || rule.TagFilters.length === 0)).toEqual([]);
    expect(expiring.filter((rule) => rule.Id?.startsWith('retain-') !== true)).toHaveLength(1);
  });

  it('moves footage into Intelligent-Tiering at once, so footage nobody reads gets cheaper without slower reads', () => {
    // Prepare
    const footageId = logicalIdOf(vtrack.stacks.storage.footageBucket);

    // Act
    const rules = storage.toJSON().Resources[footageId].Properties.LifecycleConfiguration.Rules;

    // Assess
    expect(rules).toContainEqual(
      expect.objectContaining({ Status: 'Enabled', Transitions: [{ StorageClass: 'INTELLIGENT_TIERING', TransitionInDays: 0 }] }),
    );
  });

  it('lets browsers of the deployment\'s own domain, and no other, PUT and GET footage with presigned URLs and read the ETag of each part', () => {
    // Prepare
    const own = synthVtrack({ context: { 'vtrack:publicUrl': 'https://vtrack.example.com' } });
    const footageId = own.stacks.storage.getLogicalId(own.stacks.storage.footageBucket.node.defaultChild as never);

    // Act
    const [rule] = own.templates.storage.toJSON().Resources[footageId].Properties.CorsConfiguration.CorsRules;

    // Assess
    expect(rule.AllowedMethods).toEqual(expect.arrayContaining(['PUT', 'GET']));
    expect(rule.ExposedHeaders).toContain('ETag');
    expect(rule.AllowedOrigins).toEqual(['https://vtrack.example.com']);
  });

  it('allows no browser origin on footage until the deployment\'s domain is known, and refuses wildcard origins', () => {
    // Act
    const footageId = logicalIdOf(vtrack.stacks.storage.footageBucket);
    const properties = storage.toJSON().Resources[footageId].Properties;

    // Assess
    expect(properties.CorsConfiguration).toBeUndefined();
    expect(JSON.stringify(storage.toJSON())).not.toContain('cloudfront.net');
    expect(() => synthVtrack({ context: { 'vtrack:footageCorsOrigins': 'https://*.cloudfront.net' } })).toThrow(/without wildcards/);
  });

  it('encrypts footage with the app key through an S3 Bucket Key, versioning off as decided, and lets functions use the key for it only through S3', () => {
    // Prepare
    const footageId = logicalIdOf(vtrack.stacks.storage.footageBucket);
    const keyId = logicalIdOf(vtrack.stacks.storage.appKey);

    // Act
    const properties = storage.toJSON().Resources[footageId].Properties;
    const [rule] = properties.BucketEncryption.ServerSideEncryptionConfiguration;
    const policies = Object.values(storage.findResources('AWS::IAM::ManagedPolicy')).flatMap(
      (policy) => (policy as { Properties: { PolicyDocument: { Statement: { Sid?: string; Condition?: unknown }[] } } }).Properties.PolicyDocument.Statement,
    );

    // Assess
    expect(rule.ServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    expect(rule.BucketKeyEnabled).toBe(true);
    expect(properties.VersioningConfiguration).toBeUndefined();
    const footageKey = policies.filter((statement) => statement.Sid?.startsWith('FootageKey'));
    expect(footageKey.map((statement) => statement.Sid).sort()).toEqual(['FootageKeyRead', 'FootageKeyWrite']);
    for (const statement of footageKey) expect(JSON.stringify(statement.Condition)).toContain('s3.');
  });

  it('encrypts and blocks public access on every bucket, the log bucket included', () => {
    // Act
    const buckets = Object.values(storage.findResources('AWS::S3::Bucket'));

    // Assess
    expect(buckets.length).toBe(2);
    for (const bucket of buckets) {
      expect(bucket.Properties.BucketEncryption).toBeDefined();
      expect(bucket.Properties.PublicAccessBlockConfiguration).toMatchObject({ BlockPublicAcls: true, RestrictPublicBuckets: true });
    }
  });
});
