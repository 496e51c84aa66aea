/**
 * One shop with something on every page, for the browser tests that walk all
 * pages (languages, phone sizes): the local stack with the Drive fake, a
 * signed-up tenant in Vietnam's time zone, a Drive source that has synced
 * (so its page has a run history), orders with a real clip, and a share link.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalStack, type LocalStack } from '../../../infra/local/startLocalStack';
import { startFakeGoogle, type FakeGoogle } from '../../fakes/drive';
import { makeClip, parcelEvent, seedEvents, stackStores } from '../../support/eventSeeds';
import { connectGoogle, fakeGoogleEnv } from '../../support/googleStack';
import { ApiClient } from '../../support/localStackHarness';
import { buildWeb } from './buildWeb';

export interface WalkShop {
  readonly url: string;
  readonly email: string;
  readonly password: string;
  readonly sourceId: string;
  /** A code with one order and a ready clip. */
  readonly code: string;
  /** Path of a share link of that order's clip. */
  readonly sharePath: string;
  stop(): Promise<void>;
}

const KiB = 1024;

export async function openWalkShop(): Promise<WalkShop> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vtrack-e2e-walk-'));
  const webDir = await buildWeb();
  let google: FakeGoogle | undefined;
  let stack: LocalStack | undefined;
  let stores: ReturnType<typeof stackStores> | undefined;
  const stop = async (): Promise<void> => {
    stores?.close();
    await stack?.stop();
    await google?.stop();
    await Promise.all([dataDir, webDir].map((dir) => rm(dir, { recursive: true, force: true })));
  };
  try {
    google = await startFakeGoogle({ accessTokenTtlSeconds: 3600 });
    stack = await startLocalStack({ port: 0, dataDir, webDir, schedulerIntervalMs: 3_600_000, quiet: true, env: fakeGoogleEnv(google) });
    const email = 'chu@kho-saigon.test';
    const password = 'mật khẩu an toàn';
    const { client, tenantId } = await new ApiClient(stack.url).signUp(email, 'Kho Sài Gòn', password);
    await client.call('PATCH', '/api/tenant', { timeZone: 'Asia/Ho_Chi_Minh' });

    // A Drive source that has synced once: its page shows a run in the history.
    const folder = google.drive.addFolder({ name: 'Kho hàng' });
    for (let i = 0; i < 3; i += 1) {
      google.drive.addFile({ name: `Cam1_20250718_09${String(i).padStart(2, '0')}00.mp4`, parentId: folder, content: { syntheticBytes: 64 * KiB, seed: i } });
    }
    const connection = await connectGoogle(client);
    const created = await client.call<{ id: string }>('POST', '/api/sources', {
      type: 'google_drive',
      name: 'Bàn đóng gói',
      intervalMinutes: 15,
      config: { connectionId: connection.id, folderIds: [folder], mapping: { renames: { cam1: 'Bàn đóng gói 1' } } },
    });
    if (created.status !== 201) throw new Error(`source not created: ${created.status} ${JSON.stringify(created.body)}`);
    const sourceId = created.body.id;
    await client.call('POST', `/api/sources/${sourceId}/sync`);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const runs = await client.call<{ items: { status: string }[] }>('GET', `/api/sources/${sourceId}/runs`);
      if (runs.body.items?.some((run) => run.status !== 'running')) break;
      if (Date.now() > deadline) throw new Error('the first sync did not finish');
      await new Promise((resolve) => setTimeout(resolve, 300));
    }

    // Orders with a real clip, and a share link of one.
    stores = stackStores(stack);
    const clip = await makeClip(8);
    const clipKey = `${tenantId}/${sourceId}/cam1/clips/SPXVN417776317.mp4`;
    await stores.putClip(clipKey, clip);
    const code = 'SPXVN417776317';
    const packed = parcelEvent({ tenantId, sourceId, codes: [code], start: '2025-07-18T02:30:03.000Z', clipKey, clipBytes: clip.length });
    const neighbour = parcelEvent({ tenantId, sourceId, codes: ['GHN91500080636'], start: '2025-07-18T02:31:13.000Z', clipKey, clipBytes: clip.length });
    await seedEvents(stores.events, [packed, neighbour]);
    const share = await client.call<{ url: string }>('POST', `/api/events/${packed.id}/shares`, { days: 7 });
    if (share.status !== 201) throw new Error(`share not created: ${share.status} ${JSON.stringify(share.body)}`);

    return { url: stack.url, email, password, sourceId, code, sharePath: new URL(share.body.url).pathname, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
