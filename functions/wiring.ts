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
import { randomSecrets } from '../adapters/system/randomSecrets';
import { DynamoAgentRepository } from '../adapters/dynamodb/dynamoAgentRepository';
import { DynamoRequestCounter } from '../adapters/dynamodb/dynamoRequestCounter';
import type { RequestCounter } from '../core/ports/requestCounter';
import type { AgentRepository } from '../core/ports/agentRepository';
import type { SecretGenerator } from '../core/ports/secretGenerator';
import { CONFIG_VARIABLES, readConfig, type AppConfig } from './config';
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
import type { AccountRepository } from '../core/ports/accountRepository';
import type { PasswordHasher, TokenIssuer } from '../core/ports/credentials';
import type { FolderIndexRepository } from '../core/ports/folderIndexRepository';
import type { FootageCleaner } from '../core/ports/footageCleaner';
import type { SourceItemsPurger } from '../core/ports/sourceItemsPurger';
import { DynamoSourceItemsPurger } from '../adapters/dynamodb/dynamoSourceItemsPurger';
import type { FileProcessingRepository } from '../core/ports/fileProcessingRepository';
import { DynamoFileProcessingRepository } from '../adapters/dynamodb/dynamoFileProcessingRepository';
import type { ObjectPruner } from '../core/ports/objectPruner';
import { S3ObjectPruner } from '../adapters/s3/s3ObjectPruner';
import type { GoogleConnectionRepository, GoogleOAuth, PkceGenerator } from '../core/ports/googleAuth';
import type { ObjectKeyClaims } from '../core/ports/objectKeyClaims';
import type { ObjectStore } from '../core/ports/objectStore';
import type { RunManifestStore } from '../core/ports/runManifestStore';
import type { RunRepository } from '../core/ports/runRepository';
import type { SourceRepository } from '../core/ports/sourceRepository';
import type { SyncStateRepository } from '../core/ports/syncStateRepository';
import type { TrackedFileRepository } from '../core/ports/trackedFileRepository';
import type { SecretSealer } from '../core/ports/secretSealer';
import type { SiteCameraRepository } from '../core/ports/siteCameraRepository';
import { DynamoSiteCameraRepository } from '../adapters/dynamodb/dynamoSiteCameraRepository';
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
import { DynamoEventRepository } from '../adapters/dynamodb/dynamoEventRepository';
import type { EventRepository } from '../core/ports/eventRepository';
import { DynamoShareLinkRepository } from '../adapters/dynamodb/dynamoShareLinkRepository';
import { S3ClipStorage } from '../adapters/s3/s3ClipStorage';
import type { ClipStorage } from '../core/ports/clipStorage';
import type { ShareLinkRepository } from '../core/ports/shareLinkRepository';
import type { ShareHolds } from '../core/ports/shareHolds';
import { DynamoAgentUploadRepository } from '../adapters/dynamodb/dynamoAgentUploadRepository';
import { S3UploadPresigner } from '../adapters/s3/s3UploadPresigner';
import type { AgentUploadRepository } from '../core/ports/agentUploadRepository';
import type { UploadPresigner } from '../core/ports/uploadPresigner';
import { DynamoAuditLog } from '../adapters/dynamodb/dynamoAuditLog';
import type { AuditLog } from '../core/ports/auditLog';
import type { StorageRecorder } from '../core/ports/storageRecorder';
import type { StorageLedger } from '../core/ports/storageLedger';
import type { ObjectTagger } from '../core/ports/objectTagger';
import type { StorageSettingsRepository } from '../core/ports/storageSettingsRepository';
import { StorageAccounting } from '../core/storage/storageAccounting';
import { accountedFootageCleaner } from '../core/storage/accountedFootageCleaner';
import { DynamoStorageLedger } from '../adapters/dynamodb/dynamoStorageLedger';
import { DynamoCameraReadCounters } from '../adapters/dynamodb/dynamoCameraReadCounters';
import type { CameraReadCounters } from '../core/ports/cameraReadCounters';
import { DynamoCameraHealthHistory } from '../adapters/dynamodb/dynamoCameraHealthHistory';
import type { CameraHealthHistory } from '../core/ports/cameraHealthHistory';
import { DynamoCameraHealthWatchList } from '../adapters/dynamodb/dynamoCameraHealthWatchList';
import type { CameraHealthWatchList } from '../core/ports/cameraHealthWatchList';
import { DynamoStorageSettingsRepository } from '../adapters/dynamodb/dynamoStorageSettingsRepository';
import { S3ObjectTagger } from '../adapters/s3/s3ObjectTagger';
import { DynamoClippedFootageQueue } from '../adapters/dynamodb/dynamoClippedFootageQueue';
import type { ClippedFootageQueue } from '../core/ports/clippedFootageQueue';
import type { TenantDeletionRepository } from '../core/ports/tenantDeletionRepository';
import type { TenantItemsPurger } from '../core/ports/tenantItemsPurger';
import type { TenantObjectsCleaner } from '../core/ports/tenantObjectsCleaner';
import { DynamoTenantDeletionRepository } from '../adapters/dynamodb/dynamoTenantDeletionRepository';
import { DynamoTenantItemsPurger } from '../adapters/dynamodb/dynamoTenantItemsPurger';

/**
 * Everything handlers are built from, typed by core's ports so a handler never
 * depends on which adapter stands behind one; tests build their own instead.
 */
export interface AppDependencies {
  readonly config: AppConfig;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly sources: SourceRepository;
  readonly runs: RunRepository;
  readonly accounts: AccountRepository;
  readonly syncStarter: SyncStarter;
  readonly hasher: PasswordHasher;
  readonly tokens: TokenIssuer | null;
  readonly googleConnections: GoogleConnectionRepository;
  /** The Google port, plus ready(): read the client secret (Secrets Manager in AWS) before use. */
  readonly googleOAuth: GoogleOAuth & { ready(): Promise<void> };
  readonly sealer: SecretSealer;
  readonly pkce: PkceGenerator;
  readonly trackedFiles: TrackedFileRepository;
  readonly syncState: SyncStateRepository;
  readonly folderIndex: FolderIndexRepository;
  readonly objectKeys: ObjectKeyClaims;
  readonly objectStore: ObjectStore;
  readonly manifests: RunManifestStore;
  readonly footage: FootageCleaner;
  readonly purger: SourceItemsPurger;
  /** Transfers keep each file's MD5 on a hashing thread, off the thread that moves the bytes. */
  readonly runningMd5: RunningMd5Factory;
  /** Opaque, authenticated page tokens bound to tenant and query. */
  readonly pageTokens: PageTokens;
  readonly agents: AgentRepository;
  readonly secrets: SecretGenerator;
  /** Found orders (events), for processing, search and playback. */
  readonly events: EventRepository;
  /** Share links of order clips (token hashes only). */
  readonly shareLinks: ShareLinkRepository & ShareHolds;
  /** Presigned URLs and streamed reads of clips and exports. */
  readonly clipStorage: ClipStorage;
  readonly agentUploads: AgentUploadRepository;
  /** Cameras added from the web app and the requests about cameras waiting for agents. */
  readonly siteCameras: SiteCameraRepository;
  readonly presigner: UploadPresigner;
  /** Per-tenant request counts behind the API's rate limit. */
  readonly requestCounter: RequestCounter;
  /** What processing made of each stored file; removed with a deleted source. */
  readonly processingRecords: FileProcessingRepository;
  /** Deletes exports whose links expired. */
  readonly objectPruner: ObjectPruner;
  /** Each tenant's audit trail: who changed what. */
  readonly audit: AuditLog;
  /** Retention tags and usage counters, told by every write point and deletion. */
  readonly storage: StorageRecorder;
  readonly storageLedger: StorageLedger;
  readonly storageSettings: StorageSettingsRepository;
  readonly tagger: ObjectTagger;
  /** Per-camera, per-day files processed, codes read and decode failures (camera health's read rate). */
  readonly cameraReads: CameraReadCounters;
  /** Each camera's health state and its changes (history, sign-in alerts). */
  readonly cameraHealth: CameraHealthHistory;
  /** Processed footage of clips-only sources waiting for its next recording before it may expire. */
  readonly clippedFootage: ClippedFootageQueue;
  /** The tenants the scheduled health judgement looks at. */
  readonly cameraHealthWatch: CameraHealthWatchList;
  /** Tenants their owners deleted, until the dispatcher has removed everything they stored. */
  readonly tenantDeletions: TenantDeletionRepository;
  readonly tenantPurger: TenantItemsPurger;
  /** Empties a deleted tenant's part of the bucket (not counted: its ledger and counters go with it). */
  readonly tenantObjects: TenantObjectsCleaner;
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
  executionStatus: () => Promise.reject(new Error('SYNC_SOURCE_STATE_MACHINE_ARN is not set for this function')),
};

export function buildDependencies(config: AppConfig, env: Readonly<Record<string, string | undefined>> = process.env): AppDependencies {
  const table = makeTableContext({ tableName: config.tableName });
  const s3 = new S3Client({ forcePathStyle: config.s3ForcePathStyle });
  const clock = systemClock;
  const storageLedger = new DynamoStorageLedger(table);
  const storageSettings = new DynamoStorageSettingsRepository(table);
  const tagger = new S3ObjectTagger(s3, config.bucketName);
  const shareLinks = new DynamoShareLinkRepository(table);
  const storage = new StorageAccounting({ ledger: storageLedger, tagger, settings: storageSettings, clock, shareLinks });
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
    footage: accountedFootageCleaner(new S3FootageCleaner(s3, config.bucketName), storage),
    purger: new DynamoSourceItemsPurger(table),
    runningMd5: workerMd5,
    pageTokens: makePageTokens(config, env),
    agents: new DynamoAgentRepository(table),
    secrets: randomSecrets,
    events: new DynamoEventRepository(table),
    shareLinks,
    clipStorage: new S3ClipStorage(s3, config.bucketName),
    agentUploads: new DynamoAgentUploadRepository(table),
    siteCameras: new DynamoSiteCameraRepository(table),
    presigner: new S3UploadPresigner(s3, config.bucketName),
    requestCounter: new DynamoRequestCounter(table),
    processingRecords: new DynamoFileProcessingRepository(table),
    objectPruner: new S3ObjectPruner(s3, config.bucketName),
    audit: new DynamoAuditLog(table),
    storage,
    storageLedger,
    storageSettings,
    tagger,
    cameraReads: new DynamoCameraReadCounters(table, () => clock.now()),
    cameraHealth: new DynamoCameraHealthHistory(table),
    clippedFootage: new DynamoClippedFootageQueue(table),
    cameraHealthWatch: new DynamoCameraHealthWatchList(table),
    tenantDeletions: new DynamoTenantDeletionRepository(table),
    tenantPurger: new DynamoTenantItemsPurger(table),
    tenantObjects: new S3FootageCleaner(s3, config.bucketName),
  };
}

let cached: { key: string; deps: AppDependencies } | undefined;

/**
 * Wires real clients from the environment on first use and reuses them across
 * invocations (Lambda keeps the module warm). Rewires if the environment changed,
 * which only happens when a local stack restarts inside one process.
 */
export function appDependencies(env: Readonly<Record<string, string | undefined>> = process.env): AppDependencies {
  const relevant = [...CONFIG_VARIABLES, 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL_SFN'];
  const key = relevant.map((name) => `${name}=${env[name] ?? ''}`).join('\n');
  if (cached?.key !== key) cached = { key, deps: buildDependencies(readConfig(env), env) };
  return cached.deps;
}
