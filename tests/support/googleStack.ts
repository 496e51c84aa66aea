import { DEFAULT_CLIENT, startFakeGoogle, type FakeGoogle } from '../fakes/drive';
import type { ApiClient} from './localStackHarness';
import { startHarness, type Harness } from './localStackHarness';

export interface GoogleStack {
  readonly fake: FakeGoogle;
  readonly harness: Harness;
  close(): Promise<void>;
}

/** The local stack with every Google URL pointed at the Drive protocol fake, as an operator would configure it. */
export async function startGoogleStack(options: { quiet?: boolean; env?: Record<string, string> } = {}): Promise<GoogleStack> {
  const fake = await startFakeGoogle({ accessTokenTtlSeconds: 3600 });
  const harness = await startHarness({ quiet: options.quiet ?? true, env: { ...fakeGoogleEnv(fake), ...options.env } });
  return {
    fake,
    harness,
    close: async () => {
      await harness.close();
      await fake.stop();
    },
  };
}

/** The environment an operator would set to point every Google URL at the fake. */
export function fakeGoogleEnv(fake: FakeGoogle): Record<string, string> {
  return {
    GOOGLE_OAUTH_CLIENT_ID: DEFAULT_CLIENT.clientId,
    GOOGLE_OAUTH_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret ?? '',
    GOOGLE_OAUTH_AUTH_URL: fake.authUrl,
    GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
    GOOGLE_OAUTH_REVOKE_URL: fake.revokeUrl,
    GOOGLE_API_ROOT_URL: fake.rootUrl,
    // Tests measure correctness, not pacing; the pacer's spacing has its own unit test.
    GOOGLE_DRIVE_MIN_INTERVAL_MS: '0',
  };
}

/** Runs the consent round trip as the browser and the web app's callback page would. */
export async function connectGoogle(client: ApiClient): Promise<{ id: string; email: string }> {
  const started = await client.call<{ authorizationUrl: string }>('POST', '/api/google/oauth/start', {});
  const redirect = await fetch(started.body.authorizationUrl, { redirect: 'manual' });
  const back = new URL(redirect.headers.get('location') ?? '');
  const completed = await client.call<{ id: string; email: string }>('POST', '/api/google/oauth/complete', {
    code: back.searchParams.get('code'),
    state: back.searchParams.get('state'),
  });
  if (completed.status !== 201) throw new Error(`connect failed: ${completed.status} ${JSON.stringify(completed.body)}`);
  return completed.body;
}
