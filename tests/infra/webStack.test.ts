import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AssetStaging } from 'aws-cdk-lib';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiSecurityPolicy, siteSecurityPolicy } from '../../infra/shared/siteSecurityPolicy';
import { agentReleaseFiles } from '../../core/agents/agentInstallCommand';
import { AGENT_VERSION } from '../../core/edge/agentVersion';
import { sharedVtrack, synthVtrack, type SynthesizedVtrack } from './synthVtrack';

type HeadersPolicyConfig = {
  SecurityHeadersConfig: {
    ContentSecurityPolicy: { ContentSecurityPolicy: unknown; Override: boolean };
    StrictTransportSecurity: { AccessControlMaxAgeSec: number; IncludeSubdomains: boolean; Override: boolean };
    ContentTypeOptions: { Override: boolean };
    FrameOptions: { FrameOption: string; Override: boolean };
    ReferrerPolicy: { ReferrerPolicy: string; Override: boolean };
  };
  CustomHeadersConfig?: { Items: { Header: string; Value: string; Override: boolean }[] };
};

/** A CloudFormation string value (a literal or an Fn::Join of literals and references) as text, references kept as JSON. */
function cfnText(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join === undefined) return JSON.stringify(value);
  return join[1].map((part) => cfnText(part)).join(join[0]);
}

type Distribution = {
  Properties: {
    DistributionConfig: {
      DefaultRootObject: string;
      Origins: { Id: string; OriginAccessControlId?: unknown; S3OriginConfig?: { OriginAccessIdentity: string }; CustomOriginConfig?: unknown; DomainName: unknown }[];
      DefaultCacheBehavior: { TargetOriginId: string; FunctionAssociations?: unknown[]; ViewerProtocolPolicy: string; ResponseHeadersPolicyId?: unknown };
      CacheBehaviors: {
        PathPattern: string;
        TargetOriginId: string;
        CachePolicyId: string;
        AllowedMethods: string[];
        OriginRequestPolicyId: string;
        FunctionAssociations?: unknown[];
        ResponseHeadersPolicyId?: unknown;
      }[];
    };
  };
};

// AWS managed policy ids (the same in every account).
const cachingDisabled = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const allViewerExceptHostHeader = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

describe('WebStack', () => {
  let vtrack: SynthesizedVtrack;
  let web: Template;
  let config: Distribution['Properties']['DistributionConfig'];

  beforeAll(() => {
    vtrack = sharedVtrack();
    web = vtrack.templates.web;
    const [distribution] = Object.values(web.findResources('AWS::CloudFront::Distribution')) as Distribution[];
    if (!distribution) throw new Error('no distribution');
    config = distribution.Properties.DistributionConfig;
  });

  it('reads the site bucket through Origin Access Control, not an origin access identity', () => {
    // Act
    const s3Origin = config.Origins.find((origin) => origin.S3OriginConfig);

    // Assess
    expect(s3Origin?.OriginAccessControlId).toBeDefined();
    expect(s3Origin?.S3OriginConfig?.OriginAccessIdentity).toBe('');
    web.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    web.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
  });

  it('lets only this distribution read the private site bucket', () => {
    // Prepare
    const siteId = vtrack.stacks.web.getLogicalId(vtrack.stacks.web.siteBucket.node.defaultChild as never);

    // Assess
    web.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    web.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: siteId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('serves index.html at the root and for client-side routes', () => {
    // Assess
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      expect.objectContaining({ EventType: 'viewer-request' }),
    ]);
    web.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionCode: Match.stringLikeRegexp("request\\.uri = '/index\\.html'"),
    });
  });

  it('forwards /api/* to the HTTP API uncached, with every method and the viewer headers', () => {
    // Act
    const apiBehavior = config.CacheBehaviors.find((behavior) => behavior.PathPattern === '/api/*');
    const apiOrigin = config.Origins.find((origin) => origin.Id === apiBehavior?.TargetOriginId);

    // Assess
    expect(apiBehavior?.CachePolicyId).toBe(cachingDisabled);
    expect(apiBehavior?.OriginRequestPolicyId).toBe(allViewerExceptHostHeader);
    expect(apiBehavior?.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'PATCH', 'DELETE']));
    expect(apiBehavior?.FunctionAssociations).toBeUndefined();
    expect(apiOrigin?.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(JSON.stringify(apiOrigin?.DomainName)).toContain('HttpApi');
  });

  it('sends the shared security headers on the site (CSP, HSTS, nosniff, no framing, referrer and permissions policies) and the shorter API set on /api/*', () => {
    // Prepare: the definitions the local server sends too, with placeholders where the template has references.
    const policies = web.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    const configOf = (id: string) => (policies[id]?.Properties as { ResponseHeadersPolicyConfig: HeadersPolicyConfig }).ResponseHeadersPolicyConfig;
    const siteId = config.DefaultCacheBehavior.ResponseHeadersPolicyId as { Ref: string };
    const apiId = config.CacheBehaviors.find((behavior) => behavior.PathPattern === '/api/*')?.ResponseHeadersPolicyId as { Ref: string };
    const headers = configOf(siteId.Ref);
    const apiHeaders = configOf(apiId.Ref);
    const shared = siteSecurityPolicy({ connect: ['COGNITO'], media: ['FOOTAGE'] });

    // Act
    const csp = cfnText(headers.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    const directives = new Map(csp.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1)] as const));

    // Assess: two policies, the site's on the site and the API's on /api/*, and every header overrides whatever the origin sent.
    expect(Object.keys(policies)).toHaveLength(2);
    expect(apiId.Ref).not.toBe(siteId.Ref);
    expect(csp.replace(/https:\/\/cognito-idp\.\{[^}]*\}\.amazonaws\.com/, 'COGNITO').replace(/https:\/\/\{[^;]*\}/g, 'FOOTAGE')).toBe(shared.contentSecurityPolicy);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    // The sign-in pages call the user-pool API of the stack's region; the hosted UI is not called from the page.
    expect(directives.get('connect-src')?.join(' ')).toMatch(/^'self' https:\/\/cognito-idp\.\{[^}]*AWS::Region[^}]*\}\.amazonaws\.com$/);
    expect(csp).not.toMatch(/HostedDomain/);
    expect(directives.get('media-src')?.join(' ')).toMatch(/^'self' https:\/\/.*Footage.*RegionalDomainName/);
    // Camera snapshots are presigned URLs of the same bucket.
    expect(directives.get('img-src')?.join(' ')).toMatch(/^'self' data: https:\/\/.*Footage.*RegionalDomainName/);
    const common = {
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
    };
    expect(headers.SecurityHeadersConfig).toMatchObject({ ContentSecurityPolicy: { Override: true }, ...common });
    expect(headers.CustomHeadersConfig?.Items).toEqual(
      Object.entries(shared.customHeaders).map(([Header, Value]) => ({ Header, Value, Override: true })),
    );
    expect(apiHeaders.SecurityHeadersConfig).toMatchObject({ ContentSecurityPolicy: { ContentSecurityPolicy: apiSecurityPolicy().contentSecurityPolicy, Override: true }, ...common });
    expect(apiHeaders.CustomHeadersConfig).toBeUndefined();
  });

  it('registers the CloudFront URL as the web client callback', () => {
    // Act
    const [callbacks] = Object.values(web.findResources('Custom::VtrackWebClientCallbacks'));
    const create = JSON.stringify(callbacks?.Properties.Create);

    // Assess
    expect(create).toContain('UpdateUserPoolClient');
    expect(create).toMatch(/CallbackURLs.*https:\/\/.*Distribution[0-9A-F]{8}.*DomainName/);
    // UpdateUserPoolClient resets what it is not given: the sign-in pages' flows must survive it.
    expect(create.replace(/\\/g, '')).toContain('"ExplicitAuthFlows":["ALLOW_USER_PASSWORD_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]');
  });

  it('lists no /auth/callback, a page the web app no longer has, and keeps the site root as the callback federated sign-in returns to', () => {
    // Act
    const [callbacks] = Object.values(web.findResources('Custom::VtrackWebClientCallbacks'));
    // The site's domain is a reference: read as SITE, the URL list is plain JSON.
    const create = cfnText(callbacks?.Properties.Create).replace(/\{"Fn::GetAtt":\["Distribution[0-9A-F]+","DomainName"\]\}/g, 'SITE');
    const urls = JSON.parse(/"CallbackURLs":(\[[^\]]*\])/.exec(create)?.[1] ?? '[]') as string[];
    const stagedConfig = vtrack.app.node
      .findAll()
      .flatMap((node) => (node instanceof AssetStaging ? [path.join(node.absoluteStagedPath, 'config.json')] : []))
      .filter((file) => existsSync(file));

    // Assess: the callbacks, and the config.json written beside the site.
    expect(urls.some((url) => url.includes('/auth/callback'))).toBe(false);
    expect(urls).toEqual(['https://SITE/', 'http://localhost:5173/']);
    expect(stagedConfig).toHaveLength(1);
    const config = readFileSync(stagedConfig[0] ?? '', 'utf8');
    expect(config).not.toContain('/auth/callback');
    expect(Object.keys(JSON.parse(config) as Record<string, unknown>)).not.toContain('redirectUri');
  });

  it('deploys the built site with a config.json naming the user pool and client', () => {
    // Act
    const deployments = Object.values(web.findResources('Custom::CDKBucketDeployment'));

    // Assess
    expect(deployments).toHaveLength(1);
    expect(JSON.stringify(deployments[0]?.Properties)).toContain('DistributionId');
    const markers = JSON.stringify(deployments[0]?.Properties.SourceMarkers);
    expect(markers).toContain('Users');
    expect(markers).toContain('WebClient');
  });
});

describe('WebStack without a built site', () => {
  it('skips the site deployment and says so at synth time instead of failing', () => {
    // Act
    const vtrack = synthVtrack({ siteDir: path.join(import.meta.dirname, 'fixtures', 'no-such-dist') });

    // Assess
    vtrack.templates.web.resourceCountIs('Custom::CDKBucketDeployment', 0);
    Annotations.fromStack(vtrack.stacks.web).hasWarning('/VtrackWeb', Match.stringLikeRegexp('does not exist, so the web app is not deployed'));
  });
});

describe('WebStack and the agent release', () => {
  it('deploys the release and its checksum under downloads/ with the site, for the install command to fetch', () => {
    // Prepare: what `npm run agent:release` writes.
    const releaseDir = mkdtempSync(path.join(tmpdir(), 'vtrack-release-'));
    const names = agentReleaseFiles(AGENT_VERSION);
    writeFileSync(path.join(releaseDir, names.tarball), 'not really a tarball');
    writeFileSync(path.join(releaseDir, names.checksum), `${'0'.repeat(64)}  ${names.tarball}\n`);

    // Act
    const vtrack = synthVtrack({ agentReleaseDir: releaseDir });

    // Assess: one deployment, with the site, config.json and the downloads folder; the staged folder holds both files.
    const deployments = Object.values(vtrack.templates.web.findResources('Custom::CDKBucketDeployment'));
    expect(deployments).toHaveLength(1);
    expect((deployments[0]?.Properties.SourceObjectKeys as unknown[]).length).toBe(3);
    const staged = vtrack.app.node.findAll().flatMap((node) => (node instanceof AssetStaging ? [node.sourcePath] : [])).filter((dir) => existsSync(path.join(dir, 'downloads')));
    expect(staged).toHaveLength(1);
    expect(readdirSync(path.join(staged[0] ?? '', 'downloads')).sort()).toEqual([names.tarball, names.checksum].sort());
    Annotations.fromStack(vtrack.stacks.web).hasNoWarning('/VtrackWeb', Match.stringLikeRegexp('serves no agent download'));
    rmSync(releaseDir, { recursive: true, force: true });
  });

  it('without a release, deploys the site alone and says the install command will fail', () => {
    // Act
    const vtrack = sharedVtrack();

    // Assess
    const deployments = Object.values(vtrack.templates.web.findResources('Custom::CDKBucketDeployment'));
    expect((deployments[0]?.Properties.SourceObjectKeys as unknown[]).length).toBe(2);
    Annotations.fromStack(vtrack.stacks.web).hasWarning('/VtrackWeb', Match.stringLikeRegexp('serves no agent download'));
  });
});
