import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { FunctionSpec } from '../../../functions/catalog';
import { AppFunction } from '../constructs/AppFunction';
import type { AppResources } from '../constructs/AppResources';
import { AslStateMachine } from '../constructs/AslStateMachine';
import { connectToResources } from '../constructs/connectToResources';

export interface SyncStackProps extends StackProps {
  /** Catalogue entries of kind 'task'; others are ignored. */
  readonly catalog: readonly FunctionSpec[];
  readonly resources: AppResources;
  readonly repoRoot: string;
  readonly definitionFiles: { readonly dispatch: string; readonly syncSource: string };
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

/**
 * Scheduled sync: the task functions, the dispatch (EXPRESS, every minute) and
 * sync-source (STANDARD) state machines from their ASL files, and the rule.
 */
export class SyncStack extends Stack {
  readonly functions: ReadonlyMap<string, AppFunction>;
  readonly dispatch: sfn.StateMachine;
  readonly syncSource: sfn.StateMachine;
  /** The sync-source machine's fixed physical name. */
  readonly syncSourceName: string;

  constructor(scope: Construct, id: string, props: SyncStackProps) {
    super(scope, id, props);
    const tasks = props.catalog.filter((spec) => spec.kind === 'task');

    const functions = new Map<string, AppFunction>();
    for (const spec of tasks) {
      functions.set(spec.name, new AppFunction(this, spec.name, { spec, repoRoot: props.repoRoot, environment: {}, logLevel: props.logLevel }));
    }
    this.functions = functions;
    const lambdas = new Map<string, lambda.IFunction>([...functions].map(([name, fn]) => [name, fn.function]));

    this.syncSourceName = `${this.stackName}-sync-source`;
    this.syncSource = new AslStateMachine(this, 'SyncSource', {
      definitionFile: props.definitionFiles.syncSource,
      stateMachineName: this.syncSourceName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      functions: lambdas,
    }).stateMachine;

    const dispatch = new AslStateMachine(this, 'Dispatch', {
      definitionFile: props.definitionFiles.dispatch,
      // Runs every minute and finishes in seconds: EXPRESS costs a fraction of STANDARD.
      stateMachineType: sfn.StateMachineType.EXPRESS,
      functions: lambdas,
      substitutions: { SyncSourceStateMachineArn: this.syncSource.stateMachineArn },
    });
    this.dispatch = dispatch.stateMachine;
    if (dispatch.placeholders.includes('SyncSourceStateMachineArn')) {
      // Dispatch may start sync-source itself (states:startExecution) instead of via a function.
      this.syncSource.grantStartExecution(this.dispatch);
    }

    const resources: AppResources = { ...props.resources, syncSourceStateMachine: this.syncSource, syncSourceStateMachineName: this.syncSourceName };
    for (const spec of tasks) {
      const fn = functions.get(spec.name);
      if (fn) connectToResources(fn, spec, resources);
    }

    for (const spec of tasks) {
      const fn = functions.get(spec.name);
      if (fn === undefined || spec.eventRule === undefined) continue;
      if (spec.eventRule === 'every-minute') {
        new events.Rule(this, `${spec.name}Schedule`, {
          description: `Starts ${spec.name} every minute`,
          schedule: events.Schedule.rate(Duration.minutes(1)),
          targets: [new targets.LambdaFunction(fn.function)],
        });
      } else {
        // S3 sends lifecycle deletions to EventBridge (the bucket has EventBridge notifications on).
        new events.Rule(this, `${spec.name}Rule`, {
          description: 'Lifecycle expirations of the footage bucket: ledger, usage counters and tracked files follow',
          eventPattern: {
            source: ['aws.s3'],
            detailType: ['Object Deleted'],
            detail: { bucket: { name: [props.resources.footageBucket.bucketName] }, reason: ['Lifecycle Expiration'] },
          },
          targets: [new targets.LambdaFunction(fn.function)],
        });
      }
    }

    new events.Rule(this, 'DispatchSchedule', {
      description: 'Starts the dispatch state machine, which finds and claims sources due for sync',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [new targets.SfnStateMachine(this.dispatch)],
    });
  }
}
