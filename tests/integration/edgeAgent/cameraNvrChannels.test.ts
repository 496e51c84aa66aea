/**
 * An NVR's own ONVIF profiles added as cameras: the ONVIF device fake acts as
 * an NVR (one media profile per channel, each with its own video source and
 * stream path on the NVR's RTSP port, served by GStreamer's RTSP server); the
 * shop adds it by address through the web's routes (the probe answered by the
 * agent's own request poller), then adds each channel's profile as a camera;
 * the agent's configuration from the cloud records each channel live from the
 * NVR's stream into its own segments.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../../adapters/logging/logger';
import { OnvifCamera } from '../../../adapters/onvif/onvifCamera';
import type { EnrolledView, EnrolmentView } from '../../../core/api/agentsApi';
import type { CameraRequestView, SiteCameraView } from '../../../core/api/cameraOnboardingApi';
import type { AgentConfig } from '../../../core/edge/agentConfigSchema';
import { systemClock } from '../../../core/ports/clock';
import { openAgentState } from '../../../edge-agent/agentState';
import { CameraRequestPoller } from '../../../edge-agent/cameras/cameraRequestPoller';
import { CameraRuntime } from '../../../edge-agent/cameras/cameraRuntime';
import { AgentApiClient } from '../../../edge-agent/cloud/agentApiClient';
import { startFakeOnvifDevice, type FakeOnvifDevice } from '../../fakes/onvif';
import { startRtspServer, type FakeRtspServer } from '../../fakes/rtsp/startRtspServer';
import { ApiClient, startHarness, type Harness } from '../../support/localStackHarness';

const logger = makeLogger('warn', new Writable({ write: (_chunk, _e, done) => done() }));
const PASSWORD = 'Đầu-ghi#2026';

describe('an NVR’s channel profiles added as cameras', () => {
  let dir: string;
  let rtsp: FakeRtspServer;
  let nvr: FakeOnvifDevice;
  let harness: Harness;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vtrack-nvr-channels-'));
    // The NVR's RTSP port serves /stream1 and /stream2: channel 1 and channel 2.
    [rtsp, harness] = await Promise.all([startRtspServer(), startHarness()]);
    nvr = await startFakeOnvifDevice({
      password: PASSWORD,
      rtspPort: rtsp.port,
      identity: { manufacturer: 'HIKVISION', model: 'DS-7608NI-K2' },
      profiles: [
        { token: 'ProfileToken001', name: 'Camera 01 mainStream', width: 1280, height: 720, fps: 15, rtspPath: '/stream1', videoSource: 'VideoSource_1' },
        { token: 'ProfileToken002', name: 'Camera 02 mainStream', width: 1280, height: 720, fps: 15, rtspPath: '/stream2', videoSource: 'VideoSource_2' },
      ],
    });
  });
  afterAll(async () => {
    await Promise.all([rtsp.stop(), nvr.stop(), harness.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('are each added by the NVR’s address and recorded live from the NVR’s stream of that channel', async () => {
    // Arrange: a shop with an enrolled agent; the agent answers the web's requests with its poller.
    const anonymous = new ApiClient(harness.stack.url);
    const shop = (await anonymous.signUp('owner@nvr-channels.example', 'Kho Thủ Đức')).client;
    const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy kho' });
    const enrolled = (await anonymous.call<EnrolledView>('POST', '/api/agent/enrol', { code: made.body.code })).body;
    const agent = anonymous.withToken(enrolled.credential);
    const poller = new CameraRequestPoller({ cloud: new AgentApiClient(harness.stack.url, enrolled.credential), logger, connect: (target) => OnvifCamera.connect({ ...target, timeoutMs: 3_000 }), cameras: () => [], snapshotEveryMs: 3_600_000 });

    // Act: the NVR is probed by address as the Cameras page does, and each channel's profile is added.
    const probe = await shop.call<CameraRequestView>('POST', '/api/cameras/probes', { agentId: enrolled.agentId, address: `127.0.0.1:${nvr.port}`, username: 'admin', password: PASSWORD });
    await poller.pollOnce();
    const answer = (await shop.call<CameraRequestView>('GET', `/api/cameras/requests/${probe.body.requestId}`)).body;
    expect(answer.device?.model).toBe('DS-7608NI-K2');
    expect(answer.device?.profiles.map((profile) => profile.token)).toEqual(['ProfileToken001', 'ProfileToken002']);
    const added: SiteCameraView[] = [];
    for (const [token, name] of [['ProfileToken001', 'Bàn đóng gói 1'], ['ProfileToken002', 'Bàn đóng gói 2']] as const) {
      const camera = await shop.call<SiteCameraView>('POST', '/api/cameras', { probeId: probe.body.requestId, profileToken: token, name });
      expect(camera.status, JSON.stringify(camera.body)).toBe(201);
      added.push(camera.body);
    }

    // Assess: the agent's configuration records each channel from the NVR's stream of it.
    const config = (await agent.call<AgentConfig>('GET', '/api/agent/config')).body;
    const cameras = config.cameras ?? [];
    expect(cameras.map((camera) => [camera.name, camera.rtspUrl, camera.capture])).toEqual(
      expect.arrayContaining([
        ['Bàn đóng gói 1', `rtsp://127.0.0.1:${rtsp.port}/stream1`, 'live'],
        ['Bàn đóng gói 2', `rtsp://127.0.0.1:${rtsp.port}/stream2`, 'live'],
      ]),
    );

    // Act: the agent records them (file length shortened for the test's time: the web's shortest is a minute).
    const state = await openAgentState(path.join(dir, 'state'));
    const runtime = new CameraRuntime({ clock: systemClock, logger, queue: state.queue, recordingsDir: path.join(dir, 'recordings'), ffmpegPath: 'ffmpeg', firstBackoffMs: 500 });
    await runtime.applyConfig({ ...config, cameras: cameras.map((camera) => ({ ...camera, segmentSeconds: 4 })) });
    const segmentsOf = async (cameraId: string) => (await readdir(path.join(dir, 'recordings', cameraId)).catch(() => [] as string[])).filter((name) => name.endsWith('.mp4'));
    const deadline = Date.now() + 30_000;
    // A finished segment each (the recorder's count; its folder also holds the one being written).
    const eachRecorded = () => added.every((camera) => (runtime.cameraStates().find((s) => s.cameraId === camera.cameraId)?.segments ?? 0) >= 1);
    while (!eachRecorded() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    const states = runtime.cameraStates();
    await runtime.stop();

    // Assess: each channel recorded into segments of its own, named by its camera.
    for (const camera of added) {
      expect(states.find((s) => s.cameraId === camera.cameraId)).toMatchObject({ state: 'recording', error: null });
      const names = await segmentsOf(camera.cameraId);
      expect(names.length).toBeGreaterThanOrEqual(1);
      expect(names.every((name) => name.startsWith(`${camera.cameraId}_`))).toBe(true);
    }
    expect(await state.queue.depth()).toBeGreaterThanOrEqual(added.length);
  }, 90_000);
});
