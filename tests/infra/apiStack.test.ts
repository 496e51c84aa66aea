import { Match, type Template } from 'aws-cdk-lib/assertions';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionCatalog } from '../../functions/catalog';
import { synthVtrack, type SynthesizedVtrack } from './synthVtrack';

type Route = { Properties: { RouteKey: string; AuthorizationType: string; AuthorizerId?: { Ref: string } } };
type LambdaFn = { Properties: { Environment: { Variables: Record<string, unknown> }; Runtime: string; Architectures: string[]; TracingConfig: { Mode: string }; LoggingConfig: { LogFormat: string } } };

const catalogRoutes = functionCatalog.flatMap((spec) => (spec.routes ?? []).map((route) => ({ route, spec })));

describe('ApiStack', () => {
  let vtrack: SynthesizedVtrack;
  let api: Template;
  let routes: Route[];
  let authorizerId: string;

  beforeAll(() => {
    vtrack = synthVtrack();
    api = vtrack.templates.api;
    routes = Object.values(api.findResources('AWS::ApiGatewayV2::Route')) as Route[];
    authorizerId = Object.keys(api.findResources('AWS::ApiGatewayV2::Authorizer'))[0] ?? '';
  });

  const routeFor = (routeKey: string): Route | undefined => routes.find((r) => r.Properties.RouteKey === routeKey);

  it('has exactly one route per catalogue route string', () => {
    // Act
    const deployed = routes.map((r) => r.Properties.RouteKey).sort();

    // Assess
    expect(deployed).toEqual(catalogRoutes.map(({ route }) => route).sort());
  });

  it.each(catalogRoutes.filter(({ spec }) => spec.authenticated !== false).map(({ route }) => [route]))(
    'puts the Cognito JWT authorizer on %s',
    (routeKey) => {
      // Act
      const route = routeFor(routeKey);

      // Assess
      expect(route?.Properties.AuthorizationType).toBe('JWT');
      expect(route?.Properties.AuthorizerId).toEqual({ Ref: authorizerId });
    },
  );

  it('leaves the health route open to anyone', () => {
    // Act
    const health = routeFor('GET /api/health');

    // Assess
    expect(health?.Properties.AuthorizationType).toBe('NONE');
    expect(health?.Properties.AuthorizerId).toBeUndefined();
  });

  it('checks JWTs issued by the user pool for the web client', () => {
    // Prepare
    const poolId = vtrack.stacks.api.getLogicalId(vtrack.stacks.api.userPool.node.defaultChild as cognito.CfnUserPool);
    const clientId = vtrack.stacks.api.getLogicalId(vtrack.stacks.api.webClient.node.defaultChild as cognito.CfnUserPoolClient);

    // Assess
    api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: { 'Fn::GetAtt': [poolId, 'ProviderURL'] }, Audience: [{ Ref: clientId }] },
    });
  });

  it('proxies every route to its Lambda with payload format 2.0', () => {
    // Act
    const integrations = Object.values(api.findResources('AWS::ApiGatewayV2::Integration'));

    // Assess
    expect(integrations.length).toBe(functionCatalog.filter((spec) => spec.kind === 'http').length);
    for (const integration of integrations) {
      expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    }
  });

  it('throttles the default stage and writes access logs', () => {
    // Assess
    api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: Match.anyValue(), ThrottlingRateLimit: Match.anyValue() },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('\\$context\\.requestId') },
    });
  });

  it('lets people sign themselves up with their email and a strong password', () => {
    // Assess
    api.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      Policies: {
        PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }),
      },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'tenantId', AttributeDataType: 'String' })]),
    });
  });

  it('gives the web a public client using the authorization code flow, unable to set its own tenant', () => {
    // Act
    const [client] = Object.values(api.findResources('AWS::Cognito::UserPoolClient'));

    // Assess
    expect(client?.Properties).toMatchObject({ GenerateSecret: false, AllowedOAuthFlows: ['code'], AllowedOAuthFlowsUserPoolClient: true });
    expect(client?.Properties.ReadAttributes).toContain('custom:tenantId');
    expect(client?.Properties.WriteAttributes).not.toContain('custom:tenantId');
  });

  it('runs every HTTP function on Node 22 arm64 with tracing, JSON logs and the shared environment', () => {
    // Act
    const fns = Object.values(api.findResources('AWS::Lambda::Function')) as LambdaFn[];

    // Assess
    expect(fns.length).toBe(functionCatalog.filter((spec) => spec.kind === 'http').length);
    for (const fn of fns) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON' },
      });
      expect(Object.keys(fn.Properties.Environment.Variables)).toEqual(
        expect.arrayContaining(['TABLE_NAME', 'BUCKET_NAME', 'AUTH_MODE', 'LOG_LEVEL', 'USER_POOL_ID', 'USER_POOL_CLIENT_ID']),
      );
      expect(fn.Properties.Environment.Variables['AUTH_MODE']).toBe('cognito');
    }
  });

  it('tells only functions that start syncs which state machine to start', () => {
    for (const [name, fn] of vtrack.stacks.api.functions) {
      // Prepare
      const spec = functionCatalog.find((entry) => entry.name === name);
      const id = vtrack.stacks.api.getLogicalId(fn.function.node.defaultChild as never);

      // Act
      const variables = (api.toJSON().Resources[id] as LambdaFn).Properties.Environment.Variables;

      // Assess
      expect('SYNC_SOURCE_STATE_MACHINE_ARN' in variables, name).toBe(spec?.needs.includes('sfn:start'));
    }
  });
});
