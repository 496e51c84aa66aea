import { Duration, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { SecureBucket } from './SecureBucket';

export interface AccessLogBucketProps {
  /** CloudFront standard logs are written with ACLs, so that bucket must allow them. */
  readonly allowCloudFrontLogs?: boolean;
  readonly expireAfterDays?: number;
}

/** Target for S3 server access logs (and CloudFront logs when asked); old logs expire. */
export class AccessLogBucket extends SecureBucket {
  constructor(scope: Construct, id: string, props: AccessLogBucketProps = {}) {
    super(scope, id, {
      objectOwnership: props.allowCloudFrontLogs
        ? s3.ObjectOwnership.BUCKET_OWNER_PREFERRED
        : s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        {
          id: 'expire-logs',
          expiration: Duration.days(props.expireAfterDays ?? 90),
          abortIncompleteMultipartUploadAfter: Duration.days(2),
        },
      ],
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket is the server access log target; logging it into itself would loop and a second log bucket would only move the finding.',
    });
  }
}
