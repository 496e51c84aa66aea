import type { Stack } from 'aws-cdk-lib';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionCatalog, type FunctionSpec } from '../../functions/catalog';
import type { AppFunction } from '../../infra/aws/constructs/AppFunction';
import { roleStatements, type FlatStatement } from './iamStatements';
import { sharedVtrack, type SynthesizedVtrack } from './synthVtrack';

/** What AWS runs: the catalogue less its local-only entries. */
const deployedCatalog = functionCatalog.filter((spec) => spec.localOnly !== true);
const tableWriteActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const isDataAction = (action: string): boolean => /^(dynamodb|s3|states|kms|lambda):/.test(action);
/** The per-tenant request counters (ApiStack's RequestCounting): UpdateItem on `T#*#RATE` partitions only, checked in apiEdge.test.ts. */
const countsRequestsOnly = (statement: FlatStatement): boolean => JSON.stringify(statement.conditions ?? {}).includes('"dynamodb:LeadingKeys":["T#*#RATE"]');

describe('IAM from catalogue needs', () => {
  let vtrack: SynthesizedVtrack;
  let templates: Map<string, Template>;
  let ids: { table: string; bucket: string; key: string; syncSource: string; syncSourceName: string };

  beforeAll(() => {
    vtrack = sharedVtrack();
    const { stacks } = vtrack;
    templates = new Map([
      [stacks.storage.stackName, vtrack.templates.storage],
      [stacks.sync.stackName, vtrack.templates.sync],
      [stacks.api.stackName, vtrack.templates.api],
      [stacks.web.stackName, vtrack.templates.web],
    ]);
    const storageId = (c: { node: { defaultChild?: unknown } }): string => stacks.storage.getLogicalId(c.node.defaultChild as never);
    ids = {
      table: storageId(stacks.storage.table),
      bucket: storageId(stacks.storage.footageBucket),
      key: storageId(stacks.storage.appKey),
      syncSource: stacks.sync.getLogicalId(stacks.sync.syncSource.node.defaultChild as never),
      syncSourceName: stacks.sync.syncSourceName,
    };
  });

  const cache = new Map<string, FlatStatement[]>();
  function statementsOf(name: string): FlatStatement[] {
    const cached = cache.get(name);
    if (cached) return cached;
    const { api, sync } = vtrack.stacks;
    const [stack, fn]: [Stack, AppFunction | undefined] = api.functions.has(name)
      ? [api, api.functions.get(name)]
      : [sync, sync.functions.get(name)];
    if (!fn) throw new Error(`No function ${name} in the app`);
    const statements = roleStatements(stack, fn.role.node.defaultChild as CfnRole, templates);
    cache.set(name, statements);
    return statements;
  }

  /** The function's environment variables and layers as the template deploys them. */
  function deployedFunction(name: string): { environment: Record<string, unknown>; layers: string } {
    const { api, sync } = vtrack.stacks;
    const [stack, template, fn] = api.functions.has(name) ? [api, vtrack.templates.api, api.functions.get(name)] : [sync, vtrack.templates.sync, sync.functions.get(name)];
    if (!fn) throw new Error(`No function ${name} in the app`);
    const resources = (template.toJSON() as { Resources: Record<string, { Properties?: { Environment?: { Variables?: Record<string, unknown> }; Layers?: unknown } }> }).Resources;
    const properties = resources[stack.getLogicalId(fn.function.node.defaultChild as never)]?.Properties;
    return { environment: properties?.Environment?.Variables ?? {}, layers: JSON.stringify(properties?.Layers ?? []) };
  }

  const actionsOf = (statements: FlatStatement[]): string[] => statements.flatMap((s) => [...s.actions]);

  it('deploys every catalogue function except the local-only sign-in, which has no function, route or table access in AWS', () => {
    // Act
    const deployed = [...vtrack.stacks.api.functions.keys(), ...vtrack.stacks.sync.functions.keys()].sort();
    const routeKeys = Object.values(vtrack.templates.api.findResources('AWS::ApiGatewayV2::Route')).map(
      (route) => (route as { Properties: { RouteKey: string } }).Properties.RouteKey,
    );

    // Assess
    expect(deployed).toEqual(functionCatalog.filter((spec) => spec.localOnly !== true).map((spec) => spec.name).sort());
    expect(deployed).not.toContain('LocalAuth');
    expect(routeKeys.filter((key) => key.includes('/api/auth/local/'))).toEqual([]);
    expect(routeKeys).toContain('GET /api/auth/config');
  });

  it('gives the Health function no data permissions at all', () => {
    // Act
    const actions = actionsOf(statementsOf('Health'));

    // Assess
    expect(actions.filter(isDataAction)).toEqual([]);
  });

  it('lets a function that only reads the table query it but never write it', () => {
    // Prepare
    const readOnly = functionCatalog.find((spec) => spec.needs.includes('table:read') && !spec.needs.includes('table:write'));
    expect(readOnly, 'the catalogue has a table:read-only function').toBeDefined();

    // Act: besides counting its tenant's requests.
    const actions = actionsOf(statementsOf((readOnly as FunctionSpec).name).filter((statement) => !countsRequestsOnly(statement)));

    // Assess
    expect(actions).toContain('dynamodb:Query');
    for (const write of tableWriteActions) expect(actions).not.toContain(write);
  });

  it.each(deployedCatalog.map((spec) => [spec.name, spec] as const))('grants %s exactly the kinds of access its needs name', (_name, spec) => {
    // Act: besides counting its tenant's requests.
    const statements = statementsOf(spec.name).filter((statement) => !countsRequestsOnly(statement));
    const actions = actionsOf(statements);
    const directKeyUse = statements.some((s) => s.actions.some((a) => a.startsWith('kms:')) && s.conditions === undefined);
    const envelopeKeyUse = statements.some((s) => s.actions.includes('kms:Decrypt') && JSON.stringify(s.conditions).includes('kms:EncryptionContext:purpose'));

    // Assess
    expect(actions.includes('dynamodb:Query')).toBe(spec.needs.includes('table:read'));
    expect(tableWriteActions.some((a) => actions.includes(a))).toBe(spec.needs.includes('table:write'));
    expect(actions.includes('s3:GetObject')).toBe(spec.needs.includes('bucket:read'));
    expect(actions.includes('s3:PutObject')).toBe(spec.needs.includes('bucket:write'));
    expect(actions.includes('states:StartExecution')).toBe(spec.needs.includes('sfn:start'));
    // The post-confirmation trigger's own Cognito call is checked in apiStack.test.ts.
    if (spec.kind === 'http') expect(actions.some((a) => a.startsWith('cognito-idp:'))).toBe(spec.needs.includes('cognito:users'));
    expect(directKeyUse).toBe(false);
    expect(envelopeKeyUse).toBe(spec.needs.some((need) => need.startsWith('kms:')));
  });

  it('lets each function use the app key outside DynamoDB only for the secret purposes it names, and seal only where it must', () => {
    // Prepare: purpose -> what the function may do with secrets of that purpose.
    const expected: Record<string, Record<string, string[]>> = {
      Google: { 'google-connection': ['kms:Decrypt', 'kms:GenerateDataKey'], pkce: ['kms:Decrypt', 'kms:GenerateDataKey'] },
      StartSourceSync: { 'google-connection': ['kms:Decrypt'] },
      PlanSync: { 'google-connection': ['kms:Decrypt'] },
      TransferBatch: { 'google-connection': ['kms:Decrypt'] },
      // Camera passwords: sealed when a camera is added from the web app, opened only for the agent that records it.
      CameraOnboarding: { 'camera-credentials': ['kms:Decrypt', 'kms:GenerateDataKey'] },
      AgentApi: { 'camera-credentials': ['kms:Decrypt'] },
    };

    for (const spec of deployedCatalog) {
      // Act
      const byPurpose: Record<string, string[]> = {};
      for (const statement of statementsOf(spec.name).filter((s) => s.resources.includes(`<${ids.key}.Arn>`))) {
        const conditions = statement.conditions as { StringEquals?: Record<string, string>; Null?: Record<string, string> } | undefined;
        if (conditions?.StringEquals?.['kms:ViaService'] !== undefined) continue;
        const purpose = conditions?.StringEquals?.['kms:EncryptionContext:purpose'] ?? '(no purpose condition)';
        expect(conditions?.Null?.['kms:EncryptionContext:tenantId'], `${spec.name} ${purpose}`).toBe('false');
        byPurpose[purpose] = [...(byPurpose[purpose] ?? []), ...statement.actions].sort();
      }

      // Assess
      expect(byPurpose, spec.name).toEqual(expected[spec.name] ?? {});
    }
  });

  it.each(deployedCatalog.map((spec) => [spec.name] as const))(
    'scopes every data permission of %s to the table, its indexes, the footage bucket, the app key or sync-source',
    (name) => {
      // Prepare
      const allowed = new Set([
        `<${ids.table}.Arn>`,
        `<${ids.table}.Arn>/index/gsi1`,
        `<${ids.table}.Arn>/index/gsi2`,
        `<${ids.bucket}.Arn>`,
        `<${ids.bucket}.Arn>/*`,
        `<${ids.key}.Arn>`,
        `<${ids.syncSource}>`,
        // Its executions, for DescribeExecution (is a claimed run still alive?), by the machine's fixed name.
        `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${ids.syncSourceName}:*`,
      ]);

      // Act
      const dataResources = statementsOf(name)
        .filter((s) => s.actions.some(isDataAction))
        .flatMap((s) => [...s.resources]);

      // Assess
      expect(dataResources.filter((resource) => !allowed.has(resource))).toEqual([]);
    },
  );

  it('uses the app key for the table only through DynamoDB', () => {
    // Act
    const tableKeyStatements = statementsOf('Sources').filter((s) => s.actions.includes('kms:Decrypt'));

    // Assess
    expect(tableKeyStatements.length).toBeGreaterThan(0);
    for (const statement of tableKeyStatements) {
      expect(JSON.stringify(statement.conditions)).toContain('kms:ViaService');
    }
  });

  it('lets exactly the functions needing page tokens read the page-token key, by name in the environment, never its value', () => {
    // Prepare
    const secretId = vtrack.stacks.storage.getLogicalId(vtrack.stacks.storage.pageTokenKey.node.defaultChild as never);
    // Every HTTP function also reads the origin-verify value (apiEdge.test.ts).
    const originVerify = `<${vtrack.stacks.api.getLogicalId(vtrack.stacks.api.originVerifySecret.node.defaultChild as never)}>`;

    for (const spec of deployedCatalog) {
      // Act
      const reads = statementsOf(spec.name).filter((s) => s.actions.includes('secretsmanager:GetSecretValue'));
      const { environment, layers } = deployedFunction(spec.name);

      // Assess
      const needs = spec.needs.includes('page-tokens');
      expect(reads.flatMap((s) => [...s.resources]).filter((resource) => resource !== originVerify), spec.name).toEqual(needs ? [`<${secretId}>`] : []);
      expect('PAGE_TOKEN_KEY_SECRET_ID' in environment, spec.name).toBe(needs);
      expect('PAGE_TOKEN_KEY' in environment, spec.name).toBe(false);
      // Google's client secret is read the same way, so Google-facing functions carry the extension too.
      expect(layers.includes('Paramsandsecretslayer'), spec.name).toBe(needs || spec.needs.includes('google') || spec.kind === 'http');
    }
  });

  it('lets each function write logs to its own log group only', () => {
    for (const spec of deployedCatalog) {
      // Act
      const logStatements = statementsOf(spec.name).filter((s) => s.actions.some((a) => a.startsWith('logs:')));

      // Assess
      expect(logStatements.flatMap((s) => [...s.resources])).toEqual([expect.stringMatching(new RegExp(`^<${spec.name}Logs[0-9A-F]{8}\\.Arn>$`))]);
    }
  });
});
