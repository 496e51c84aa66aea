/**
 * The local stack serving a freshly built web app, with every Google URL
 * pointed at the Drive protocol fake: the browser's consent redirect really
 * goes to the fake, which approves and sends it back to the app's callback.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_CLIENT, startFakeGoogle, type FakeGoogle } from '../../fakes/drive';
import { startHarness, type Harness } from '../../support/localStackHarness';
import { buildWeb } from './buildWeb';

export interface GoogleWebStack {
  readonly url: string;
  readonly fake: FakeGoogle;
  readonly harness: Harness;
  close(): Promise<void>;
}

/** `env`: more settings for the handlers (e.g. transfer concurrency). */
export async function startGoogleWebStack(options: { env?: Readonly<Record<string, string>> } = {}): Promise<GoogleWebStack> {
  const webDir = await buildWeb();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vtrack-e2e-drive-'));
  const fake = await startFakeGoogle({ accessTokenTtlSeconds: 3600 });
  const harness = await startHarness({
    dataDir,
    webDir,
    // Fast enough that a reconnected source is picked up while the test watches.
    schedulerIntervalMs: 1000,
    env: {
      GOOGLE_OAUTH_CLIENT_ID: DEFAULT_CLIENT.clientId,
      GOOGLE_OAUTH_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret ?? '',
      GOOGLE_OAUTH_AUTH_URL: fake.authUrl,
      GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
      GOOGLE_OAUTH_REVOKE_URL: fake.revokeUrl,
      GOOGLE_API_ROOT_URL: fake.rootUrl,
      ...options.env,
    },
  });
  return {
    url: harness.stack.url,
    fake,
    harness,
    close: async () => {
      await harness.close();
      await fake.stop();
      await Promise.all([webDir, dataDir].map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}
