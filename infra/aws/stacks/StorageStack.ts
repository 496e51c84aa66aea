import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { AccessLogBucket } from '../constructs/AccessLogBucket';
import { NeedPolicies } from '../constructs/NeedPolicies';
import { SecureBucket } from '../constructs/SecureBucket';
import { lifecycleClasses, RETAIN_TAG_KEY } from '../../../core/storage/retentionTags';

export interface StorageStackProps extends StackProps {
  /**
   * Origins allowed to PUT/GET footage with presigned URLs from a browser: the
   * deployment's own domain (vtrack:publicUrl) unless given; empty means no
   * CORS rule. S3 CORS cannot name the CloudFront domain itself (the web stack
   * comes later), so the site's public URL stands for it.
   */
  readonly footageCorsOrigins: readonly string[];
}

/** The data: one DynamoDB table, the footage bucket and the app's KMS key. */
export class StorageStack extends Stack {
  readonly appKey: kms.Key;
  readonly table: dynamodb.Table;
  readonly footageBucket: s3.Bucket;
  readonly accessLogBucket: s3.Bucket;
  readonly needPolicies: NeedPolicies;
  readonly pageTokenKey: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: StorageStackProps) {
    super(scope, id, props);

    this.appKey = new kms.Key(this, 'AppKey', {
      description: 'VTrack: encrypts the table and the OAuth tokens stored in it',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.appKey,
      timeToLiveAttribute: 'expiresAt',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // gsi1 is the due-sources index dispatch queries every minute; gsi2 is general purpose.
    const tableIndexNames = ['gsi1', 'gsi2'];
    for (const index of tableIndexNames) {
      this.table.addGlobalSecondaryIndex({
        indexName: index,
        partitionKey: { name: `${index}pk`, type: dynamodb.AttributeType.STRING },
        sortKey: { name: `${index}sk`, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    // Authenticates the page tokens the API hands out (HMAC), so a forged or altered one is refused.
    // Read at cold start through the Secrets extension; never in a function's environment.
    this.pageTokenKey = new secretsmanager.Secret(this, 'PageTokenKey', {
      description: 'VTrack: server key that authenticates API page tokens',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.pageTokenKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'The page-token key signs short-lived listing cursors only; replacing it (put a new value) merely sends open listings back to their first page, so no rotation Lambda is kept for it.',
    });

    this.accessLogBucket = new AccessLogBucket(this, 'AccessLogs');

    // SSE-KMS with the app key and an S3 Bucket Key: S3 derives a bucket-level key from KMS and
    // reuses it, so parts and range reads of footage cost no KMS call each (docs/COSTS.md).
    // Versioning stays off on purpose: objects are written once under unique keys, deletion
    // is the tenant's explicit choice (DELETE ?keepFootage=false), and a second copy of every
    // video would double the largest cost; point-in-time recovery covers the table instead.
    this.footageBucket = new SecureBucket(this, 'Footage', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.appKey,
      bucketKeyEnabled: true,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'footage/',
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(2) },
        // Clip exports (ZIPs under <tenant>/_exports/, tagged by core/export/exportClips.ts): their links
        // last an hour and each new export deletes the expired ones; this deletes the rest after a day.
        { id: 'expire-exports', tagFilters: { 'vtrack-kind': 'export' }, expiration: Duration.days(1) },
        // Most footage is never watched after the day it was packed. Intelligent-Tiering moves an
        // object nobody read for 30 days to its infrequent tier and after 90 to archive instant
        // access (both still millisecond reads, no retrieval fee), so a clip found months later
        // plays at once. Objects under 128 KB (manifests) are not moved.
        { id: 'footage-intelligent-tiering', transitions: [{ storageClass: s3.StorageClass.INTELLIGENT_TIERING, transitionAfter: Duration.days(0) }] },
        // Retention the tenant chooses: one rule per retention class, matched by the object's
        // `vt-retain` tag (set when it is stored, changed in the background when the tenant changes
        // the setting). The classes are fixed, so the rule count never grows with tenants, and
        // nothing lists the bucket. `footage-keep`, `clip-forever` and `hold` (a clip under a keep
        // flag) match no rule and are never expired. `footage-clipped` (1 day) is the footage of a
        // `keep: clips_only` source once its clips are cut (core/storage/clippedFootage.ts).
        ...lifecycleClasses.map((entry) => ({
          id: `retain-${entry.tag}`,
          tagFilters: { [RETAIN_TAG_KEY]: entry.tag },
          expiration: Duration.days(entry.days),
        })),
      ],

      // No origin known yet (no vtrack:publicUrl): no CORS rule, so no browser origin may use presigned URLs.
      ...(props.footageCorsOrigins.length === 0
        ? {}
        : {
            cors: [
              {
                allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
                allowedOrigins: [...props.footageCorsOrigins],
                allowedHeaders: ['*'],
                // Multipart uploads need each part's ETag back in the browser.
                exposedHeaders: ['ETag'],
                maxAge: 3600,
              },
            ],
          }),
    });

    // Lifecycle deletions reach the ObjectExpired function through EventBridge (the sync stack's rule).
    // Set on the bucket resource itself: `eventBridgeEnabled` would add a custom-resource Lambda to do the same.
    (this.footageBucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };

    this.needPolicies = new NeedPolicies(this, 'NeedPolicies', {
      table: this.table,
      tableIndexNames,
      footageBucket: this.footageBucket,
      appKey: this.appKey,
    });

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'FootageBucketName', { value: this.footageBucket.bucketName });
  }
}
