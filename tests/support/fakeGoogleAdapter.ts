import { GoogleOAuthAdapter } from '../../adapters/google/googleOAuthAdapter';
import type { GoogleConfig } from '../../adapters/google/googleConfig';
import type { PacerOptions } from '../../adapters/retry/pacer';
import { DEFAULT_CLIENT, type FakeGoogle } from '../fakes/drive';

/** Google settings that point every URL at the fake, as the environment variables would. */
export function fakeGoogleConfig(fake: FakeGoogle, redirectUri = 'http://127.0.0.1:9/connect/google/callback'): GoogleConfig {
  return {
    clientId: DEFAULT_CLIENT.clientId,
    clientSecret: DEFAULT_CLIENT.clientSecret ?? null,
    clientSecretId: null,
    authUrl: fake.authUrl,
    tokenUrl: fake.tokenUrl,
    revokeUrl: fake.revokeUrl,
    apiRootUrl: fake.rootUrl,
    redirectUri,
    minRequestIntervalMs: 0,
  };
}

/** A pacer that backs off for real but briefly, so retry tests finish fast. */
export const quickPacer: PacerOptions = {
  minIntervalMs: 0,
  baseBackoffMs: 5,
  maxBackoffMs: 40,
  maxAttempts: 5,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now,
};

export function fakeGoogleAdapter(fake: FakeGoogle): GoogleOAuthAdapter {
  return new GoogleOAuthAdapter(fakeGoogleConfig(fake), quickPacer);
}
