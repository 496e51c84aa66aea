/**
 * One shop with something on every page, for the browser tests that walk all
 * pages (languages, phone sizes): the local stack with the Drive fake, a
 * signed-up tenant in Vietnam's time zone, a Drive source that has synced
 * (so its page has a run history), orders with a real clip, a share link, a
 * usage alert it has passed, and an agent recording a camera that fails in
 * English words (ffmpeg's, the recorder's), as real devices do.
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
import type { FolderListing } from '../../../core/agents/folderListing';

export interface WalkShop {
  readonly url: string;
  readonly email: string;
  readonly password: string;
  readonly sourceId: string;
  /** A code with one order and a ready clip. */
  readonly code: string;
  /** Path of a share link of that order's clip. */
  readonly sharePath: string;
  /** An enrolled agent (online), for the local-folder form. */
  readonly agentName: string;
  /**
   * Answers, as that agent would at its next check-in, the folder listing the
   * web app asked for: waits until the form has asked for `path`.
   */
  answerListing(path: string, listing: Omit<FolderListing, 'path'>): Promise<void>;
  stop(): Promise<void>;
}

const HEARTBEAT = { version: '0.1.0', hostname: 'may-kho', uptimeSec: 60, disk: { usedBytes: 1_000_000_000, freeBytes: 50_000_000_000 }, queueDepth: 0, uploadBytesPerSec: 0, sources: [] };

/** The camera the walk agent records: offline for 20 minutes, and a gap its recorder could not fill, both in the device's English. */
export const WALK_CAMERA_ID = 'ban-dong-goi-3';

function walkCameras(nowMs: number): object[] {
  const at = (minutesAgo: number): string => new Date(nowMs - minutesAgo * 60_000).toISOString();
  return [
    {
      cameraId: WALK_CAMERA_ID,
      state: 'reconnecting',
      error: 'ffmpeg ended: [tcp @ 0x55d] Connection to tcp://192.168.1.64:554 failed: Connection refused',
      restarts: 4,
      segments: 12,
      lastSegmentAt: at(20),
      gaps: [],
      backfill: [{ from: at(90), to: at(80), reason: 'gap', state: 'failed', attempts: 3, segments: 0, via: null, lastError: 'the recorder at 192.168.1.64:80 refused the user name or password (401 Unauthorized)', nextTryAt: null }],
    },
  ];
}

async function heartbeat(url: string, credential: string, extra: object = {}): Promise<Response> {
  return fetch(`${url}/api/agent/heartbeat`, {
    method: 'POST',
    headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...HEARTBEAT, cameras: walkCameras(Date.now()), ...extra }),
  });
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
    // Beside it, a folder no source takes, for the Add source form's preview: what it skips and notes.
    const papers = google.drive.addFolder({ name: 'Giấy tờ' });
    google.drive.addFile({ name: 'Cam2_20250718_100000.mp4', parentId: papers, content: { syntheticBytes: 16 * KiB, seed: 9 } });
    google.drive.addFile({ name: 'bảng kê.pdf', parentId: papers, content: Buffer.from('%PDF-1.4') });
    google.drive.addFile({ name: 'Sổ giao hàng', parentId: papers, mimeType: 'application/vnd.google-apps.spreadsheet' });
    google.drive.addShortcut({ name: 'quay lại', parentId: papers, targetId: papers });
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

    // A usage alert the shop has passed (its synced footage is more than 1 kB): the Storage and Sources pages show it.
    const alert = await client.call('PATCH', '/api/storage', { alert: { kind: 'gb', value: 0.000001 } });
    if (alert.status !== 200) throw new Error(`usage alert not set: ${alert.status} ${JSON.stringify(alert.body)}`);

    // An enrolled agent that has checked in, so the local-folder form has one to pick.
    const agentName = 'Máy kho Sài Gòn';
    const added = await client.call<{ code: string }>('POST', '/api/agents', { name: agentName });
    const enrolled = (await (await fetch(`${stack.url}/api/agent/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: added.body.code }) })).json()) as { credential: string };
    const url = stack.url;
    if ((await heartbeat(url, enrolled.credential)).status >= 300) throw new Error('the walk agent could not check in');
    const answerListing = async (path: string, listing: Omit<FolderListing, 'path'>): Promise<void> => {
      const until = Date.now() + 20_000;
      for (;;) {
        const answer = await heartbeat(url, enrolled.credential);
        const asked = answer.status === 200 ? ((await answer.json()) as { listing: { path: string } | null }).listing : null;
        if (asked?.path === path) break;
        if (Date.now() > until) throw new Error(`the form did not ask for a listing of ${path}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const sent = await heartbeat(url, enrolled.credential, { listing: { path, ...listing } });
      if (sent.status >= 300) throw new Error(`listing not taken: ${sent.status} ${await sent.text()}`);
    };

    return { url, email, password, sourceId, code, sharePath: new URL(share.body.url).pathname, agentName, answerListing, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
