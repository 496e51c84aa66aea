import fs from 'node:fs';
import path from 'node:path';
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { aslPlaceholders, functionNameOfPlaceholder } from './aslPlaceholders';

export interface AslStateMachineProps {
  /** A fixed physical name, where IAM must name the machine's executions without a cross-stack token. */
  readonly stateMachineName?: string;
  /** Absolute path of the `<name>.asl.json` file, the same file the local stack runs. */
  readonly definitionFile: string;
  readonly stateMachineType: sfn.StateMachineType;
  /** Catalogue functions by name; `${<Name>FunctionArn}` resolves against these. */
  readonly functions: ReadonlyMap<string, lambda.IFunction>;
  /** Other placeholders the file may use (e.g. `${SyncSourceStateMachineArn}`). */
  readonly substitutions?: Readonly<Record<string, string>>;
}

/**
 * A state machine loaded from an ASL file with `DefinitionBody.fromFile`.
 * Only the placeholders the file actually uses are substituted, and the role
 * may invoke exactly the functions the file names: passing every function
 * would make each machine depend on functions it never calls (and on a
 * function that itself starts the machine: a cycle). A placeholder with no
 * value fails synth, so no `${` reaches AWS.
 */
export class AslStateMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;
  /** Catalogue names of the functions the definition invokes. */
  readonly invokedFunctions: readonly string[];
  /** Every placeholder the definition uses. */
  readonly placeholders: readonly string[];

  constructor(scope: Construct, id: string, props: AslStateMachineProps) {
    super(scope, id);
    const fileName = path.basename(props.definitionFile);
    const placeholders = aslPlaceholders(fs.readFileSync(props.definitionFile, 'utf8'));

    const definitionSubstitutions: Record<string, string> = {};
    const invoked: lambda.IFunction[] = [];
    const invokedNames: string[] = [];
    for (const placeholder of placeholders) {
      const fnName = functionNameOfPlaceholder(placeholder);
      const fn = fnName === undefined ? undefined : props.functions.get(fnName);
      const other = props.substitutions?.[placeholder];
      if (fn && fnName) {
        definitionSubstitutions[placeholder] = fn.functionArn;
        invoked.push(fn);
        invokedNames.push(fnName);
      } else if (other !== undefined) {
        definitionSubstitutions[placeholder] = other;
      } else {
        throw new Error(
          `${fileName} uses \${${placeholder}} but nothing provides it: add a task function named ` +
            `'${fnName ?? placeholder}' to functions/catalog.ts or fix the placeholder`,
        );
      }
    }
    this.invokedFunctions = invokedNames;
    this.placeholders = placeholders;

    const logGroup = new logs.LogGroup(this, 'Logs', {
      // The vended-logs prefix keeps Step Functions from growing the account's
      // CloudWatch Logs resource policy with every machine.
      logGroupName: `/aws/vendedlogs/states/${Stack.of(this).stackName}-${id}`,
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.stateMachine = new sfn.StateMachine(this, 'Resource', {
      definitionBody: sfn.DefinitionBody.fromFile(props.definitionFile),
      definitionSubstitutions,
      stateMachineType: props.stateMachineType,
      ...(props.stateMachineName === undefined ? {} : { stateMachineName: props.stateMachineName }),
      tracingEnabled: true,
      // Every event, but not the payloads: states carry tenant data, and
      // tokens must never reach a log.
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });

    if (invoked.length > 0) {
      // Unqualified ARNs only: the ASL files invoke `${<Name>FunctionArn}` as is.
      this.stateMachine.addToRolePolicy(
        new iam.PolicyStatement({
          sid: 'InvokeCatalogFunctions',
          actions: ['lambda:InvokeFunction'],
          resources: invoked.map((fn) => fn.functionArn),
        }),
      );
    }

    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'CloudWatch Logs delivery (logs:CreateLogDelivery, PutResourcePolicy, ...) and X-Ray PutTraceSegments do not support resource-level permissions; Step Functions requires them on "*".',
    });
  }
}
