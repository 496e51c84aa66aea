import { DefaultStackSynthesizer, Stack, Validations } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

export interface SiteDeploymentProps {
  /** The built site, e.g. web/dist. */
  readonly siteDir: string;
  /** A folder whose files go to the bucket as they are (the agent release under `downloads/`). */
  readonly downloadsDir?: string;
  /** Written next to index.html as /config.json; deploy-time values allowed. */
  readonly config: Record<string, unknown>;
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.IDistribution;
}

/**
 * Copies the built site and its config.json into the site bucket and
 * invalidates CloudFront. The copying is done by CDK's own BucketDeployment
 * function, whose role CDK writes; its findings are acknowledged here, one by
 * one, with the reason.
 */
export class SiteDeployment extends Construct {
  constructor(scope: Construct, id: string, props: SiteDeploymentProps) {
    super(scope, id);
    new s3deploy.BucketDeployment(this, 'Resource', {
      sources: [
        s3deploy.Source.asset(props.siteDir),
        s3deploy.Source.jsonData('config.json', props.config),
        ...(props.downloadsDir === undefined ? [] : [s3deploy.Source.asset(props.downloadsDir)]),
      ],
      destinationBucket: props.bucket,
      distribution: props.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });

    const stack = Stack.of(this);
    const handler = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!handler) throw new Error('BucketDeployment handler not found: aws-cdk-lib changed its construct id');
    const bucketId = stack.getLogicalId(props.bucket.node.defaultChild as s3.CfnBucket);
    const qualifier =
      stack.synthesizer instanceof DefaultStackSynthesizer
        ? (stack.synthesizer.bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER)
        : DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    const cdkWrote = 'CDK writes the BucketDeployment role';
    Validations.of(handler).acknowledge(
      ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `${cdkWrote} with S3 grant helpers (${action}); it only reads the CDK asset bucket and syncs into the site bucket.`,
      })),
      {
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
        reason: `${cdkWrote}: it replaces every object of the site bucket on deploy.`,
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-<AWS::Region>/*]`,
        reason: `${cdkWrote}: it reads the zipped site from the CDK bootstrap asset bucket.`,
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: `${cdkWrote}: cloudfront:CreateInvalidation/GetInvalidation have no resource-level scoping in that role.`,
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: `${cdkWrote} with AWSLambdaBasicExecutionRole for its own logs.`,
      },
      {
        id: 'AwsSolutions-L1',
        reason: 'The BucketDeployment runtime is chosen by aws-cdk-lib and moves with its upgrades.',
      },
    );
  }
}
