import { SFNClient } from '@aws-sdk/client-sfn';
import { systemClock, type Clock } from '../core/ports/clock';
import type { IdGenerator } from '../core/ports/idGenerator';
import { makeLocalTokenIssuer } from '../adapters/auth/localTokens';
import { scryptPasswordHasher } from '../adapters/auth/scryptPasswordHasher';
import { DynamoAccountRepository } from '../adapters/dynamodb/dynamoAccountRepository';
import { DynamoRunRepository } from '../adapters/dynamodb/dynamoRunRepository';
import { DynamoSourceRepository } from '../adapters/dynamodb/dynamoSourceRepository';
import { makeTableContext } from '../adapters/dynamodb/tableContext';
import { StepFunctionsSyncStarter } from '../adapters/sfn/stepFunctionsSyncStarter';
import { randomIds } from '../adapters/system/randomIds';
import { readConfig, type AppConfig } from './config';
import { makeLogger, type Logger } from '../adapters/logging/logger';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoFolderIndexRepository } from '../adapters/dynamodb/dynamoFolderIndexRepository';
import { DynamoObjectKeyClaims } from '../adapters/dynamodb/dynamoObjectKeyClaims';
import { DynamoSyncStateRepository } from '../adapters/dynamodb/dynamoSyncStateRepository';
import { DynamoTrackedFileRepository } from '../adapters/dynamodb/dynamoTrackedFileRepository';
import { S3ObjectStore } from '../adapters/s3/s3ObjectStore';
import { S3RunManifestStore } from '../adapters/s3/s3RunManifestStore';
import { S3FootageCleaner } from '../adapters/s3/s3FootageCleaner';
import { NotConfiguredError } from '../core/errors';
import type { TokenIssuer } from '../core/ports/credentials';
import type { SecretSealer } from '../core/ports/secretSealer';
import type { SyncStarter } from '../core/ports/syncStarter';
import { DynamoGoogleConnectionRepository } from '../adapters/dynamodb/dynamoGoogleConnectionRepository';
import { GoogleOAuthAdapter } from '../adapters/google/googleOAuthAdapter';
import { newPkcePair } from '../adapters/google/pkce';
import { EnvelopeSealer, localKeyWrapper } from '../adapters/secrets/envelopeSealer';
import { kmsKeyWrapper } from '../adapters/secrets/kmsKeyWrapper';
import type { RunningMd5Factory } from '../core/transfer/runningMd5';
import { workerMd5 } from '../adapters/md5/workerMd5';
import type { PageTokens } from '../core/ports/pageTokens';
import { HmacPageTokens } from '../adapters/secrets/hmacPageTokens';
import { readSecretThroughExtension } from '../adapters/secrets/lambdaSecretsExtension';

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
  readonly googleConnections: DynamoGoogleConnectionRepository;
  readonly googleOAuth: GoogleOAuthAdapter;
  readonly sealer: SecretSealer;
  readonly pkce: typeof newPkcePair;
  readonly trackedFiles: DynamoTrackedFileRepository;
  readonly syncState: DynamoSyncStateRepository;
  readonly folderIndex: DynamoFolderIndexRepository;
  readonly objectKeys: DynamoObjectKeyClaims;
  readonly objectStore: S3ObjectStore;
  readonly manifests: S3RunManifestStore;
  readonly footage: S3FootageCleaner;
  /** Transfers keep each file's MD5 on a hashing thread, off the thread that moves the bytes. */
  readonly runningMd5: RunningMd5Factory;
  /** Opaque, authenticated page tokens bound to tenant and query. */
  readonly pageTokens: PageTokens;
}

/** A sealer that explains itself when neither KMS nor a local master key is configured. */
const unconfiguredSealer: SecretSealer = {
  seal: () => Promise.reject(new NotConfiguredError('secrets cannot be stored: set KMS_KEY_ARN (AWS) or LOCAL_MASTER_KEY (local mode)')),
  open: () => Promise.reject(new NotConfiguredError('secrets cannot be opened: set KMS_KEY_ARN (AWS) or LOCAL_MASTER_KEY (local mode)')),
};

function makeSealer(config: AppConfig): SecretSealer {
  if (config.kmsKeyArn !== null) return new EnvelopeSealer(kmsKeyWrapper(new KMSClient({}), config.kmsKeyArn));
  if (config.localMasterKey !== null) return new EnvelopeSealer(localKeyWrapper(config.localMasterKey));
  return unconfiguredSealer;
}

function makePageTokens(config: AppConfig, env: Readonly<Record<string, string | undefined>>): PageTokens {
  const source = config.pageTokenKey;
  return new HmacPageTokens(async () => {
    if (source === null) throw new NotConfiguredError('page tokens cannot be made: set PAGE_TOKEN_KEY (local mode) or PAGE_TOKEN_KEY_SECRET_ID (AWS)');
    if ('key' in source) return source.key;
    const key = Buffer.from(await readSecretThroughExtension(source.secretId, env['AWS_SESSION_TOKEN']), 'utf8');
    if (key.length < 32) throw new NotConfiguredError(`secret ${source.secretId} must hold at least 32 characters`);
    return key;
  });
}

const unconfiguredStarter: SyncStarter = {
  start: () => Promise.reject(new Error('SYNC_SOURCE_STATE_MACHINE_ARN is not set for this function')),
};

export function buildDependencies(config: AppConfig, env: Readonly<Record<string, string | undefined>> = process.env): AppDependencies {
  const table = makeTableContext({ tableName: config.tableName });
  const s3 = new S3Client({ forcePathStyle: config.s3ForcePathStyle });
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
    googleConnections: new DynamoGoogleConnectionRepository(table),
    googleOAuth: new GoogleOAuthAdapter(config.google, undefined, (secretId) => readSecretThroughExtension(secretId, env['AWS_SESSION_TOKEN'])),
    sealer: makeSealer(config),
    pkce: newPkcePair,
    trackedFiles: new DynamoTrackedFileRepository(table),
    syncState: new DynamoSyncStateRepository(table),
    folderIndex: new DynamoFolderIndexRepository(table),
    objectKeys: new DynamoObjectKeyClaims(table),
    objectStore: new S3ObjectStore(s3, config.bucketName),
    manifests: new S3RunManifestStore(s3, config.bucketName),
    footage: new S3FootageCleaner(s3, config.bucketName),
    runningMd5: workerMd5,
    pageTokens: makePageTokens(config, env),
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
    'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL_SFN', 'KMS_KEY_ARN', 'LOCAL_MASTER_KEY', 'PUBLIC_URL',
    'GOOGLE_OAUTH_CLIENT_ID', 'GOOGLE_OAUTH_CLIENT_SECRET', 'GOOGLE_OAUTH_CLIENT_SECRET_ID', 'GOOGLE_OAUTH_AUTH_URL', 'GOOGLE_OAUTH_TOKEN_URL', 'GOOGLE_OAUTH_REVOKE_URL',
    'GOOGLE_API_ROOT_URL', 'GOOGLE_OAUTH_REDIRECT_URI', 'GOOGLE_DRIVE_MIN_INTERVAL_MS',
    'TRANSFER_BATCH_CONCURRENCY', 'TRANSFER_FILE_CONCURRENCY', 'PAGE_TOKEN_KEY', 'PAGE_TOKEN_KEY_SECRET_ID'];
  const key = relevant.map((name) => `${name}=${env[name] ?? ''}`).join('\n');
  if (cached?.key !== key) cached = { key, deps: buildDependencies(readConfig(env), env) };
  return cached.deps;
}
