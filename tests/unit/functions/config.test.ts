import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, readConfig } from '../../../functions/config';

const base = { TABLE_NAME: 'vtrack', BUCKET_NAME: 'footage' };

describe('readConfig', () => {
  it('reads the AWS configuration with Cognito sign-in by default', () => {
    expect(readConfig(base)).toMatchObject({
      tableName: 'vtrack',
      bucketName: 'footage',
      authMode: 'cognito',
      localAuthKey: null,
      transferConcurrency: { batches: 2, filesPerBatch: 2 },
    });
    expect(readConfig({ ...base, TRANSFER_BATCH_CONCURRENCY: '8' }).transferConcurrency.batches).toBe(8);
  });

  it('holds each tenant to 1,200 requests a minute unless the environment says otherwise', () => {
    expect(readConfig(base).tenantRateLimit).toEqual({ requests: 1200, windowSeconds: 60 });
    expect(readConfig({ ...base, TENANT_RATE_LIMIT: '30', TENANT_RATE_WINDOW_SECONDS: '10' }).tenantRateLimit).toEqual({ requests: 30, windowSeconds: 10 });
  });

  it.each([
    [{ BUCKET_NAME: 'b' }, 'TABLE_NAME'],
    [{ TABLE_NAME: 't' }, 'BUCKET_NAME'],
    [{ ...base, AUTH_MODE: 'basic' }, 'AUTH_MODE'],
    [{ ...base, AUTH_MODE: 'local' }, 'LOCAL_AUTH_KEY'],
    [{ ...base, AUTH_MODE: 'local', LOCAL_AUTH_KEY: 'c2hvcnQ' }, 'LOCAL_AUTH_KEY'],
    [{ ...base, TRANSFER_BATCH_CONCURRENCY: '0' }, 'TRANSFER_BATCH_CONCURRENCY'],
    [{ ...base, TRANSFER_FILE_CONCURRENCY: 'many' }, 'TRANSFER_FILE_CONCURRENCY'],
    [{ ...base, TENANT_RATE_LIMIT: '0' }, 'TENANT_RATE_LIMIT'],
    [{ ...base, TENANT_RATE_WINDOW_SECONDS: 'một phút' }, 'TENANT_RATE_WINDOW_SECONDS'],
    [{ ...base, LOCAL_MASTER_KEY: 'c2hvcnQ' }, 'LOCAL_MASTER_KEY'],
    [{ ...base, PAGE_TOKEN_KEY: 'c2hvcnQ' }, 'PAGE_TOKEN_KEY'],
    [{ ...base, LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ...base, GOOGLE_DRIVE_MIN_INTERVAL_MS: 'soon' }, 'GOOGLE_DRIVE_MIN_INTERVAL_MS'],
    [{ ...base, USER_POOL_ID: 'eu-west-1_Example1', AUTH_DOMAIN: 'https://x.example' }, 'USER_POOL_CLIENT_ID'],
  ])('fails fast naming the variable for %j', (env, name) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(name);
  });

  it('takes the page-token key from PAGE_TOKEN_KEY locally, or names the Secrets Manager secret to read in AWS', () => {
    const key = Buffer.alloc(32, 7).toString('base64url');

    expect(readConfig({ ...base, PAGE_TOKEN_KEY: key }).pageTokenKey).toEqual({ key: Buffer.alloc(32, 7) });
    expect(readConfig({ ...base, PAGE_TOKEN_KEY_SECRET_ID: 'arn:aws:secretsmanager:ap-southeast-1:1:secret:pt' }).pageTokenKey).toEqual({
      secretId: 'arn:aws:secretsmanager:ap-southeast-1:1:secret:pt',
    });
    expect(readConfig(base).pageTokenKey).toBeNull();
  });

  it('reads the Cognito pool once for the HTTP functions, and none where USER_POOL_ID is not set', () => {
    const cognitoEnv = { ...base, USER_POOL_ID: 'eu-west-1_Example1', USER_POOL_CLIENT_ID: 'client', AUTH_DOMAIN: 'https://x.example' };

    expect(readConfig(cognitoEnv).cognito).toEqual({
      userPoolId: 'eu-west-1_Example1',
      clientId: 'client',
      domain: 'https://x.example',
      region: 'eu-west-1',
      endpoint: 'https://cognito-idp.eu-west-1.amazonaws.com/',
    });
    expect(readConfig(base).cognito).toBeNull();
    expect(readConfig({ ...cognitoEnv, AUTH_MODE: 'local', LOCAL_AUTH_KEY: 'a'.repeat(43) }).cognito).toBeNull();
  });

  it('points the sign-in pages at another user-pool API when COGNITO_IDP_ENDPOINT names one (a test fake)', () => {
    const env = { ...base, USER_POOL_ID: 'eu-west-1_Example1', USER_POOL_CLIENT_ID: 'client', AUTH_DOMAIN: 'https://x.example', COGNITO_IDP_ENDPOINT: 'http://127.0.0.1:9/' };

    expect(readConfig(env).cognito?.endpoint).toBe('http://127.0.0.1:9/');
  });

  it('lists every variable it reads, so the wiring cache notices any change', () => {
    const read = new Set<string>();
    const env = new Proxy({ ...base, AUTH_MODE: 'cognito', USER_POOL_ID: 'eu-west-1_X', USER_POOL_CLIENT_ID: 'c', AUTH_DOMAIN: 'https://x.example' }, {
      get: (target, name) => {
        if (typeof name === 'string') read.add(name);
        return Reflect.get(target, name) as unknown;
      },
    });

    readConfig(env);

    expect([...read].filter((name) => !(CONFIG_VARIABLES as readonly string[]).includes(name))).toEqual([]);
    expect(read.size).toBeGreaterThan(10);
  });
});
