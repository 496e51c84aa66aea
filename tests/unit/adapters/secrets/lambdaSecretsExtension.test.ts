import { describe, expect, it } from 'vitest';
import { readSecretThroughExtension } from '../../../../adapters/secrets/lambdaSecretsExtension';

function answering(status: number, body: unknown, seen: { url?: string; token?: string | null } = {}): typeof fetch {
  return (input, init) => {
    seen.url = String(input);
    seen.token = new Headers(init?.headers).get('x-aws-parameters-secrets-token');
    return Promise.resolve(new Response(JSON.stringify(body), { status }));
  };
}

describe('reading a secret through the Lambda Secrets extension', () => {
  it('asks the extension on localhost with the session token and returns the secret string', async () => {
    const seen: { url?: string; token?: string | null } = {};

    const value = await readSecretThroughExtension('vtrack/google-oauth-client-secret', 'session-token', answering(200, { SecretString: 's3cr3t' }, seen));

    expect(value).toBe('s3cr3t');
    expect(seen.url).toBe('http://localhost:2773/secretsmanager/get?secretId=vtrack%2Fgoogle-oauth-client-secret');
    expect(seen.token).toBe('session-token');
  });

  it('says what is wrong without the value: no session token, an error answer, an empty secret', async () => {
    await expect(readSecretThroughExtension('id', undefined, answering(200, { SecretString: 'x' }))).rejects.toMatchObject({ name: 'NotConfiguredError' });
    await expect(readSecretThroughExtension('id', 't', answering(400, {}))).rejects.toMatchObject({ name: 'TransientError', message: expect.stringContaining('400') as unknown });
    await expect(readSecretThroughExtension('id', 't', answering(200, { SecretBinary: 'AA==' }))).rejects.toMatchObject({ name: 'NotConfiguredError' });
    await expect(readSecretThroughExtension('id', 't', () => Promise.reject(new Error('ECONNREFUSED')))).rejects.toMatchObject({ name: 'TransientError' });
  });
});
