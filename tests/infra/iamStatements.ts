import type { Stack } from 'aws-cdk-lib';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { Template } from 'aws-cdk-lib/assertions';

/** One Allow/Deny statement with its resources flattened to readable strings. */
export interface FlatStatement {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly conditions: unknown;
  /** Where the statement lives: 'inline' on the role, or the managed policy's logical id. */
  readonly source: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type TemplateJson = { Resources: Record<string, { Type: string; Properties?: Record<string, Json> }>; Outputs?: Record<string, { Value: Json }> };

/**
 * Turns CloudFormation values into strings such as `<TableCD117FA1.Arn>/index/gsi1`,
 * following weak cross-stack references (Fn::GetStackOutput) into the
 * producing stack's outputs, so a test can say which resource a grant is on.
 */
export function flatten(value: Json, templates: ReadonlyMap<string, TemplateJson>): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((item) => flatten(item, templates)).join(',');
  if (value && typeof value === 'object') {
    if ('Ref' in value) return `<${String(value.Ref)}>`;
    if ('Fn::GetAtt' in value) {
      const [id, attribute] = value['Fn::GetAtt'] as [string, string];
      return `<${id}.${attribute}>`;
    }
    if ('Fn::Join' in value) {
      const [delimiter, parts] = value['Fn::Join'] as [string, Json[]];
      return parts.map((part) => flatten(part, templates)).join(delimiter);
    }
    if ('Fn::GetStackOutput' in value) {
      const { StackName, OutputName } = value['Fn::GetStackOutput'] as { StackName: string; OutputName: string };
      const output = templates.get(StackName)?.Outputs?.[OutputName];
      if (!output) throw new Error(`No output ${OutputName} in ${StackName}`);
      return flatten(output.Value, templates);
    }
  }
  return JSON.stringify(value);
}

const jsonCache = new WeakMap<Template, TemplateJson>();
function templateJson(template: Template): TemplateJson {
  const cached = jsonCache.get(template);
  if (cached) return cached;
  const json = template.toJSON() as TemplateJson;
  jsonCache.set(template, json);
  return json;
}

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function statementsOf(document: Json, source: string, templates: ReadonlyMap<string, TemplateJson>): FlatStatement[] {
  const statements = asArray((document as { Statement?: Json[] }).Statement);
  return statements.map((statement) => {
    const s = statement as { Action?: string | string[]; Resource?: Json | Json[]; Condition?: Json };
    return {
      actions: asArray(s.Action),
      resources: asArray(s.Resource).map((resource) => flatten(resource, templates)),
      conditions: s.Condition,
      source,
    };
  });
}

/**
 * Every statement a role is granted: its inline policies in its own stack
 * plus the managed policies it attaches (followed into the stack that
 * defines them).
 */
export function roleStatements(stack: Stack, role: CfnRole, templates: ReadonlyMap<string, Template>): FlatStatement[] {
  const json = new Map([...templates].map(([name, template]) => [name, templateJson(template)]));
  const own = json.get(stack.stackName);
  if (!own) throw new Error(`No template for ${stack.stackName}`);
  const roleId = stack.getLogicalId(role);
  const result: FlatStatement[] = [];

  for (const [id, resource] of Object.entries(own.Resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    const roles = asArray(resource.Properties?.Roles as Json[] | undefined).map((r) => flatten(r, json));
    if (roles.includes(`<${roleId}>`)) {
      result.push(...statementsOf(resource.Properties?.PolicyDocument ?? null, `inline:${id}`, json));
    }
  }

  const managed = asArray(own.Resources[roleId]?.Properties?.ManagedPolicyArns as Json[] | undefined);
  for (const arn of managed) {
    const ref = flatten(arn, json);
    const match = /^<([A-Za-z0-9]+)>$/.exec(ref);
    const policyId = match?.[1];
    const definedIn = [...json.values()].find((template) => policyId && template.Resources[policyId]?.Type === 'AWS::IAM::ManagedPolicy');
    if (!policyId || !definedIn) throw new Error(`Managed policy ${ref} of ${roleId} is not one of ours`);
    result.push(...statementsOf(definedIn.Resources[policyId]?.Properties?.PolicyDocument ?? null, policyId, json));
  }
  return result;
}
