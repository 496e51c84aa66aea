import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../../functions/config';

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

  it.each([
    [{ BUCKET_NAME: 'b' }, 'TABLE_NAME'],
    [{ TABLE_NAME: 't' }, 'BUCKET_NAME'],
    [{ ...base, AUTH_MODE: 'basic' }, 'AUTH_MODE'],
    [{ ...base, AUTH_MODE: 'local' }, 'LOCAL_AUTH_KEY'],
    [{ ...base, AUTH_MODE: 'local', LOCAL_AUTH_KEY: 'c2hvcnQ' }, 'LOCAL_AUTH_KEY'],
    [{ ...base, TRANSFER_BATCH_CONCURRENCY: '0' }, 'TRANSFER_BATCH_CONCURRENCY'],
    [{ ...base, TRANSFER_FILE_CONCURRENCY: 'many' }, 'TRANSFER_FILE_CONCURRENCY'],
    [{ ...base, LOCAL_MASTER_KEY: 'c2hvcnQ' }, 'LOCAL_MASTER_KEY'],
    [{ ...base, PAGE_TOKEN_KEY: 'c2hvcnQ' }, 'PAGE_TOKEN_KEY'],
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
});
