import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../../core/ports/clock';
import { DISPATCH_RATE_MINUTES } from '../../core/sync/schedule';
import { functionCatalog } from '../../functions/catalog';
import { cognitoBearerVerifier, localBearerVerifier, type LocalAuthMode } from './auth/bearerVerifier';
import { localClientConfig } from './awsClientConfig';
import { createTableIfMissing } from './dynamodb/createTableIfMissing';
import { startDynamoStandIn } from './dynamodb/startDynamoStandIn';
import { startLocalHttpServer } from './http/localHttpServer';
import { apiSecurityPolicy, originOf, securityHeaderValues, siteSecurityPolicy } from '../shared/siteSecurityPolicy';
import { loadCatalogHandlers, type LoadedFunction } from './lambda/loadCatalogHandlers';
import { localLambdaContext } from './lambda/localLambdaContext';
import { loadOrCreateLocalAuthKey, loadOrCreateLocalKey } from './localAuthKey';
import { startLocalScheduler } from './localScheduler';
import { installPromiseWithResolvers } from './promiseWithResolvers';
import type { RunningService } from './runningService';
import { startS3StandIn } from './s3/startS3StandIn';
import { LocalAgentProcesses } from './agent/localAgentProcesses';
import { sampleOfferRoutes } from './agent/sampleOffer';
import { agentReleaseDownloads } from './agent/agentReleaseDownloads';
import { S3Client } from '@aws-sdk/client-s3';
import { lifecycleClasses, RETAIN_TAG_KEY } from '../../core/storage/retentionTags';
import { sweepExpiredObjects } from './s3/lifecycleSweeper';
import { localFunctionArn, localStateMachineArn } from './stepfunctions/localArns';
import { loadDefinition } from './stepfunctions/loadDefinition';
import { LocalStepFunctions, type JSONValue } from './stepfunctions/localStepFunctions';
import { startStepFunctionsEndpoint } from './stepfunctions/stepFunctionsEndpoint';

export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const LOCAL_TABLE_NAME = 'vtrack';
export const LOCAL_BUCKET_NAME = 'vtrack-footage';

export interface LocalStackOptions {
  /** Port of the one URL (web app and API); 0 picks a free one. */
  readonly port?: number;
  /** Where S3 objects, DynamoDB tables and the local signing key live; survives restarts. */
  readonly dataDir: string;
  /** The built web app; default web/dist. */
  readonly webDir?: string;
  /** How often the scheduler fires dispatch; default the deployed rule's rate. */
  readonly schedulerIntervalMs?: number;
  /** Shortens Retry intervals of the state machines (tests). */
  readonly retryIntervalMs?: number;
  /** Log warnings and errors only. */
  readonly quiet?: boolean;
  /** How often the S3 stand-in's lifecycle sweeper runs; default hourly. */
  readonly sweepIntervalMs?: number;
  /** More environment for the handlers, e.g. Google URLs pointing at a test fake. */
  readonly env?: Readonly<Record<string, string>>;
  /** Default local sign-in; `cognito` verifies tokens of a user pool (in tests, the Cognito fake). */
  readonly auth?: LocalAuthMode;
  /**
   * Run this machine's edge agents (one per tenant that took one, started again
   * with the stack) and offer the sample footage as a first local-folder source
   * (`/api/local/sample`). `npm start` turns it on.
   */
  readonly localAgents?: boolean;
}

export interface LocalStack {
  readonly url: string;
  readonly endpoints: { readonly s3: string; readonly dynamodb: string; readonly stepFunctions: string };
  /** The S3 stand-in's child process (restarted on the same endpoint if it dies). */
  readonly s3StandIn: { readonly pid: number | undefined };
  readonly stepFunctions: LocalStepFunctions;
  readonly tableName: string;
  readonly bucketName: string;
  /** Starts one dispatch now, as a scheduler tick would, and waits for all executions to end. */
  dispatchNow(): Promise<void>;
  /** Waits until no state machine execution is running. */
  settle(): Promise<void>;
  /** Runs the S3 stand-in's lifecycle now (as of `now`, default the clock): deletes what its rules expire. */
  sweepNow(now?: Date): Promise<{ checked: number; deleted: string[] }>;
  /** Runs every scheduled task function once (the catalogue's 'every-minute' rules, such as RetagWorker). */
  runScheduledTasks(): Promise<void>;
  stop(): Promise<void>;
}

const MACHINES = [
  { name: 'dispatch', file: 'statemachines/dispatch.asl.json' },
  { name: 'sync-source', file: 'statemachines/sync-source.asl.json' },
] as const;

/**
 * The whole system on one machine: S3 and DynamoDB stand-ins, the state
 * machines in the ASL interpreter behind a Step Functions endpoint, the API and
 * web app on one URL, and the scheduler. Handlers are the deployed modules,
 * wired through the same environment variables as in AWS; only endpoints differ.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  installPromiseWithResolvers();
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const started: RunningService[] = [];
  const stopAll = async (): Promise<void> => {
    for (const service of started.reverse()) await service.stop();
  };

  try {
    const auth = options.auth ?? { mode: 'local' };
    const authKey = await loadOrCreateLocalAuthKey(dataDir);
    const masterKey = await loadOrCreateLocalKey(dataDir, 'local-master.key');
    const s3 = await startS3StandIn({ dataDir: path.join(dataDir, 's3'), buckets: [LOCAL_BUCKET_NAME] });
    started.push(s3);
    const dynamodb = await startDynamoStandIn({ dataDir: path.join(dataDir, 'dynamodb') });
    started.push(dynamodb);
    const setupClient = new DynamoDBClient(localClientConfig(dynamodb.endpoint));
    await createTableIfMissing(setupClient, LOCAL_TABLE_NAME);
    setupClient.destroy();

    const substitutions: Record<string, string> = {};
    for (const spec of functionCatalog) substitutions[`${spec.name}FunctionArn`] = localFunctionArn(spec.name);
    const machines = await Promise.all(
      MACHINES.map(async ({ name, file }) => ({ name, definition: await loadDefinition(path.join(REPO_ROOT, file), substitutions) })),
    );

    // Filled once the handlers are imported, which waits for the environment below.
    let functionsByArn = new Map<string, LoadedFunction>();
    const stepFunctions = new LocalStepFunctions(
      machines,
      async (resourceArn, input) => {
        const loaded = functionsByArn.get(resourceArn);
        if (loaded === undefined) throw new Error(`no local function for ${resourceArn}`);
        return (await loaded.handler(input, localLambdaContext(loaded.spec.name, loaded.spec.timeoutSeconds ?? 60))) as JSONValue;
      },
      options.retryIntervalMs === undefined ? {} : { retryIntervalMs: options.retryIntervalMs },
    );
    started.push({ endpoint: 'in-process', stop: () => stepFunctions.stop() });
    const sfnEndpoint = await startStepFunctionsEndpoint(stepFunctions);
    started.push(sfnEndpoint);

    // Handlers wire their clients from these, the same names CDK sets in AWS.
    setProcessEnv({
      TABLE_NAME: LOCAL_TABLE_NAME,
      BUCKET_NAME: LOCAL_BUCKET_NAME,
      ...authEnv(auth, authKey),
      SYNC_SOURCE_STATE_MACHINE_ARN: localStateMachineArn('sync-source'),
      LOG_LEVEL: options.quiet === true ? 'warn' : (process.env['LOG_LEVEL'] ?? 'info'),
      AWS_REGION: localClientConfig(s3.endpoint).region,
      AWS_ACCESS_KEY_ID: localClientConfig(s3.endpoint).credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localClientConfig(s3.endpoint).credentials.secretAccessKey,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
      AWS_ENDPOINT_URL_SFN: sfnEndpoint.endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      LOCAL_MASTER_KEY: masterKey.toString('base64url'),
      PAGE_TOKEN_KEY: (await loadOrCreateLocalKey(dataDir, 'page-token.key')).toString('base64url'),
      // GET /api/health asks each stand-in, so a dead one shows there (functions/api/health.ts).
      LOCAL_STANDIN_ENDPOINTS: `s3=${s3.endpoint},dynamodb=${dynamodb.endpoint},stepFunctions=${sfnEndpoint.endpoint}`,
      ...options.env,
    });
    const functions = await loadCatalogHandlers(REPO_ROOT);
    functionsByArn = new Map([...functions.values()].map((loaded) => [localFunctionArn(loaded.spec.name), loaded]));

    let apiUrl = '';
    const agents = options.localAgents === true ? new LocalAgentProcesses({ dataDir, repoRoot: REPO_ROOT, apiUrl: () => apiUrl, log: (line) => console.log(line) }) : null;
    const http = await startLocalHttpServer({
      ...(agents === null ? {} : { localRoutes: sampleOfferRoutes({ repoRoot: REPO_ROOT, dataDir, apiUrl: () => apiUrl, agents }) }),
      functions,
      downloads: agentReleaseDownloads({ dataDir }),
      webDir: options.webDir ?? path.join(REPO_ROOT, 'web', 'dist'),
      verifyBearer: auth.mode === 'cognito' ? cognitoBearerVerifier(auth, systemClock) : localBearerVerifier(authKey, systemClock),
      port: options.port ?? 0,
      // The page talks to Cognito's user-pool API (cognito mode) and plays presigned URLs of the S3 stand-in.
      securityHeaders: securityHeaderValues(
        siteSecurityPolicy({ connect: auth.mode === 'cognito' ? [originOf(auth.endpoint)] : [], media: [originOf(s3.endpoint)] }),
      ),
      apiSecurityHeaders: securityHeaderValues(apiSecurityPolicy()),
      onError: (error) => console.error('local API error:', error),
    });
    started.push(http);
    apiUrl = http.endpoint;
    if (agents !== null) {
      // Stopped before the API, so an agent's last heartbeat still lands.
      started.push({ endpoint: 'edge agents', stop: () => agents.stop() });
      await agents.resume();
    }
    // Google sends the browser back here after consent; known once the port is.
    if (options.env?.['PUBLIC_URL'] === undefined) process.env['PUBLIC_URL'] = http.endpoint;

    let dispatches = 0;
    const dispatch = async (): Promise<void> => {
      dispatches += 1;
      const name = `dispatch-${Date.now()}-${dispatches}`;
      stepFunctions.startExecution(localStateMachineArn('dispatch'), '{}', name);
    };
    const scheduler = startLocalScheduler(dispatch, options.schedulerIntervalMs ?? DISPATCH_RATE_MINUTES * 60_000, (error) =>
      console.error('scheduled dispatch failed to start:', error),
    );
    started.push({ endpoint: 'scheduler', stop: () => Promise.resolve(scheduler.stop()) });

    // EventBridge rules of task functions: schedules on the local scheduler, lifecycle expirations from the sweeper.
    const invoke = async (name: string, input: unknown): Promise<void> => {
      const loaded = [...functions.values()].find((fn) => fn.spec.name === name);
      if (loaded === undefined) throw new Error(`no local function ${name}`);
      await loaded.handler(input, localLambdaContext(name, loaded.spec.timeoutSeconds ?? 60));
    };
    const scheduledTasks = functionCatalog.filter((spec) => spec.kind === 'task' && spec.eventRule === 'every-minute');
    const runScheduledTasks = async (): Promise<void> => {
      for (const spec of scheduledTasks) await invoke(spec.name, { source: 'aws.events', 'detail-type': 'Scheduled Event' });
    };
    const taskScheduler = startLocalScheduler(runScheduledTasks, options.schedulerIntervalMs ?? 60_000, (error) => console.error('scheduled task failed:', error));
    started.push({ endpoint: 'task scheduler', stop: () => Promise.resolve(taskScheduler.stop()) });
    const expiryHandler = functionCatalog.find((spec) => spec.eventRule === 'footage-lifecycle-expiration');
    const sweepClient = new S3Client(localClientConfig(s3.endpoint));
    const sweepNow = (now: Date = systemClock.now()) =>
      sweepExpiredObjects(
        {
          client: sweepClient,
          bucket: LOCAL_BUCKET_NAME,
          classes: lifecycleClasses,
          tagKey: RETAIN_TAG_KEY,
          onDeleted: (event) => (expiryHandler === undefined ? Promise.resolve() : invoke(expiryHandler.name, event)),
        },
        now,
      );
    const sweeper = startLocalScheduler(() => sweepNow().then(() => undefined), options.sweepIntervalMs ?? 3_600_000, (error) => console.error('lifecycle sweep failed:', error));
    started.push({ endpoint: 'lifecycle sweeper', stop: () => Promise.resolve((sweeper.stop(), sweepClient.destroy())) });

    return {
      url: http.endpoint,
      endpoints: { s3: s3.endpoint, dynamodb: dynamodb.endpoint, stepFunctions: sfnEndpoint.endpoint },
      s3StandIn: s3,
      stepFunctions,
      tableName: LOCAL_TABLE_NAME,
      bucketName: LOCAL_BUCKET_NAME,
      dispatchNow: async () => {
        await dispatch();
        await stepFunctions.settle();
      },
      settle: () => stepFunctions.settle(),
      sweepNow,
      runScheduledTasks,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function setProcessEnv(values: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

/** The names the handlers read, as CDK sets them in AWS (cognito) or as local mode needs them. */
function authEnv(auth: LocalAuthMode, authKey: Buffer): Record<string, string | undefined> {
  if (auth.mode === 'local') return { AUTH_MODE: 'local', LOCAL_AUTH_KEY: authKey.toString('base64url') };
  return {
    AUTH_MODE: 'cognito',
    LOCAL_AUTH_KEY: undefined,
    USER_POOL_ID: auth.userPoolId ?? new URL(auth.issuer).pathname.split('/').filter(Boolean).pop() ?? 'local_pool',
    USER_POOL_CLIENT_ID: auth.clientId,
    AUTH_DOMAIN: auth.domain,
    COGNITO_IDP_ENDPOINT: auth.endpoint,
  };
}
