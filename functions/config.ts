import type { GoogleConfig } from '../adapters/google/googleConfig';
import { defaultTenantRateLimits, type TenantRateLimits } from '../core/accounts/tenantRateLimit';

/**
 * Everything a handler reads from its environment, read and checked once, here
 * and nowhere else: a bad value fails at start with the variable's name, and
 * adapters receive plain values. The CDK app sets these on every Lambda; the
 * local stack sets the same names (plus AWS_ENDPOINT_URL_* so the SDK talks to
 * the embedded stand-ins).
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
  /** Where people and agents reach this deployment (`https://vtrack.example.com`); null when not set. */
  readonly publicUrl: string | null;
  /**
   * The server key page tokens are authenticated with: given as PAGE_TOKEN_KEY
   * (local mode), or the Secrets Manager secret PAGE_TOKEN_KEY_SECRET_ID read at cold start (AWS).
   */
  readonly pageTokenKey: { readonly key: Uint8Array } | { readonly secretId: string } | null;
  /**
   * Cognito mode, HTTP functions: the user pool `GET /api/auth/config` tells the
   * web app about. Null in local mode and where USER_POOL_ID is not set (the
   * sync functions); once USER_POOL_ID is set, the other names are required.
   */
  readonly cognito: CognitoSettings | null;
  /** Requests one tenant may make per window on the API (TENANT_RATE_LIMIT per TENANT_RATE_WINDOW_SECONDS). */
  readonly tenantRateLimit: TenantRateLimits;
  /** Transfer parallelism: batches of a run at once (the Map), and files at once within a batch. */
  readonly transferConcurrency: { readonly batches: number; readonly filesPerBatch: number };
}

/** What the web app needs to sign in against the user pool; none of it is secret. */
export interface CognitoSettings {
  readonly userPoolId: string;
  readonly clientId: string;
  /** The hosted UI's base URL, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly domain: string;
  readonly region: string;
  /** The user-pool API the web app's own sign-in pages call, `https://cognito-idp.<region>.amazonaws.com/`. */
  readonly endpoint: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Every variable readConfig reads, so a cache of the wiring can tell when one changed. */
export const CONFIG_VARIABLES = [
  'TABLE_NAME', 'BUCKET_NAME', 'SYNC_SOURCE_STATE_MACHINE_ARN', 'AUTH_MODE', 'LOCAL_AUTH_KEY', 'S3_FORCE_PATH_STYLE', 'LOG_LEVEL',
  'KMS_KEY_ARN', 'LOCAL_MASTER_KEY', 'PUBLIC_URL', 'GOOGLE_OAUTH_CLIENT_ID', 'GOOGLE_OAUTH_CLIENT_SECRET', 'GOOGLE_OAUTH_AUTH_URL',
  'GOOGLE_OAUTH_TOKEN_URL', 'GOOGLE_OAUTH_REVOKE_URL', 'GOOGLE_API_ROOT_URL', 'GOOGLE_OAUTH_REDIRECT_URI', 'GOOGLE_DRIVE_MIN_INTERVAL_MS',
  'TRANSFER_BATCH_CONCURRENCY', 'TRANSFER_FILE_CONCURRENCY', 'USER_POOL_ID', 'USER_POOL_CLIENT_ID', 'AUTH_DOMAIN', 'COGNITO_IDP_ENDPOINT', 'AWS_REGION',
  'GOOGLE_OAUTH_CLIENT_SECRET_ID', 'PAGE_TOKEN_KEY', 'PAGE_TOKEN_KEY_SECRET_ID',
  'TENANT_RATE_LIMIT', 'TENANT_RATE_WINDOW_SECONDS',
] as const;

/** pino's levels. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

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
    logLevel: readLogLevel(env),
    kmsKeyArn: env['KMS_KEY_ARN'] || null,
    localMasterKey: readLocalMasterKey(env),
    google: readGoogleConfig(env),
    pageTokenKey: readPageTokenKey(env),
    publicUrl: env['PUBLIC_URL']?.trim().replace(/\/+$/, '') || null,
    cognito: authMode === 'cognito' && (env['USER_POOL_ID'] ?? '').trim() !== '' ? readCognitoSettings(env) : null,
    tenantRateLimit: {
      requests: readCount(env, 'TENANT_RATE_LIMIT', defaultTenantRateLimits.requests, 1_000_000),
      windowSeconds: readCount(env, 'TENANT_RATE_WINDOW_SECONDS', defaultTenantRateLimits.windowSeconds, 3600),
    },
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

/**
 * AWS: the Secrets Manager secret CloudFront sends as the `x-origin-verify`
 * header on every request it forwards to the API; null where no such edge
 * stands in front (local mode). Read alone, since every HTTP function checks it,
 * health included.
 */
export function readOriginVerifySecretId(env: Env): string | null {
  const value = env['ORIGIN_VERIFY_SECRET_ID']?.trim();
  return value === undefined || value === '' ? null : value;
}

/** LOG_LEVEL alone, for functions that need no other wiring (health). */
export function readLogLevel(env: Env): string {
  const level = env['LOG_LEVEL'] || 'info';
  if (!LOG_LEVELS.includes(level)) throw new ConfigError(`environment variable LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${level}"`);
  return level;
}

/**
 * The names the CDK app (infra/aws/stacks/ApiStack.ts) sets on every HTTP
 * function. The region is Lambda's own AWS_REGION, or else the prefix of the
 * pool id (`eu-west-1_AbC`), which is the pool's region. The user-pool API is
 * the region's public endpoint unless COGNITO_IDP_ENDPOINT names another (a
 * test's fake).
 */
export function readCognitoSettings(env: Env): CognitoSettings {
  const inCognitoMode = (name: string): string => {
    const value = env[name]?.trim();
    if (value === undefined || value === '') throw new ConfigError(`environment variable ${name} is required in cognito mode`);
    return value;
  };
  const userPoolId = inCognitoMode('USER_POOL_ID');
  const fromPoolId = userPoolId.includes('_') ? userPoolId.slice(0, userPoolId.indexOf('_')) : '';
  const region = env['AWS_REGION']?.trim() || fromPoolId;
  if (region === '') throw new ConfigError('environment variable AWS_REGION is required in cognito mode');
  const endpoint = env['COGNITO_IDP_ENDPOINT']?.trim() || `https://cognito-idp.${region}.amazonaws.com/`;
  return { userPoolId, clientId: inCognitoMode('USER_POOL_CLIENT_ID'), domain: inCognitoMode('AUTH_DOMAIN'), region, endpoint };
}

/** Where Google is and who we are to it; every URL can point at a local fake. */
export function readGoogleConfig(env: Env): GoogleConfig {
  const publicUrl = env['PUBLIC_URL']?.replace(/\/+$/, '');
  return {
    clientId: env['GOOGLE_OAUTH_CLIENT_ID'] || null,
    clientSecret: env['GOOGLE_OAUTH_CLIENT_SECRET'] || null,
    clientSecretId: env['GOOGLE_OAUTH_CLIENT_SECRET_ID'] || null,
    authUrl: env['GOOGLE_OAUTH_AUTH_URL'] || 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: env['GOOGLE_OAUTH_TOKEN_URL'] || 'https://oauth2.googleapis.com/token',
    revokeUrl: env['GOOGLE_OAUTH_REVOKE_URL'] || 'https://oauth2.googleapis.com/revoke',
    apiRootUrl: env['GOOGLE_API_ROOT_URL'] || 'https://www.googleapis.com/',
    redirectUri: env['GOOGLE_OAUTH_REDIRECT_URI'] || (publicUrl ? `${publicUrl}/connect/google/callback` : null),
    minRequestIntervalMs: readWhole(env, 'GOOGLE_DRIVE_MIN_INTERVAL_MS', 20, 10_000, 'milliseconds'),
  };
}

function readWhole(env: Env, name: string, fallback: number, max: number, unit: string): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new ConfigError(`environment variable ${name} must be a whole number of ${unit} (0-${max}), not "${text}"`);
  }
  return value;
}
