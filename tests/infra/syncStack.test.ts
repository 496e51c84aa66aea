import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AslStateMachine } from '../../infra/aws/constructs/AslStateMachine';
import { repoRoot } from '../../infra/aws/repoRoot';
import { sharedVtrack, type SynthesizedVtrack } from './synthVtrack';
import { validateAsl } from './validateAsl';

type StateMachineResource = {
  Properties: {
    StateMachineType: string;
    DefinitionString?: string;
    DefinitionS3Location?: { Key: string };
    DefinitionSubstitutions?: Record<string, { 'Fn::GetAtt'?: [string, string]; Ref?: string }>;
    LoggingConfiguration?: { Level: string };
    TracingConfiguration?: { Enabled: boolean };
    RoleArn: { 'Fn::GetAtt': [string, string] };
  };
};

const aslFiles = ['dispatch.asl.json', 'sync-source.asl.json'].map((name) => path.join(repoRoot, 'statemachines', name));

/**
 * The definition as deployed: DefinitionBody.fromFile ships the file as an
 * asset (DefinitionS3Location), which lands in the cloud assembly as
 * `asset.<key>`; an inline DefinitionString is taken as is.
 */
function definitionOf(machine: StateMachineResource, assemblyDir: string): string {
  const { DefinitionString, DefinitionS3Location } = machine.Properties;
  if (DefinitionString !== undefined) return DefinitionString;
  if (!DefinitionS3Location) throw new Error('state machine has no definition');
  return fs.readFileSync(path.join(assemblyDir, `asset.${DefinitionS3Location.Key}`), 'utf8');
}

/** What CloudFormation does with DefinitionSubstitutions, with example ARNs for the references. */
function substitute(machine: StateMachineResource, assemblyDir: string): string {
  let definition = definitionOf(machine, assemblyDir);
  for (const [key, value] of Object.entries(machine.Properties.DefinitionSubstitutions ?? {})) {
    const logicalId = value['Fn::GetAtt']?.[0] ?? value.Ref ?? 'Unknown';
    const arn = value['Fn::GetAtt']
      ? `arn:aws:lambda:eu-west-1:000000000000:function:${logicalId}`
      : `arn:aws:states:eu-west-1:000000000000:stateMachine:${logicalId}`;
    definition = definition.split(`\${${key}}`).join(arn);
  }
  return definition;
}

describe('SyncStack', () => {
  let vtrack: SynthesizedVtrack;
  let sync: Template;
  let dispatchId: string;
  let syncSourceId: string;

  beforeAll(() => {
    vtrack = sharedVtrack();
    sync = vtrack.templates.sync;
    dispatchId = vtrack.stacks.sync.getLogicalId(vtrack.stacks.sync.dispatch.node.defaultChild as sfn.CfnStateMachine);
    syncSourceId = vtrack.stacks.sync.getLogicalId(vtrack.stacks.sync.syncSource.node.defaultChild as sfn.CfnStateMachine);
  });

  const machines = (): Record<string, StateMachineResource> =>
    sync.findResources('AWS::StepFunctions::StateMachine') as Record<string, StateMachineResource>;

  it('runs dispatch as EXPRESS and sync-source as STANDARD, both logging every event and traced', () => {
    // Act
    const { [dispatchId]: dispatch, [syncSourceId]: syncSource } = machines();

    // Assess
    expect(dispatch?.Properties.StateMachineType).toBe('EXPRESS');
    expect(syncSource?.Properties.StateMachineType).toBe('STANDARD');
    for (const machine of [dispatch, syncSource]) {
      expect(machine?.Properties.LoggingConfiguration?.Level).toBe('ALL');
      expect(machine?.Properties.TracingConfiguration?.Enabled).toBe(true);
    }
  });

  it('loads each definition from its ASL file unchanged', () => {
    // Act
    const { [dispatchId]: dispatch, [syncSourceId]: syncSource } = machines();
    const deployed = [dispatch, syncSource].map((machine) => JSON.parse(definitionOf(machine as StateMachineResource, vtrack.app.outdir)));

    // Assess
    expect(deployed).toEqual(aslFiles.map((file) => JSON.parse(fs.readFileSync(file, 'utf8'))));
  });

  it('leaves no ${ in any state machine definition after substitution', () => {
    // Prepare
    expect(Object.keys(machines())).toHaveLength(2);

    for (const machine of Object.values(machines())) {
      // Act
      const definition = substitute(machine, vtrack.app.outdir);

      // Assess
      expect(definition).not.toContain('${');
    }
  });

  it('substitutes each function placeholder with that catalogue function, and nothing more', () => {
    // Prepare
    const fnId = (name: string): string => {
      const fn = vtrack.stacks.sync.functions.get(name);
      if (!fn) throw new Error(`no ${name}`);
      return vtrack.stacks.sync.getLogicalId(fn.function.node.defaultChild as lambda.CfnFunction);
    };

    // The ASL files name their functions as ${<Name>FunctionArn}; each must become that function's ARN.
    const expectedFor = (file: string): Record<string, unknown> =>
      Object.fromEntries(
        [...fs.readFileSync(path.join(repoRoot, 'statemachines', file), 'utf8').matchAll(/\$\{([A-Za-z0-9]+)FunctionArn\}/g)].map(([, name]) => [
          `${name}FunctionArn`,
          { 'Fn::GetAtt': [fnId(name ?? ''), 'Arn'] },
        ]),
      );

    // Act
    const { [dispatchId]: dispatch, [syncSourceId]: syncSource } = machines();

    // Assess
    expect(Object.keys(expectedFor('dispatch.asl.json'))).toEqual(expect.arrayContaining(['ClaimDueSourcesFunctionArn', 'StartSourceSyncFunctionArn']));
    expect(Object.keys(expectedFor('sync-source.asl.json'))).toEqual(expect.arrayContaining(['BeginRunFunctionArn', 'FinishRunFunctionArn']));
    expect(dispatch?.Properties.DefinitionSubstitutions).toEqual(expectedFor('dispatch.asl.json'));
    expect(syncSource?.Properties.DefinitionSubstitutions).toEqual(expectedFor('sync-source.asl.json'));
  });

  it('lets each state machine invoke exactly the functions its definition names', () => {
    for (const machine of Object.values(machines())) {
      // Prepare
      const roleId = machine.Properties.RoleArn['Fn::GetAtt'][0];
      const expected = Object.values(machine.Properties.DefinitionSubstitutions ?? {})
        .map((value) => value['Fn::GetAtt'])
        .filter((getAtt) => getAtt !== undefined);

      // Act
      const invokeResources = Object.values(sync.findResources('AWS::IAM::Policy'))
        .filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
        .filter((statement) => [statement.Action].flat().includes('lambda:InvokeFunction'))
        .flatMap((statement) => [statement.Resource].flat());

      // Assess
      expect(invokeResources).toEqual(expect.arrayContaining(expected.map((getAtt) => ({ 'Fn::GetAtt': getAtt }))));
      expect(invokeResources).toHaveLength(expected.length);
    }
  });

  it('starts dispatch every minute from an EventBridge rule', () => {
    // Assess
    sync.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { Ref: dispatchId } })],
    });
  });

  it('judges camera health every minute from an EventBridge rule, finishing before the next run starts', () => {
    // Prepare
    const functions = sync.findResources('AWS::Lambda::Function') as Record<string, { Properties: { Timeout?: number } }>;
    const [judgeId, judge] = Object.entries(functions).find(([id]) => id.startsWith('CameraHealthSchedule')) ?? [];
    expect(judgeId).toBeDefined();
    const rules = Object.values(sync.findResources('AWS::Events::Rule') as Record<string, { Properties: { ScheduleExpression?: string; Targets: { Arn: { 'Fn::GetAtt'?: [string, string] } }[] } }>);

    // Assess
    const rule = rules.find((r) => r.Properties.Targets.some((target) => target.Arn['Fn::GetAtt']?.[0] === judgeId));
    expect(rule?.Properties.ScheduleExpression).toBe('rate(1 minute)');
    expect(judge?.Properties.Timeout).toBeLessThan(60);
    sync.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', FunctionName: { 'Fn::GetAtt': [judgeId, 'Arn'] } });
  });

  it.each(aslFiles.map((file) => [path.basename(file), file] as const))('finds %s valid ASL as written, placeholders and all', (_name, file) => {
    // Act
    // With ARN checks on, a `${...}` Resource is accepted as a deploy-time placeholder.
    const result = validateAsl(JSON.parse(fs.readFileSync(file, 'utf8')), { checkArn: true, checkPaths: true });

    // Assess
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('finds every substituted definition in the template valid ASL, ARNs included', () => {
    for (const machine of Object.values(machines())) {
      // Act
      const result = validateAsl(JSON.parse(substitute(machine, vtrack.app.outdir)), { checkArn: true, checkPaths: true });

      // Assess
      expect(result.errorsText('\n')).toBe('');
      expect(result.isValid).toBe(true);
    }
  });
});

describe('AslStateMachine', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrack-asl-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails synth, naming the placeholder, when a definition uses a function the catalogue lacks', () => {
    // Prepare
    const file = path.join(dir, 'orphan.asl.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Task', Resource: '${MissingFunctionArn}', End: true } } }),
    );
    const stack = new Stack(new App(), 'Test');

    // Act
    const build = (): unknown =>
      new AslStateMachine(stack, 'Orphan', { definitionFile: file, stateMachineType: sfn.StateMachineType.STANDARD, functions: new Map() });

    // Assess
    expect(build).toThrow(/\$\{MissingFunctionArn\}.*'Missing'/);
  });
});
