import { Match, Template } from 'aws-cdk-lib/assertions';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionCatalog as wholeCatalog } from '../../functions/catalog';

/** What AWS deploys: local-only entries (local sign-in) have no function or route there. */
const functionCatalog = wholeCatalog.filter((spec) => spec.localOnly !== true);
import type { AppFunction } from '../../infra/aws/constructs/AppFunction';
import { roleStatements, type FlatStatement } from './iamStatements';
import { sharedVtrack, type SynthesizedVtrack } from './synthVtrack';

type Route = { Properties: { RouteKey: string; AuthorizationType: string; AuthorizerId?: { Ref: string } } };
type LambdaFn = { Properties: { Environment: { Variables: Record<string, unknown> }; Runtime: string; Architectures: string[]; TracingConfig: { Mode: string }; LoggingConfig: { LogFormat: string } } };

const catalogRoutes = functionCatalog.flatMap((spec) => (spec.routes ?? []).map((route) => ({ route, spec })));

describe('ApiStack', () => {
  let vtrack: SynthesizedVtrack;
  let api: Template;
  let routes: Route[];
  let authorizerId: string;

  beforeAll(() => {
    vtrack = sharedVtrack();
    api = vtrack.templates.api;
    routes = Object.values(api.findResources('AWS::ApiGatewayV2::Route')) as Route[];
    authorizerId = Object.keys(api.findResources('AWS::ApiGatewayV2::Authorizer'))[0] ?? '';
  });

  const routeFor = (routeKey: string): Route | undefined => routes.find((r) => r.Properties.RouteKey === routeKey);
  const idOf = (construct: { node: { defaultChild?: unknown } }): string => vtrack.stacks.api.getLogicalId(construct.node.defaultChild as never);
  function lambdaNamed(name: string): LambdaFn {
    const fn = vtrack.stacks.api.functions.get(name);
    if (!fn) throw new Error(`no function ${name} in the API stack`);
    return api.toJSON().Resources[idOf(fn.function)] as LambdaFn;
  }
  const httpFunctionNames = functionCatalog.filter((spec) => spec.kind === 'http').map((spec) => spec.name);
  const triggerSpecs = functionCatalog.filter((spec) => spec.kind === 'cognito-trigger');

  it('deploys exactly the HTTP functions and Cognito triggers of the catalogue', () => {
    // Act
    const lambdas = Object.keys(api.findResources('AWS::Lambda::Function')).sort();

    // Assess
    expect(triggerSpecs.map((spec) => spec.name)).toContain('PostConfirmation');
    expect(lambdas).toEqual([...vtrack.stacks.api.functions.values()].map((fn) => idOf(fn.function)).sort());
    expect([...vtrack.stacks.api.functions.keys()].sort()).toEqual([...httpFunctionNames, ...triggerSpecs.map((spec) => spec.name)].sort());
  });

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

  it('lets VTrack’s own sign-in pages sign in with a password and renew with the refresh token, and revoke it on sign-out', () => {
    // Act
    const [client] = Object.values(api.findResources('AWS::Cognito::UserPoolClient'));
    const flows = client?.Properties.ExplicitAuthFlows as string[];

    // Assess: exactly the flows the pages use; SRP and admin flows stay off.
    expect([...flows].sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH']);
    expect(client?.Properties).toMatchObject({ EnableTokenRevocation: true, PreventUserExistenceErrors: 'ENABLED' });
  });

  it('runs every HTTP function on Node 22 arm64 with tracing, JSON logs and the shared environment', () => {
    // Act
    const fns = httpFunctionNames.map((name) => lambdaNamed(name));

    // Assess
    expect(fns.length).toBeGreaterThan(0);
    for (const fn of fns) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON' },
      });
      expect(Object.keys(fn.Properties.Environment.Variables)).toEqual(
        expect.arrayContaining(['TABLE_NAME', 'BUCKET_NAME', 'AUTH_MODE', 'LOG_LEVEL', 'USER_POOL_ID', 'USER_POOL_CLIENT_ID', 'AUTH_DOMAIN']),
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

  describe('first run: the post-confirmation trigger', () => {
    let trigger: AppFunction;
    let triggerId: string;
    let poolId: string;
    let statements: FlatStatement[];

    beforeAll(() => {
      const { stacks } = vtrack;
      const found = stacks.api.functions.get('PostConfirmation');
      if (!found) throw new Error('no PostConfirmation function in the API stack');
      trigger = found;
      triggerId = idOf(trigger.function);
      poolId = idOf(stacks.api.userPool);
      const templates = new Map<string, Template>([
        [stacks.storage.stackName, vtrack.templates.storage],
        [stacks.sync.stackName, vtrack.templates.sync],
        [stacks.api.stackName, api],
        [stacks.web.stackName, vtrack.templates.web],
      ]);
      statements = roleStatements(stacks.api, trigger.role.node.defaultChild as CfnRole, templates);
    });

    it('is invoked by the user pool when a user confirms their sign-up', () => {
      // Assess
      api.hasResourceProperties('AWS::Cognito::UserPool', { LambdaConfig: { PostConfirmation: { 'Fn::GetAtt': [triggerId, 'Arn'] } } });
      api.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'cognito-idp.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [triggerId, 'Arn'] },
        SourceArn: { 'Fn::GetAtt': [poolId, 'Arn'] },
      });
    });

    it('gives up before Cognito does (5 seconds), on the house runtime', () => {
      // Act
      const fn = api.toJSON().Resources[triggerId] as { Properties: { Timeout: number; Runtime: string; Environment: { Variables: Record<string, unknown> } } };

      // Assess
      expect(fn.Properties.Timeout).toBeLessThanOrEqual(5);
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Environment.Variables).toMatchObject({ AUTH_MODE: 'cognito', TABLE_NAME: expect.anything() });
    });

    it('may set user attributes on this user pool only, and call Cognito for nothing else', () => {
      // Act
      const cognitoStatements = statements.filter((s) => s.actions.some((action) => action.startsWith('cognito-idp:')));

      // Assess
      expect(cognitoStatements.flatMap((s) => [...s.actions])).toEqual(['cognito-idp:AdminUpdateUserAttributes']);
      expect(cognitoStatements.flatMap((s) => [...s.resources])).toEqual([`<${poolId}.Arn>`]);
    });

    it('may read and write the table', () => {
      // Prepare
      const tableArn = `<${vtrack.stacks.storage.getLogicalId(vtrack.stacks.storage.table.node.defaultChild as never)}.Arn>`;

      // Act
      const onTable = statements.filter((s) => s.resources.includes(tableArn)).flatMap((s) => [...s.actions]);

      // Assess
      expect(onTable).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem']));
    });

    it('is, with the Team function (invites and removals) and TenantDeletion (a deleted shop\'s members), the only API function that may call Cognito', () => {
      // Act
      const policies = Object.values(api.findResources('AWS::IAM::Policy')).filter((policy) => JSON.stringify(policy).includes('cognito-idp:'));
      const cognitoStatementsOf = (name: string): unknown[] => {
        const fn = vtrack.stacks.api.functions.get(name);
        const policy = policies.find((candidate) => fn !== undefined && JSON.stringify(candidate.Properties.Roles).includes(idOf(fn.role)));
        return (policy?.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[]).filter((statement) => JSON.stringify(statement.Action).includes('cognito-idp:'));
      };

      // Assess
      expect(policies).toHaveLength(3);
      expect(policies.some((policy) => JSON.stringify(policy.Properties.Roles).includes(idOf(trigger.role)))).toBe(true);
      for (const name of ['Team', 'TenantDeletion']) {
        expect(cognitoStatementsOf(name)).toEqual([expect.objectContaining({ Action: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminDeleteUser'], Resource: { 'Fn::GetAtt': [poolId, 'Arn'] } })]);
      }
    });

    it('keeps custom:tenantId out of the users\' reach and lets them name their company once, at sign-up', () => {
      // Act
      const [pool] = Object.values(api.findResources('AWS::Cognito::UserPool'));
      const [client] = Object.values(api.findResources('AWS::Cognito::UserPoolClient'));
      const schema = pool?.Properties.Schema as { Name: string; Mutable: boolean }[];

      // Assess
      expect(client?.Properties.WriteAttributes).toEqual(expect.arrayContaining(['email', 'custom:tenantName']));
      expect(client?.Properties.WriteAttributes).not.toContain('custom:tenantId');
      expect(schema.find((attribute) => attribute.Name === 'tenantName')?.Mutable).toBe(false);
    });

    it('leaves no circular dependency between the pool, the trigger and its policies', () => {
      // Act: Template.fromStack refuses a template whose resources depend on each other in a circle
      const load = (): Template => Template.fromStack(vtrack.stacks.api);

      // Assess
      expect(load).not.toThrow();
    });
  });
});
