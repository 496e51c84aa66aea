import { Stack, Validations } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

export interface WebClientCallbacksProps {
  readonly userPool: cognito.IUserPool;
  readonly client: cognito.UserPoolClient;
  readonly callbackUrls: readonly string[];
  readonly logoutUrls: readonly string[];
}

/**
 * Registers the site's URLs as the web client's OAuth callback and logout URLs.
 *
 * Why a custom resource: the client lives in the API stack (the JWT authorizer
 * needs its id), CloudFront lives in the web stack (it needs the API's domain
 * for /api/*), and the client's callback URL is CloudFront's domain: a
 * dependency cycle no stack split avoids. UpdateUserPoolClient resets every
 * field it is not given, so the call repeats the client's whole configuration,
 * read from the client resource itself; any change to the client changes
 * these parameters too, so `cdk deploy --all` (API first, web second) re-applies
 * the URLs after it.
 */
export class WebClientCallbacks extends Construct {
  constructor(scope: Construct, id: string, props: WebClientCallbacksProps) {
    super(scope, id);
    const cfn = props.client.node.defaultChild as cognito.CfnUserPoolClient;
    const stack = Stack.of(this);
    const units = stack.resolve(cfn.tokenValidityUnits) as { accessToken?: string; idToken?: string; refreshToken?: string } | undefined;

    const call: cr.AwsSdkCall = {
      service: 'CognitoIdentityProvider',
      action: 'UpdateUserPoolClient',
      parameters: {
        UserPoolId: props.userPool.userPoolId,
        ClientId: props.client.userPoolClientId,
        ClientName: cfn.clientName,
        ExplicitAuthFlows: cfn.explicitAuthFlows,
        AllowedOAuthFlows: cfn.allowedOAuthFlows,
        AllowedOAuthScopes: cfn.allowedOAuthScopes,
        AllowedOAuthFlowsUserPoolClient: cfn.allowedOAuthFlowsUserPoolClient,
        SupportedIdentityProviders: cfn.supportedIdentityProviders,
        PreventUserExistenceErrors: cfn.preventUserExistenceErrors,
        EnableTokenRevocation: cfn.enableTokenRevocation,
        ReadAttributes: cfn.readAttributes,
        WriteAttributes: cfn.writeAttributes,
        AccessTokenValidity: cfn.accessTokenValidity,
        IdTokenValidity: cfn.idTokenValidity,
        RefreshTokenValidity: cfn.refreshTokenValidity,
        TokenValidityUnits: units && {
          AccessToken: units.accessToken,
          IdToken: units.idToken,
          RefreshToken: units.refreshToken,
        },
        AuthSessionValidity: cfn.authSessionValidity,
        CallbackURLs: [...props.callbackUrls],
        LogoutURLs: [...props.logoutUrls],
      },
      physicalResourceId: cr.PhysicalResourceId.of(props.client.userPoolClientId),
    };

    new cr.AwsCustomResource(this, 'Resource', {
      resourceType: 'Custom::VtrackWebClientCallbacks',
      onCreate: call,
      onUpdate: call,
      // On delete the client keeps its last URLs; the API stack owns the client.
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: ['cognito-idp:UpdateUserPoolClient'],
          resources: [props.userPool.userPoolArn],
        }),
      ]),
      installLatestAwsSdk: false,
    });

    // The call runs in CDK's singleton AwsCustomResource function, which CDK configures.
    const handler = stack.node.tryFindChild(`AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
    if (!handler) throw new Error('AwsCustomResource provider not found: aws-cdk-lib changed its construct id');
    Validations.of(handler).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'CDK writes the AwsCustomResource provider role with AWSLambdaBasicExecutionRole for its own logs.',
      },
      {
        id: 'AwsSolutions-L1',
        reason: 'The AwsCustomResource provider runtime is chosen by aws-cdk-lib and moves with its upgrades.',
      },
    );
  }
}
