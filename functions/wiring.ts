import { SFNClient } from '@aws-sdk/client-sfn';
import { systemClock, type Clock } from '../core/ports/clock';
import type { IdGenerator } from '../core/ports/idGenerator';
import { makeLocalTokenIssuer } from './adapters/auth/localTokens';
import { scryptPasswordHasher } from './adapters/auth/scryptPasswordHasher';
import { DynamoAccountRepository } from './adapters/dynamodb/dynamoAccountRepository';
import { DynamoRunRepository } from './adapters/dynamodb/dynamoRunRepository';
import { DynamoSourceRepository } from './adapters/dynamodb/dynamoSourceRepository';
import { makeTableContext } from './adapters/dynamodb/tableContext';
import { StepFunctionsSyncStarter } from './adapters/sfn/stepFunctionsSyncStarter';
import { randomIds } from './adapters/system/randomIds';
import { readConfig, type AppConfig } from './config';
import { makeLogger, type Logger } from './logging/logger';
import type { SyncStarter } from '../core/ports/syncStarter';
import type { TokenIssuer } from '../core/ports/credentials';

/** Everything handlers are built from; tests build their own instead. */
export interface AppDependencies {
  readonly config: AppConfig;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly sources: DynamoSourceRepository;
  readonly runs: DynamoRunRepository;
  readonly accounts: DynamoAccountRepository;
  readonly syncStarter: SyncStarter;
  readonly hasher: typeof scryptPasswordHasher;
  readonly tokens: TokenIssuer | null;
}

const unconfiguredStarter: SyncStarter = {
  start: () => Promise.reject(new Error('SYNC_SOURCE_STATE_MACHINE_ARN is not set for this function')),
};

export function buildDependencies(config: AppConfig): AppDependencies {
  const table = makeTableContext({ tableName: config.tableName });
  const clock = systemClock;
  return {
    config,
    clock,
    ids: randomIds,
    logger: makeLogger(config.logLevel),
    sources: new DynamoSourceRepository(table),
    runs: new DynamoRunRepository(table),
    accounts: new DynamoAccountRepository(table),
    syncStarter:
      config.syncSourceStateMachineArn === null
        ? unconfiguredStarter
        : new StepFunctionsSyncStarter(new SFNClient({}), config.syncSourceStateMachineArn),
    hasher: scryptPasswordHasher,
    tokens: config.localAuthKey === null ? null : makeLocalTokenIssuer(config.localAuthKey, clock),
  };
}

let cached: { key: string; deps: AppDependencies } | undefined;

/**
 * Wires real clients from the environment on first use and reuses them across
 * invocations (Lambda keeps the module warm). Rewires if the environment changed,
 * which only happens when a local stack restarts inside one process.
 */
export function appDependencies(env: Readonly<Record<string, string | undefined>> = process.env): AppDependencies {
  const relevant = ['TABLE_NAME', 'BUCKET_NAME', 'SYNC_SOURCE_STATE_MACHINE_ARN', 'AUTH_MODE', 'LOCAL_AUTH_KEY', 'LOG_LEVEL',
    'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL_SFN'];
  const key = relevant.map((name) => `${name}=${env[name] ?? ''}`).join('\n');
  if (cached?.key !== key) cached = { key, deps: buildDependencies(readConfig(env)) };
  return cached.deps;
}
