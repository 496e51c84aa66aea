import path from 'node:path';
import { Tags, type App } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { FunctionSpec } from '../../functions/catalog';
import { readSettings } from './readSettings';
import { ApiStack } from './stacks/ApiStack';
import { StorageStack } from './stacks/StorageStack';
import { SyncStack } from './stacks/SyncStack';
import { WebStack } from './stacks/WebStack';

export interface VtrackAppOptions {
  /** The function catalogue (functions/catalog.ts); tests may hand in a subset. */
  readonly catalog: readonly FunctionSpec[];
  readonly repoRoot: string;
  /** ASL files; default `statemachines/<name>.asl.json` under repoRoot. */
  readonly definitionFiles?: { readonly dispatch: string; readonly syncSource: string };
  /** Built web app; default `web/dist` under repoRoot. */
  readonly siteDir?: string;
  /** Where `npm run agent:release` wrote the release and its checksum; default `dist` under repoRoot. */
  readonly agentReleaseDir?: string;
}

export interface VtrackStacks {
  readonly storage: StorageStack;
  readonly sync: SyncStack;
  readonly api: ApiStack;
  readonly web: WebStack;
}

/**
 * The whole VTrack deployment, in dependency order (storage → sync → api →
 * web). The CDK app and the infra tests both build it here, so the tests
 * check what `cdk deploy` ships.
 */
export function createVtrackApp(app: App, options: VtrackAppOptions): VtrackStacks {
  const settings = readSettings(app);
  const { catalog, repoRoot } = options;
  const definitionFiles = options.definitionFiles ?? {
    dispatch: path.join(repoRoot, 'statemachines', 'dispatch.asl.json'),
    syncSource: path.join(repoRoot, 'statemachines', 'sync-source.asl.json'),
  };

  const storage = new StorageStack(app, `${settings.stackPrefix}Storage`, {
    description: 'VTrack data: DynamoDB table, footage bucket, app KMS key',
    footageCorsOrigins: settings.footageCorsOrigins,
  });
  const resources = {
    table: storage.table,
    footageBucket: storage.footageBucket,
    appKey: storage.appKey,
    pageTokenKey: storage.pageTokenKey,
    needPolicies: storage.needPolicies,
    ...(settings.google === undefined
      ? {}
      : {
          google: {
            clientId: settings.google.clientId,
            clientSecret: secretsmanager.Secret.fromSecretNameV2(storage, 'GoogleClientSecret', settings.google.clientSecretName),
            publicUrl: settings.google.publicUrl,
          },
        }),
  };

  const sync = new SyncStack(app, `${settings.stackPrefix}Sync`, {
    description: 'VTrack scheduled sync: state machines, task functions, schedule',
    catalog,
    resources,
    repoRoot,
    definitionFiles,
    logLevel: settings.logLevel,
  });

  const api = new ApiStack(app, `${settings.stackPrefix}Api`, {
    description: 'VTrack HTTP API and Cognito sign-in',
    catalog,
    resources: { ...resources, syncSourceStateMachine: sync.syncSource, syncSourceStateMachineName: sync.syncSourceName },
    repoRoot,
    authDomainPrefix: settings.authDomainPrefix,
    ...(settings.emailFrom !== undefined ? { emailFrom: settings.emailFrom } : {}),
    logLevel: settings.logLevel,
  });

  const web = new WebStack(app, `${settings.stackPrefix}Web`, {
    description: 'VTrack web app on CloudFront, with /api/* forwarded to the HTTP API',
    apiDomainName: api.apiDomainName,
    originVerifySecret: api.originVerifySecret,
    userPool: api.userPool,
    webClient: api.webClient,
    authDomainUrl: api.authDomain.baseUrl(),
    mediaOrigins: [`https://${storage.footageBucket.bucketRegionalDomainName}`],
    siteDir: options.siteDir ?? path.join(repoRoot, 'web', 'dist'),
    agentReleaseDir: options.agentReleaseDir ?? path.join(repoRoot, 'dist'),
  });

  Tags.of(app).add('app', 'vtrack');
  return { storage, sync, api, web };
}
