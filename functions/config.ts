import { readGoogleConfig, type GoogleConfig } from '../adapters/google/googleConfig';

/**
 * Everything a handler reads from its environment, read and checked once. The
 * CDK app sets these on every Lambda; the local stack sets the same names (plus
 * AWS_ENDPOINT_URL_* so the SDK talks to the embedded stand-ins).
 */
export interface AppConfig {
  readonly tableName: string;
  readonly bucketName: string;
  readonly syncSourceStateMachineArn: string | null;
  readonly authMode: 'cognito' | 'local';
  /** Local mode only: the key that signs session tokens (base64url). */
  readonly localAuthKey: Uint8Array | null;
  /** s3rver and other stand-ins address buckets by path, not by host name. */
  readonly s3ForcePathStyle: boolean;
  readonly logLevel: string;
  /** AWS: the KMS key that wraps data keys for stored grants. */
  readonly kmsKeyArn: string | null;
  /** Local mode: the master key (base64url, 32 bytes) standing in for KMS. */
  readonly localMasterKey: Uint8Array | null;
  readonly google: GoogleConfig;
  /**
   * The server key page tokens are authenticated with: given as PAGE_TOKEN_KEY
   * (local mode), or the Secrets Manager secret PAGE_TOKEN_KEY_SECRET_ID read at cold start (AWS).
   */
  readonly pageTokenKey: { readonly key: Uint8Array } | { readonly secretId: string } | null;
  /** Transfer parallelism: batches of a run at once (the Map), and files at once within a batch. */
  readonly transferConcurrency: { readonly batches: number; readonly filesPerBatch: number };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

function required(env: Env, name: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new ConfigError(`environment variable ${name} is required`);
  return value;
}

export function readConfig(env: Env): AppConfig {
  const authMode = env['AUTH_MODE'] ?? 'cognito';
  if (authMode !== 'cognito' && authMode !== 'local') {
    throw new ConfigError(`environment variable AUTH_MODE must be "cognito" or "local", not "${authMode}"`);
  }
  let localAuthKey: Uint8Array | null = null;
  if (authMode === 'local') {
    localAuthKey = Buffer.from(required(env, 'LOCAL_AUTH_KEY'), 'base64url');
    if (localAuthKey.length < 32) throw new ConfigError('environment variable LOCAL_AUTH_KEY must hold at least 32 bytes (base64url)');
  }
  return {
    tableName: required(env, 'TABLE_NAME'),
    bucketName: required(env, 'BUCKET_NAME'),
    syncSourceStateMachineArn: env['SYNC_SOURCE_STATE_MACHINE_ARN'] ?? null,
    authMode,
    localAuthKey,
    s3ForcePathStyle: env['S3_FORCE_PATH_STYLE'] === 'true',
    logLevel: env['LOG_LEVEL'] ?? 'info',
    kmsKeyArn: env['KMS_KEY_ARN'] || null,
    localMasterKey: readLocalMasterKey(env),
    google: readGoogleConfig(env),
    pageTokenKey: readPageTokenKey(env),
    transferConcurrency: {
      batches: readCount(env, 'TRANSFER_BATCH_CONCURRENCY', 2, 40),
      filesPerBatch: readCount(env, 'TRANSFER_FILE_CONCURRENCY', 2, 16),
    },
  };
}

function readLocalMasterKey(env: Env): Uint8Array | null {
  const text = env['LOCAL_MASTER_KEY'];
  if (text === undefined || text === '') return null;
  const key = Buffer.from(text, 'base64url');
  if (key.length !== 32) throw new ConfigError('environment variable LOCAL_MASTER_KEY must hold exactly 32 bytes (base64url)');
  return key;
}

function readPageTokenKey(env: Env): AppConfig['pageTokenKey'] {
  const text = env['PAGE_TOKEN_KEY'];
  if (text !== undefined && text !== '') {
    const key = Buffer.from(text, 'base64url');
    if (key.length < 32) throw new ConfigError('environment variable PAGE_TOKEN_KEY must hold at least 32 bytes (base64url)');
    return { key };
  }
  const secretId = env['PAGE_TOKEN_KEY_SECRET_ID'];
  return secretId === undefined || secretId === '' ? null : { secretId };
}

function readCount(env: Env, name: string, fallback: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new ConfigError(`environment variable ${name} must be a whole number from 1 to ${max}, not "${text}"`);
  return value;
}
