import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { agentReleaseFiles } from '../../../core/agents/agentInstallCommand';
import { AGENT_VERSION } from '../../../core/edge/agentVersion';
import { Annotations, CfnOutput, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { AccessLogBucket } from '../constructs/AccessLogBucket';
import { SecureBucket } from '../constructs/SecureBucket';
import { SiteDeployment } from '../constructs/SiteDeployment';
import { SiteSecurityHeaders } from '../constructs/SiteSecurityHeaders';
import { apiSecurityPolicy, siteSecurityPolicy } from '../../shared/siteSecurityPolicy';
import { spaRoutingCode } from '../constructs/spaRoutingCode';
import { WebClientCallbacks } from '../constructs/WebClientCallbacks';

export interface WebStackProps extends StackProps {
  /** `<api-id>.execute-api.<region>.amazonaws.com`; CloudFront sends /api/* there. */
  readonly apiDomainName: string;
  /** Sent as `x-origin-verify` on every request to the API; the API refuses requests without it. */
  readonly originVerifySecret: secretsmanager.ISecret;
  readonly userPool: cognito.IUserPool;
  readonly webClient: cognito.UserPoolClient;
  /** `https://<prefix>.auth.<region>.amazoncognito.com` */
  readonly authDomainUrl: string;
  /** `https://<bucket>.s3.<region>.amazonaws.com` of each bucket the app plays presigned footage or clips from (CSP media-src). */
  readonly mediaOrigins: readonly string[];
  /** The built site (web/dist). Deployed only if it exists at synth time. */
  readonly siteDir: string;
  /**
   * Where `npm run agent:release` wrote `vtrack-agent-<version>.tar.gz` and its
   * `.sha256`; both go with the site under /downloads/, where the web app's
   * install command fetches them. Deployed only if both exist at synth time.
   */
  readonly agentReleaseDir: string;
}

/**
 * The web app: a private bucket behind CloudFront (Origin Access Control),
 * with /api/* forwarded to the HTTP API so the site and the API share one
 * origin (no CORS, cookies and tokens stay first-party).
 */
export class WebStack extends Stack {
  readonly siteBucket: SecureBucket;
  readonly distribution: cloudfront.Distribution;
  readonly siteUrl: string;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);

    const logs = new AccessLogBucket(this, 'Logs', { allowCloudFrontLogs: true });
    this.siteBucket = new SecureBucket(this, 'Site', {
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3/',
    });

    const spaRouting = new cloudfront.Function(this, 'SpaRouting', {
      code: cloudfront.FunctionCode.fromInline(spaRoutingCode),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Serves index.html for client-side routes',
    });

    // The page calls the API on its own origin and the user-pool API of the pool's region (the sign-in pages);
    // it plays presigned bucket URLs.
    const securityHeaders = new SiteSecurityHeaders(this, 'SecurityHeaders', {
      policy: siteSecurityPolicy({ connect: [`https://cognito-idp.${this.region}.amazonaws.com`], media: props.mediaOrigins }),
      comment: 'VTrack site: CSP, HSTS and the other security headers (infra/shared/siteSecurityPolicy.ts)',
    });
    // JSON answers: a short CSP and no document-only headers (apiSecurityPolicy says why).
    const apiSecurityHeaders = new SiteSecurityHeaders(this, 'ApiSecurityHeaders', {
      policy: apiSecurityPolicy(),
      comment: 'VTrack API: security headers for JSON answers (infra/shared/siteSecurityPolicy.ts)',
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'VTrack web app and API',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders.policy,
        functionAssociations: [{ function: spaRouting, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new origins.HttpOrigin(props.apiDomainName, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
            // Replaces any header of that name the viewer sent; resolved from Secrets Manager at deploy time.
            customHeaders: { 'x-origin-verify': props.originVerifySecret.secretValue.unsafeUnwrap() },
          }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // Everything but Host: API Gateway routes on its own host name.
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: apiSecurityHeaders.policy,
        },
      },
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'Tenants are shops and warehouses in any country; there is no country to block.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF web ACL, by decision (docs/DEPLOY.md, cost in docs/COSTS.md): a CloudFront ACL must live in us-east-1, a second stack this app does not have, and costs about USD 10 a month before requests. Meanwhile every API call needs a Cognito JWT or an agent credential except health, auth config and enrolment; each tenant is held to its own request rate in the API (DynamoDB counter), the stage throttles at 50 req/s, the API answers only through this distribution, and the site is static files behind a strict CSP.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason: 'Without a custom domain CloudFront serves its default *.cloudfront.net certificate, whose minimum TLS version cannot be set. Add a domain and certificate to enforce TLSv1.2_2021.',
      },
    );

    this.siteUrl = `https://${this.distribution.distributionDomainName}`;
    new WebClientCallbacks(this, 'WebClientCallbacks', {
      userPool: props.userPool,
      client: props.webClient,
      // The site root is where the hosted UI sends a federated (Google) sign-in back;
      // the web app has no /auth/callback page since sign-in moved onto its own pages.
      callbackUrls: [`${this.siteUrl}/`, 'http://localhost:5173/'],
      logoutUrls: [`${this.siteUrl}/`, 'http://localhost:5173/'],
    });

    const downloadsDir = stageAgentRelease(props.agentReleaseDir);
    if (downloadsDir === null && fs.existsSync(props.siteDir)) {
      Annotations.of(this).addWarningV2(
        'vtrack:agent-release-missing',
        `${path.relative(process.cwd(), props.agentReleaseDir) || props.agentReleaseDir} holds no ${agentReleaseFiles(AGENT_VERSION).tarball} with its .sha256, so the site serves no agent download and the web app's install command fails. Run \`npm run agent:release\` first.`,
      );
    }
    if (fs.existsSync(props.siteDir)) {
      new SiteDeployment(this, 'DeploySite', {
        siteDir: props.siteDir,
        ...(downloadsDir === null ? {} : { downloadsDir }),
        bucket: this.siteBucket,
        distribution: this.distribution,
        // The pool's ids and the hosted UI's domain and logout URL, kept for federated
        // (Google) sign-in; the web app itself asks GET /api/auth/config. Values resolve at deploy time.
        config: {
          authMode: 'cognito',
          region: this.region,
          userPoolId: props.userPool.userPoolId,
          userPoolClientId: props.webClient.userPoolClientId,
          authDomain: props.authDomainUrl,
          logoutUri: `${this.siteUrl}/`,
          apiBaseUrl: '/api',
        },
      });
    } else {
      Annotations.of(this).addWarningV2(
        'vtrack:web-dist-missing',
        `${path.relative(process.cwd(), props.siteDir) || props.siteDir} does not exist, so the web app is not deployed by this synth. Run \`npm run build:web\` first.`,
      );
    }

    new CfnOutput(this, 'SiteUrl', { value: this.siteUrl });
    new CfnOutput(this, 'DistributionId', { value: this.distribution.distributionId });
    new CfnOutput(this, 'SiteBucketName', { value: this.siteBucket.bucketName });
  }
}

/**
 * The release and its checksum copied into a fresh folder as `downloads/…`,
 * for the site deployment to put beside the web app; null when either is missing.
 */
function stageAgentRelease(releaseDir: string): string | null {
  const names = agentReleaseFiles(AGENT_VERSION);
  const files = [names.tarball, names.checksum].map((name) => path.join(releaseDir, name));
  if (!files.every((file) => fs.existsSync(file))) return null;
  const staged = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrack-downloads-'));
  fs.mkdirSync(path.join(staged, 'downloads'));
  for (const file of files) fs.copyFileSync(file, path.join(staged, 'downloads', path.basename(file)));
  return staged;
}
