import { describe, expect, it } from 'vitest';
import { readGoogleConfig } from '../../../../functions/config';
import { GoogleOAuthAdapter } from '../../../../adapters/google/googleOAuthAdapter';
import { TransientError } from '../../../../core/errors';

const env = {
  GOOGLE_OAUTH_CLIENT_ID: 'client-123.apps.googleusercontent.com',
  GOOGLE_OAUTH_CLIENT_SECRET_ID: 'vtrack/google-oauth-client-secret',
  PUBLIC_URL: 'https://vtrack.example.com',
};
const consent = { state: 'st_1', codeChallenge: 'challenge', redirectUri: 'https://vtrack.example.com/connect/google/callback' };

describe('the Google client secret from Secrets Manager', () => {
  it('counts as configured by name, is read once at cold start, and is needed before any OAuth call', async () => {
    const reads: string[] = [];
    const adapter = new GoogleOAuthAdapter(readGoogleConfig(env), undefined, (secretId) => {
      reads.push(secretId);
      return Promise.resolve('the-client-secret');
    });

    expect(adapter.missingConfiguration).toEqual([]);
    expect(() => adapter.authorizationUrl(consent)).toThrow(TransientError);
    await Promise.all([adapter.ready(), adapter.ready()]);
    await adapter.ready();

    expect(adapter.authorizationUrl(consent)).toContain('client_id=client-123.apps.googleusercontent.com');
    expect(reads).toEqual(['vtrack/google-oauth-client-secret']);
  });

  it('reports a failed read when the secret is needed, and tries again on the next cold path', async () => {
    let attempts = 0;
    const adapter = new GoogleOAuthAdapter(readGoogleConfig(env), undefined, () => {
      attempts += 1;
      return attempts === 1 ? Promise.reject(new Error('the Secrets extension answered 400')) : Promise.resolve('the-client-secret');
    });

    await adapter.ready();
    expect(() => adapter.authorizationUrl(consent)).toThrow(/answered 400/);
    await adapter.ready();

    expect(adapter.authorizationUrl(consent)).toContain('state=st_1');
    expect(attempts).toBe(2);
  });
});
