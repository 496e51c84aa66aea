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
  ])('fails fast naming the variable for %j', (env, name) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(name);
  });
});
