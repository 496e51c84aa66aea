import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { Construct } from 'constructs';
import type { SiteSecurityPolicy } from '../../shared/siteSecurityPolicy';

/**
 * A CloudFront response-headers policy built from one of the shared
 * definitions (infra/shared/siteSecurityPolicy.ts: the site's, or the API's)
 * that the local server sends too. Every header overrides whatever the origin sent.
 */
export class SiteSecurityHeaders extends Construct {
  readonly policy: cloudfront.ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: { readonly policy: SiteSecurityPolicy; readonly comment: string }) {
    super(scope, id);
    const { policy } = props;
    this.policy = new cloudfront.ResponseHeadersPolicy(this, 'Resource', {
      comment: props.comment,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: policy.contentSecurityPolicy, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(policy.strictTransportSecurity.maxAgeSeconds),
          includeSubdomains: policy.strictTransportSecurity.includeSubdomains,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption[policy.frameOptions], override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
      // CloudFront refuses an empty list of custom headers: the API's policy has none.
      ...(Object.keys(policy.customHeaders).length === 0
        ? {}
        : { customHeadersBehavior: { customHeaders: Object.entries(policy.customHeaders).map(([header, value]) => ({ header, value, override: true })) } }),
    });
  }
}
