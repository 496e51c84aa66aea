import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeGoogle } from '../../fakes/drive';
import { connectGoogle, fakeGoogleEnv } from '../../support/googleStack';
import { ApiClient, startHarness } from '../../support/localStackHarness';
import type { SourceView } from '../../../core/api/sourcesApi';

describe('local stack restart', () => {
  let dataDir = '';
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('finds accounts, sources and runs again after a stop and a second start on the same data folder', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vtrack-restart-'));
    const google = await startFakeGoogle({ accessTokenTtlSeconds: 3600 });
    const env = fakeGoogleEnv(google);
    const first = await startHarness({ dataDir, env });
    const signUp = await new ApiClient(first.stack.url).call<{ token: string }>('POST', '/api/auth/local/sign-up', {
      email: 'keep@restart.example',
      password: 'a good password',
      tenantName: 'Restart Shop',
    });
    const client = new ApiClient(first.stack.url).withToken(signUp.body.token);
    const { id: connectionId } = await connectGoogle(client);
    const folder = google.drive.addFolder({ name: 'Kept' });
    // A Drive source: its initial download is a run the cloud records (edge sources have none).
    const created = await client.call<SourceView>('POST', '/api/sources', {
      type: 'google_drive',
      name: 'Kept footage',
      intervalMinutes: 30,
      config: { connectionId, folderIds: [folder] },
    });
    await first.stack.settle();
    await first.close();

    const second = await startHarness({ dataDir, env });
    try {
      const signIn = await new ApiClient(second.stack.url).call<{ token: string }>('POST', '/api/auth/local/sign-in', {
        email: 'keep@restart.example',
        password: 'a good password',
      });
      const again = new ApiClient(second.stack.url).withToken(signIn.body.token);
      const source = await again.call<{ id: string; lastRun: { status: string } | null }>('GET', `/api/sources/${created.body.id}`);
      // A session token from before the restart is still valid: the signing key is kept in the data folder.
      const oldSession = await new ApiClient(second.stack.url).withToken(signUp.body.token).call('GET', '/api/me');

      expect(signIn.status).toBe(200);
      expect(source.body).toMatchObject({ id: created.body.id, lastRun: { status: 'succeeded' } });
      expect(oldSession).toMatchObject({ status: 200, body: { tenantName: 'Restart Shop' } });
    } finally {
      await second.close();
      await google.stop();
    }
  });
});
