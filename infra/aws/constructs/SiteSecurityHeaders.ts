import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { Construct } from 'constructs';
import { siteSecurityPolicy, type SiteOrigins } from '../../shared/siteSecurityPolicy';

/**
 * CloudFront's response-headers policy for the site and the API, built from
 * the one shared definition (infra/shared/siteSecurityPolicy.ts) that the
 * local server sends too. Every header overrides whatever the origin sent.
 */
export class SiteSecurityHeaders extends Construct {
  readonly policy: cloudfront.ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, origins: SiteOrigins) {
    super(scope, id);
    const policy = siteSecurityPolicy(origins);
    this.policy = new cloudfront.ResponseHeadersPolicy(this, 'Resource', {
      comment: 'VTrack: CSP, HSTS and the other security headers (infra/shared/siteSecurityPolicy.ts)',
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
      customHeadersBehavior: {
        customHeaders: Object.entries(policy.customHeaders).map(([header, value]) => ({ header, value, override: true })),
      },
    });
  }
}
