import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { FunctionSpec } from '../../../functions/catalog';
import type { AppFunction } from './AppFunction';
import type { AppResources } from './AppResources';
import { isKmsNeed } from './Need';

/**
 * Gives a catalogue function the environment the handlers read and the IAM its
 * `needs` allow. Names go to every function (a name grants nothing, and the
 * handlers' config loader is then the same everywhere); permissions only per
 * need: the storage stack's managed policy for that need, or, for 'sfn:start',
 * StartExecution on the sync-source machine and DescribeExecution on its
 * executions alone.
 */
export function connectToResources(fn: AppFunction, spec: FunctionSpec, resources: AppResources): void {
  const f = fn.function;
  f.addEnvironment('TABLE_NAME', resources.table.tableName);
  f.addEnvironment('BUCKET_NAME', resources.footageBucket.bucketName);
  f.addEnvironment('AUTH_MODE', 'cognito');
  f.addEnvironment('SERVICE_NAME', 'vtrack');
  f.addEnvironment('POWERTOOLS_SERVICE_NAME', 'vtrack');

  for (const need of new Set(spec.needs)) {
    if (need === 'google') {
      // Without settings the handlers answer "Google Drive is not set up" and name what is missing.
      if (resources.google === undefined) continue;
      f.addEnvironment('GOOGLE_OAUTH_CLIENT_ID', resources.google.clientId);
      // The secret's name only; the handler reads the value at cold start through the Secrets extension.
      f.addEnvironment('GOOGLE_OAUTH_CLIENT_SECRET_ID', resources.google.clientSecret.secretName);
      resources.google.clientSecret.grantRead(fn.role);
      f.addEnvironment('PUBLIC_URL', resources.google.publicUrl);
    } else if (need === 'cognito:users') {
      // Granted by the API stack on its user pool (the pool is made there, after the resources).
      continue;
    } else if (need === 'page-tokens') {
      // The name only: the handler reads the value through the Secrets extension AppFunction attaches.
      f.addEnvironment('PAGE_TOKEN_KEY_SECRET_ID', resources.pageTokenKey.secretArn);
      resources.pageTokenKey.grantRead(fn.role);
    } else if (need === 'sfn:start') {
      const machine = resources.syncSourceStateMachine;
      if (!machine) throw new Error(`${spec.name} needs 'sfn:start' but no sync-source state machine was given`);
      f.addEnvironment('SYNC_SOURCE_STATE_MACHINE_ARN', machine.stateMachineArn);
      fn.role.addToPrincipalPolicy(
        new iam.PolicyStatement({ sid: 'StartSyncSource', actions: ['states:StartExecution'], resources: [machine.stateMachineArn] }),
      );
      // Whether a run's execution still runs (closing dead runs, "Sync now" on a dead claim): its executions only.
      const machineName = resources.syncSourceStateMachineName;
      if (machineName === undefined) throw new Error(`${spec.name} needs 'sfn:start' but the sync-source machine's name was not given`);
      const executions = Stack.of(f).formatArn({
        service: 'states',
        resource: 'execution',
        resourceName: `${machineName}:*`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
      fn.role.addToPrincipalPolicy(
        new iam.PolicyStatement({ sid: 'DescribeSyncSourceRuns', actions: ['states:DescribeExecution'], resources: [executions] }),
      );
      Validations.of(fn.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${machineName}:*]`,
        reason: 'Execution names are run ids, known only per run; the wildcard covers executions of the sync-source machine alone, for DescribeExecution only.',
      });
    } else {
      fn.role.addManagedPolicy(resources.needPolicies.policy(need));
      if (isKmsNeed(need)) f.addEnvironment('KMS_KEY_ARN', resources.appKey.keyArn);
    }
  }
}
