/**
 * Backfill ranges in the agent's heartbeat, on the local stack: a real
 * CameraBackfill pulls from the Hikvision ISAPI fake (one range filled, one
 * the recorder does not have, one refused for a wrong password), the
 * CameraRuntime's heartbeat carries them per camera as the agent sends it,
 * and GET /api/cameras shows them on the camera.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../../adapters/logging/logger';
import type { CamerasView } from '../../../core/api/camerasApi';
import { agentCameraSchema, type AgentCamera } from '../../../core/edge/agentCameraSchema';
import { agentConfigSchema } from '../../../core/edge/agentConfigSchema';
import { systemClock } from '../../../core/ports/clock';
import type { AgentJob } from '../../../edge-agent/agentJob';
import { CameraBackfill } from '../../../edge-agent/cameras/cameraBackfill';
import { CameraRuntime } from '../../../edge-agent/cameras/cameraRuntime';
import { DurableQueue } from '../../../edge-agent/spool/durableQueue';
import { startFakeIsapiDevice, type FakeIsapiDevice } from '../../fakes/isapi/startFakeIsapiDevice';
import { RTSP_FIXTURE_VIDEO } from '../../fakes/rtsp/startRtspServer';
import { enrolNewAgent, openTwoShops } from '../../support/agentShops';
import type { ApiClient, Harness } from '../../support/localStackHarness';

const logger = makeLogger('warn', new Writable({ write: (_chunk, _e, done) => done() }));
const baseHeartbeat = { version: '0.1.0', hostname: 'kho-quan-7', uptimeSec: 60, disk: { usedBytes: 1, freeBytes: 1 }, queueDepth: 0, uploadBytesPerSec: 0, sources: [] };

describe('backfill ranges in the heartbeat and on the camera', () => {
  let dir: string;
  let harness: Harness;
  let anonymous: ApiClient;
  let shopA: ApiClient;
  let shopB: ApiClient;
  let nvr: FakeIsapiDevice;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vtrack-backfill-heartbeat-'));
    ({ harness, anonymous, shopA, shopB } = await openTwoShops('backfill'));
    nvr = await startFakeIsapiDevice({ password: 'Đầu-ghi#1', recordings: [{ trackId: '201', start: new Date('2026-03-02T02:30:00Z'), end: new Date('2026-03-02T02:31:30Z'), file: RTSP_FIXTURE_VIDEO }] });
  });
  afterAll(async () => {
    await nvr.stop();
    await harness.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports what was pulled, what failed and why, and what waits; the web app reads it on the camera', async () => {
    const camera = (cameraId: string, nvrPassword: string): AgentCamera =>
      agentCameraSchema.parse({
        cameraId, sourceId: 'src-cameras', name: cameraId, paused: true,
        onvif: { host: '127.0.0.1', port: 1, profileToken: 'Profile_1' }, rtspUrl: 'rtsp://127.0.0.1:554/Streaming/Channels/201', username: 'admin', password: 'x', segmentSeconds: 20,
        nvr: { host: nvr.host, port: nvr.port, username: 'admin', password: nvrPassword, channel: 2 },
      });
    const cameras = [camera('cam-ban-2', 'Đầu-ghi#1'), camera('cam-cong', 'sai-mật-khẩu')];
    const queue = await DurableQueue.open<AgentJob>(path.join(dir, 'queue'));
    const recordingsDir = path.join(dir, 'recordings');
    const backfill = new CameraBackfill({ clock: systemClock, logger, queue, recordingsDir, ffmpegPath: 'ffmpeg', cameras: () => cameras, stateFile: path.join(dir, 'backfill.json'), giveUpAfterMs: 3_650 * 86_400_000 });
    const runtime = new CameraRuntime({ clock: systemClock, logger, queue, recordingsDir, ffmpegPath: 'ffmpeg', backfill });
    await runtime.applyConfig(agentConfigSchema.parse({ revision: 1, timeZone: 'Asia/Ho_Chi_Minh', sources: [], uploads: { maxBytesPerSecond: null, windows: [], keepOriginals: false }, disk: { maxUsedBytes: 5_000_000_000, minFreeBytes: 0, keepDaysAfterUpload: 7, whenFull: 'drop_oldest' }, heartbeatSeconds: 60, cameras }));
    await backfill.request({ cameraId: 'cam-ban-2', from: '2026-03-02T02:30:10Z', to: '2026-03-02T02:30:50Z' });
    await backfill.request({ cameraId: 'cam-ban-2', from: '2026-03-02T05:00:00Z', to: '2026-03-02T05:10:00Z' });
    await backfill.request({ cameraId: 'cam-cong', from: '2026-03-02T02:30:10Z', to: '2026-03-02T02:30:50Z' });
    const pulling = backfill.runDue();
    // While a range is pulled, the heartbeat says so.
    await expect.poll(() => runtime.heartbeat().cameras.flatMap((c) => c.backfill ?? []).map((r) => r.state), { interval: 5 }).toContain('pulling');
    await pulling;
    await runtime.stop();

    const { agent } = await enrolNewAgent(anonymous, shopA, 'Kho Quận 7');
    expect((await agent.call('POST', '/api/agent/heartbeat', { ...baseHeartbeat, cameras: runtime.heartbeat().cameras })).status).toBe(204);
    const listed = await shopA.call<CamerasView>('GET', '/api/cameras');
    const byId = Object.fromEntries(listed.body.cameras.map((c) => [c.cameraId, c]));
    // Newest first.
    expect(byId['cam-ban-2']?.backfill).toEqual([
      expect.objectContaining({ from: '2026-03-02T05:00:00.000Z', to: '2026-03-02T05:10:00.000Z', reason: 'asked', state: 'failed', segments: 0, nextTryAt: null, lastError: expect.stringContaining('nothing on track 201') as unknown }),
      expect.objectContaining({ from: '2026-03-02T02:30:10.000Z', to: '2026-03-02T02:30:50.000Z', state: 'done', via: 'isapi', segments: 3, attempts: 1, lastError: null }),
    ]);
    expect(byId['cam-cong']?.backfill).toEqual([expect.objectContaining({ state: 'pending', attempts: 1, lastError: expect.stringMatching(/password/) as unknown, nextTryAt: expect.any(String) as unknown })]);
    expect(JSON.stringify(listed.body)).not.toMatch(/Đầu-ghi|sai-mật-khẩu/);
    expect((await shopB.call<CamerasView>('GET', '/api/cameras')).body.cameras).toEqual([]);
  });

  it('a camera taking its footage from the NVR reports its pulls, and the web app reads how far behind it is', async () => {
    // Prepare: one following camera whose footage in hand ends 12 minutes ago (a range waits for the NVR), one that keeps up, one recorded live.
    const now = Date.now();
    const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
    const camera = (cameraId: string, more: Record<string, unknown>) => ({ cameraId, state: 'recording', error: null, restarts: 0, segments: 4, lastSegmentAt: ago(12), footageEverySeconds: 360, gaps: [], backfill: [], ...more });
    const lastPull = { from: ago(17), to: ago(12), segments: 1, via: 'isapi' };
    const { agent } = await enrolNewAgent(anonymous, shopA, 'Kho đầu ghi');

    // Act: the heartbeat reaches the cloud; the shop lists its cameras.
    const sent = await agent.call('POST', '/api/agent/heartbeat', {
      ...baseHeartbeat,
      cameras: [
        camera('cam-cham', { nvrFollow: { upTo: ago(12), waiting: 1, pulling: false, nextTryAt: ago(-2), lastPull } }),
        camera('cam-kip', { lastSegmentAt: ago(3), nvrFollow: { upTo: ago(3), waiting: 0, pulling: false, nextTryAt: null, lastPull } }),
        camera('cam-truc-tiep', { footageEverySeconds: 300 }),
      ],
    });
    const listed = await shopA.call<CamerasView>('GET', '/api/cameras');

    // Assess: behind by its 12 minutes; keeping up is no delay; a live camera has no NVR pulls.
    expect(sent.status).toBe(204);
    const byId = Object.fromEntries(listed.body.cameras.map((c) => [c.cameraId, c]));
    expect(byId['cam-cham']?.nvrFollow).toMatchObject({ upTo: ago(12), waiting: 1, pulling: false, lastPull });
    expect(byId['cam-cham']?.nvrFollow?.behindSeconds).toBeGreaterThanOrEqual(720);
    expect(byId['cam-cham']?.nvrFollow?.behindSeconds).toBeLessThan(780);
    expect(byId['cam-kip']?.nvrFollow).toMatchObject({ behindSeconds: null, waiting: 0 });
    expect(byId['cam-truc-tiep']?.nvrFollow).toBeNull();

    // Act + Assess: a report that is not one is refused with the field named.
    const bad = await agent.call<{ error: { field?: string } }>('POST', '/api/agent/heartbeat', { ...baseHeartbeat, cameras: [camera('cam-cham', { nvrFollow: { upTo: ago(12), waiting: -1, pulling: false, nextTryAt: null, lastPull: null } })] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('waiting');
  });
});
