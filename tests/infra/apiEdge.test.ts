import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionCatalog } from '../../functions/catalog';
import { ORIGIN_VERIFY_HEADER } from '../../functions/middleware/originGuard';
import { roleStatements } from './iamStatements';
import { sharedVtrack, type SynthesizedVtrack } from './synthVtrack';

/** What AWS runs behind API Gateway. */
const httpFunctions = functionCatalog.filter((spec) => spec.kind === 'http' && spec.localOnly !== true);

type Origin = { Id: string; DomainName: unknown; OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[] };

describe('the edge of the API in AWS', () => {
  let vtrack: SynthesizedVtrack;
  let templates: Map<string, Template>;
  let originVerifyId: string;

  beforeAll(() => {
    vtrack = sharedVtrack();
    const { stacks } = vtrack;
    templates = new Map([
      [stacks.storage.stackName, vtrack.templates.storage],
      [stacks.sync.stackName, vtrack.templates.sync],
      [stacks.api.stackName, vtrack.templates.api],
      [stacks.web.stackName, vtrack.templates.web],
    ]);
    originVerifyId = stacks.api.getLogicalId(stacks.api.originVerifySecret.node.defaultChild as never);
  });

  const statementsOf = (name: string) => {
    const fn = vtrack.stacks.api.functions.get(name);
    if (!fn) throw new Error(`no function ${name}`);
    return roleStatements(vtrack.stacks.api, fn.role.node.defaultChild as CfnRole, templates);
  };
  const environmentOf = (name: string): Record<string, unknown> => {
    const fn = vtrack.stacks.api.functions.get(name);
    if (!fn) throw new Error(`no function ${name}`);
    const resources = vtrack.templates.api.toJSON() as { Resources: Record<string, { Properties: { Environment?: { Variables?: Record<string, unknown> } } }> };
    return resources.Resources[vtrack.stacks.api.getLogicalId(fn.function.node.defaultChild as never)]?.Properties.Environment?.Variables ?? {};
  };

  it('has CloudFront add the origin-verify secret to every request it forwards to the API, resolved at deploy time', () => {
    // Prepare
    const [distribution] = Object.values(vtrack.templates.web.findResources('AWS::CloudFront::Distribution'));
    const config = (distribution?.Properties as { DistributionConfig: { Origins: Origin[]; CacheBehaviors: { PathPattern: string; TargetOriginId: string }[] } }).DistributionConfig;

    // Act
    const apiOriginId = config.CacheBehaviors.find((behavior) => behavior.PathPattern === '/api/*')?.TargetOriginId;
    const apiOrigin = config.Origins.find((origin) => origin.Id === apiOriginId);
    const headers = apiOrigin?.OriginCustomHeaders ?? [];

    // Assess: a dynamic reference to the API stack's secret, never its value in the template.
    expect(headers.map((header) => header.HeaderName)).toEqual([ORIGIN_VERIFY_HEADER]);
    const value = JSON.stringify(headers[0]?.HeaderValue);
    expect(value).toContain('{{resolve:secretsmanager:');
    expect(value).toContain(':SecretString:::}}');
    // The API stack's secret, through a weak cross-stack reference to its ARN.
    expect(value).toMatch(new RegExp(`"StackName":"${vtrack.stacks.api.stackName}".*"OutputName":"[A-Za-z]*${originVerifyId}`));
  });

  it.each(httpFunctions.map((spec) => [spec.name] as const))('makes %s check that value: the secret by name in its environment, read access to it, the Secrets extension', (name) => {
    // Act
    const environment = environmentOf(name);
    const reads = statementsOf(name).filter((statement) => statement.actions.includes('secretsmanager:GetSecretValue'));

    // Assess
    expect(environment['ORIGIN_VERIFY_SECRET_ID']).toEqual({ Ref: originVerifyId });
    expect(reads.flatMap((statement) => [...statement.resources])).toContain(`<${originVerifyId}>`);
  });

  it('lets every HTTP function that touches the table count its tenant\'s requests, and write nothing else through that grant', () => {
    const tableId = vtrack.stacks.storage.getLogicalId(vtrack.stacks.storage.table.node.defaultChild as never);
    for (const spec of httpFunctions) {
      // Act
      const counting = statementsOf(spec.name).filter((statement) => JSON.stringify(statement.conditions ?? {}).includes('dynamodb:LeadingKeys'));

      // Assess
      if (!spec.needs.includes('table:read')) {
        expect(counting, spec.name).toEqual([]);
        continue;
      }
      expect(counting.map((statement) => [statement.actions, statement.resources, statement.conditions]), spec.name).toEqual([
        [['dynamodb:UpdateItem'], [`<${tableId}.Arn>`], { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['T#*#RATE'] } }],
      ]);
    }
  });

  it('keeps the stage-wide throttle under the per-tenant limits, and no WAF by written decision', () => {
    // Assess: API Gateway's own limit stays as the account-wide ceiling.
    vtrack.templates.api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
    // No web ACL (cost and a us-east-1 stack, see the CFR2 acknowledgement and docs/COSTS.md).
    for (const template of templates.values()) template.resourceCountIs('AWS::WAFv2::WebACL', 0);
  });
});
