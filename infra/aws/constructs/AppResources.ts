import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { NeedPolicies } from './NeedPolicies';

/** The shared resources a catalogue function's environment and `needs` refer to. */
export interface AppResources {
  readonly table: dynamodb.ITable;
  readonly footageBucket: s3.IBucket;
  /** Encrypts the table and OAuth tokens (envelope encryption in the handlers). */
  readonly appKey: kms.IKey;
  /** The server key page tokens are authenticated with; functions needing 'page-tokens' read it at cold start. */
  readonly pageTokenKey: secretsmanager.ISecret;
  /** The managed policy behind each storage need. */
  readonly needPolicies: NeedPolicies;
  /** Present once the sync stack exists; required by functions that need 'sfn:start'. */
  readonly syncSourceStateMachine?: sfn.StateMachine;
  /** Its fixed physical name: DescribeExecution is granted on `execution:<name>:*` as a literal, the same in every stack. */
  readonly syncSourceStateMachineName?: string;
  /** Google OAuth client settings for functions that need 'google'; absent until the operator sets them. */
  readonly google?: GoogleSettings;
}

export interface GoogleSettings {
  readonly clientId: string;
  /**
   * The client secret in Secrets Manager. Functions get its name and read
   * access, and read it at cold start through the Secrets extension: it is not
   * in their environment (GetFunctionConfiguration does not show it) and a
   * rotation needs no redeploy.
   */
  readonly clientSecret: secretsmanager.ISecret;
  /** The web app's origin; Google sends the browser back to `<publicUrl>/connect/google/callback`. */
  readonly publicUrl: string;
}
