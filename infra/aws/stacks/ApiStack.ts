import { Aws, CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { CognitoTrigger, FunctionSpec } from '../../../functions/catalog';
import { AppFunction } from '../constructs/AppFunction';
import type { AppResources } from '../constructs/AppResources';
import { connectToResources } from '../constructs/connectToResources';
import { parseRoute } from '../constructs/parseRoute';
import { invitationEmail, verificationEmail } from '../cognitoEmails';

export interface ApiStackProps extends StackProps {
  /** Catalogue entries of kind 'http' and 'cognito-trigger'; others are ignored. */
  readonly catalog: readonly FunctionSpec[];
  readonly resources: AppResources;
  readonly repoRoot: string;
  /** Prefix of the Cognito hosted domain, `<prefix>.auth.<region>.amazoncognito.com`; unique per region. */
  readonly authDomainPrefix: string;
  /** Send Cognito's emails through Amazon SES from this verified address instead of Cognito's own limited sender. */
  readonly emailFrom?: string;
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error';
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
}

const triggerOperations: Readonly<Record<CognitoTrigger, cognito.UserPoolOperation>> = {
  postConfirmation: cognito.UserPoolOperation.POST_CONFIRMATION,
};

/**
 * The HTTP API: one route per catalogue route string (Lambda proxy, payload
 * v2), Cognito sign-in with the catalogue's user pool triggers, and a JWT
 * authorizer on every route that is not explicitly public.
 */
export class ApiStack extends Stack {
  readonly httpApi: apigwv2.HttpApi;
  readonly userPool: cognito.UserPool;
  readonly webClient: cognito.UserPoolClient;
  readonly authDomain: cognito.UserPoolDomain;
  readonly functions: ReadonlyMap<string, AppFunction>;
  /** The value CloudFront adds as `x-origin-verify` to every request it forwards here; the functions refuse requests without it. */
  readonly originVerifySecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);

    this.userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        // Set only by the post-confirmation trigger (an admin call); mutable so that call can set it.
        tenantId: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        // The company name a user may give at sign-up; immutable, so never changeable afterwards.
        tenantName: new cognito.StringAttribute({ minLen: 1, maxLen: 100, mutable: false }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      userInvitation: { emailSubject: invitationEmail.subject, emailBody: invitationEmail.body },
      userVerification: { emailSubject: verificationEmail.subject, emailBody: verificationEmail.body, emailStyle: cognito.VerificationEmailStyle.CODE },
      // Cognito's own sender allows a few dozen emails a day; SES (in this stack's region) has no such limit.
      ...(props.emailFrom === undefined ? {} : { email: cognito.UserPoolEmail.withSES({ fromEmail: props.emailFrom, fromName: 'VTrack', sesRegion: this.region }) }),
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
    });
    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason: 'MFA is optional (TOTP) so packing-station staff can self sign up; required MFA would block the sign-up flow. Each member can turn on an authenticator app in Settings.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason: 'The Plus feature plan (threat protection) is billed per monthly active user; Essentials is the chosen plan until a tenant needs adaptive authentication.',
      },
    );

    this.authDomain = this.userPool.addDomain('HostedDomain', { cognitoDomain: { domainPrefix: props.authDomainPrefix } });

    this.webClient = this.userPool.addClient('WebClient', {
      // A browser cannot keep a secret: a public client. VTrack's own sign-in pages
      // (both languages; the hosted UI has no Vietnamese) call InitiateAuth with
      // USER_PASSWORD_AUTH over TLS; CDK adds ALLOW_REFRESH_TOKEN_AUTH for renewal.
      // The OAuth settings below keep the hosted UI ready for federated (Google) sign-in.
      generateSecret: false,
      authFlows: { userPassword: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        // The CloudFront URLs are added by the web stack once the distribution exists
        // (see WebClientCallbacks); this one serves `npm run dev:web` against AWS.
        callbackUrls: ['http://localhost:5173/'],
        logoutUrls: ['http://localhost:5173/'],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes('tenantId', 'tenantName'),
      // Never tenantId: a user who could write it could join any tenant. tenantName is
      // immutable, so the client can set it at sign-up and never again.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }).withCustomAttributes('tenantName'),
    });

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'VTrack API',
      createDefaultStage: false,
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    const throttle = props.throttle ?? { rateLimit: 50, burstLimit: 100 };
    this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            sourceIp: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });

    const authorizer = new HttpJwtAuthorizer('CognitoJwt', this.userPool.userPoolProviderUrl, {
      jwtAudience: [this.webClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });

    // The API is reachable only through the site's CloudFront: its origin request carries this
    // secret (WebStack), every HTTP function checks it (functions/middleware/originGuard.ts).
    this.originVerifySecret = new secretsmanager.Secret(this, 'OriginVerify', {
      description: 'VTrack: header value CloudFront adds to API requests, so the execute-api endpoint alone is refused',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.originVerifySecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'CloudFront holds the value in its origin configuration, set at deploy time; a new value takes effect by redeploying the api and web stacks together (docs/DEPLOY.md), so no rotation Lambda is kept.',
    });

    const resources = props.resources;
    // Every function that touches the table counts its tenant's requests (the per-tenant rate limit):
    // UpdateItem on the counters' partitions only, whatever else it may do.
    const requestCounting = new iam.ManagedPolicy(this, 'RequestCounting', {
      description: 'VTrack: count API requests per tenant (rate-limit windows, T#<tenant>#RATE)',
      statements: [
        new iam.PolicyStatement({
          sid: 'CountTenantRequests',
          actions: ['dynamodb:UpdateItem'],
          resources: [resources.table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['T#*#RATE'] } },
        }),
        new iam.PolicyStatement({
          sid: 'TableKeyCount',
          actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
          resources: [resources.appKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Aws.REGION}.amazonaws.com` } },
        }),
      ],
    });
    const functions = new Map<string, AppFunction>();
    // Local-only functions (local sign-in) are not deployed: in AWS, Cognito signs people in.
    for (const spec of props.catalog.filter((entry) => entry.kind === 'http' && entry.localOnly !== true)) {
      const fn = new AppFunction(this, spec.name, { spec, repoRoot: props.repoRoot, environment: {}, logLevel: props.logLevel });
      connectToResources(fn, spec, resources);
      // GET /api/auth/config answers the web app with these in cognito mode.
      fn.function.addEnvironment('USER_POOL_ID', this.userPool.userPoolId);
      fn.function.addEnvironment('USER_POOL_CLIENT_ID', this.webClient.userPoolClientId);
      fn.function.addEnvironment('AUTH_DOMAIN', this.authDomain.baseUrl());
      // The name only: the origin guard reads the value through the Secrets extension at cold start.
      fn.function.addEnvironment('ORIGIN_VERIFY_SECRET_ID', this.originVerifySecret.secretArn);
      this.originVerifySecret.grantRead(fn.role);
      if (spec.needs.includes('table:read')) fn.role.addManagedPolicy(requestCounting);
      if (spec.needs.includes('cognito:users')) {
        // Team invites make the invitee's user (with the tenant set); removing a member deletes theirs.
        fn.role.addToPrincipalPolicy(
          new iam.PolicyStatement({ sid: 'ManageTeamMembers', actions: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminDeleteUser'], resources: [this.userPool.userPoolArn] }),
        );
      }
      functions.set(spec.name, fn);

      const integration = new HttpLambdaIntegration(`${spec.name}Integration`, fn.function, {
        payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
      });
      for (const route of spec.routes ?? []) {
        const { method, path } = parseRoute(route);
        const isPublic = spec.authenticated === false;
        const [created] = this.httpApi.addRoutes({
          path,
          methods: [method],
          integration,
          authorizer: isPublic ? new apigwv2.HttpNoneAuthorizer() : authorizer,
        });
        if (isPublic && created) {
          Validations.of(created).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason: `${route} has no JWT authorizer by design (catalogue entry ${spec.name} has authenticated: false): health checks, sign-in and agent enrolment need no token, and the other edge-agent routes carry the agent's own credential, checked by the function against its stored hash on every call, the same code locally and in AWS (docs/DEPLOY.md).`,
          });
        }
      }
    }
    for (const spec of props.catalog.filter((entry) => entry.kind === 'cognito-trigger')) {
      functions.set(spec.name, this.addTrigger(spec, resources, props));
    }
    this.functions = functions;

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.webClient.userPoolClientId });
    new CfnOutput(this, 'AuthDomain', { value: this.authDomain.baseUrl() });
  }

  /**
   * A user pool trigger from the catalogue. It reads its pool id from the
   * event, not its environment: the pool refers to the function, so the
   * function referring back would be a cycle. For the same reason its one
   * Cognito permission is a separate policy (the function waits only for its
   * role's default policy, so the pool can be created in between).
   */
  private addTrigger(spec: FunctionSpec, resources: AppResources, props: ApiStackProps): AppFunction {
    if (spec.trigger === undefined) throw new Error(`${spec.name} is a cognito-trigger without a trigger`);
    const fn = new AppFunction(this, spec.name, { spec, repoRoot: props.repoRoot, environment: {}, logLevel: props.logLevel });
    connectToResources(fn, spec, resources);
    this.userPool.addTrigger(triggerOperations[spec.trigger], fn.function);
    fn.role.attachInlinePolicy(
      new iam.Policy(this, `${spec.name}UserPoolAccess`, {
        statements: [
          new iam.PolicyStatement({
            sid: 'SetTenantOfConfirmedUser',
            actions: ['cognito-idp:AdminUpdateUserAttributes'],
            resources: [this.userPool.userPoolArn],
          }),
        ],
      }),
    );
    return fn;
  }

  /** `<api-id>.execute-api.<region>.amazonaws.com`, the origin CloudFront forwards /api/* to. */
  get apiDomainName(): string {
    return Fn.select(2, Fn.split('/', this.httpApi.apiEndpoint));
  }
}
