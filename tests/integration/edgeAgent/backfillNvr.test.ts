import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../../adapters/logging/logger';
import { agentCameraSchema, type AgentCamera } from '../../../core/edge/agentCameraSchema';
import { systemClock } from '../../../core/ports/clock';
import type { AgentJob } from '../../../edge-agent/agentJob';
import { CameraBackfill } from '../../../edge-agent/cameras/cameraBackfill';
import { DurableQueue } from '../../../edge-agent/spool/durableQueue';
import { startFakeIsapiDevice, type FakeIsapiDevice } from '../../fakes/isapi/startFakeIsapiDevice';
import { startFakeOnvifDevice, type FakeOnvifDevice } from '../../fakes/onvif';
import { loopedFixture, RTSP_FIXTURE_VIDEO } from '../../fakes/rtsp/startRtspServer';
import { startReplayServer, type FakeReplayServer } from '../../fakes/rtsp/startReplayServer';

const logger = makeLogger('warn', new Writable({ write: (_chunk, _e, done) => done() }));
const CAMERA_PASSWORD = 'camera-pw';
const NVR_PASSWORD = 'Đầu-ghi#Kho2';
const at = (hhmmss: string) => new Date(`2026-03-02T${hhmmss}Z`);

/** Channel 2 of an NVR at 127.0.0.1:<port>; the camera itself answers elsewhere with another password. */
const cameraOnNvr = (camera: FakeOnvifDevice, nvrPort: number): AgentCamera =>
  agentCameraSchema.parse({
    cameraId: 'cam-kenh-2',
    sourceId: 'src-cameras',
    name: 'Bàn đóng gói 2',
    paused: false,
    onvif: { host: camera.host, port: camera.port, profileToken: 'Profile_1' },
    rtspUrl: 'rtsp://127.0.0.1:554/Streaming/Channels/101',
    username: 'admin',
    password: CAMERA_PASSWORD,
    segmentSeconds: 10,
    nvr: { host: '127.0.0.1', port: nvrPort, username: 'admin', password: NVR_PASSWORD, channel: 2 },
  });

describe('recordings pulled from an NVR at its own address, channel 2', () => {
  let dir: string;
  let camera: FakeOnvifDevice;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vtrack-backfill-nvr-'));
    // The camera itself: no recordings, its own password; it must not be asked.
    camera = await startFakeOnvifDevice({ password: CAMERA_PASSWORD });
  });
  afterAll(async () => {
    await camera.stop();
    await rm(dir, { recursive: true, force: true });
  });

  describe('over ONVIF Profile G', () => {
    let channel1: FakeReplayServer;
    let channel2: FakeReplayServer;
    let nvr: FakeOnvifDevice;
    const recordedFrom = new Date(Date.now() - 120_000);

    beforeAll(async () => {
      const footage = await loopedFixture();
      channel1 = await startReplayServer({ file: footage, recordingStart: recordedFrom, recordingSeconds: 540, recordingToken: 'RecordMediaProfile_1', password: NVR_PASSWORD });
      channel2 = await startReplayServer({ file: footage, recordingStart: recordedFrom, recordingSeconds: 540, recordingToken: 'RecordMediaProfile_2', password: NVR_PASSWORD });
      const to = new Date(recordedFrom.getTime() + 540_000);
      nvr = await startFakeOnvifDevice({
        password: NVR_PASSWORD,
        recordings: [
          { token: 'RecordMediaProfile_1', sourceId: 'VideoSource_1', sourceName: 'Cổng', from: recordedFrom, to, replayUri: channel1.url },
          { token: 'RecordMediaProfile_2', sourceId: 'VideoSource_2', sourceName: 'Bàn đóng gói 2', from: recordedFrom, to, replayUri: channel2.url },
        ],
      });
    });
    afterAll(async () => {
      await nvr.stop();
      await channel1.stop();
      await channel2.stop();
    });

    it('replays channel 2’s recording from the NVR with the NVR’s credentials, never asking the camera', async () => {
      expect(nvr.port).not.toBe(camera.port);
      const queue = await DurableQueue.open<AgentJob>(path.join(dir, 'queue-onvif'));
      const recordingsDir = path.join(dir, 'recordings-onvif');
      const config = cameraOnNvr(camera, nvr.port);
      const backfill = new CameraBackfill({ clock: systemClock, logger, queue, recordingsDir, ffmpegPath: 'ffmpeg', cameras: () => [config], stateFile: path.join(dir, 'backfill-onvif.json') });
      const from = new Date(recordedFrom.getTime() + 30_000);
      await backfill.request({ cameraId: 'cam-kenh-2', from: from.toISOString(), to: new Date(from.getTime() + 12_000).toISOString() });
      await backfill.runDue();

      const [range] = await backfill.list();
      expect(range).toMatchObject({ state: 'done', via: 'onvif-profile-g', lastError: null });
      expect(range?.segments).toBeGreaterThanOrEqual(1);
      expect(channel2.requests.some((r) => r.method === 'PLAY' && r.status === 'forwarded')).toBe(true);
      expect(channel1.requests).toEqual([]);
      expect(camera.requests).toEqual([]);
      const names = await readdir(path.join(recordingsDir, 'cam-kenh-2'));
      expect(names.length).toBe(range?.segments);
      expect(await queue.depth()).toBe(names.length);
    }, 120_000);
  });

  describe('over Hikvision ISAPI', () => {
    let nvr: FakeIsapiDevice;

    beforeAll(async () => {
      nvr = await startFakeIsapiDevice({
        password: NVR_PASSWORD,
        recordings: [
          { trackId: '101', start: at('02:30:00'), end: at('02:31:30'), file: RTSP_FIXTURE_VIDEO },
          { trackId: '201', start: at('02:30:00'), end: at('02:31:30'), file: RTSP_FIXTURE_VIDEO.replace('093000', '093130') },
        ],
      });
    });
    afterAll(async () => {
      await nvr.stop();
    });

    it('searches and downloads track 201 (channel 2’s main stream) from the NVR', async () => {
      const queue = await DurableQueue.open<AgentJob>(path.join(dir, 'queue-isapi'));
      const recordingsDir = path.join(dir, 'recordings-isapi');
      const config = cameraOnNvr(camera, nvr.port);
      const backfill = new CameraBackfill({ clock: systemClock, logger, queue, recordingsDir, ffmpegPath: 'ffmpeg', cameras: () => [config], stateFile: path.join(dir, 'backfill-isapi.json') });
      await backfill.request({ cameraId: 'cam-kenh-2', from: '2026-03-02T02:30:10Z', to: '2026-03-02T02:30:40Z' });
      await backfill.runDue();

      const [range] = await backfill.list();
      expect(range).toMatchObject({ state: 'done', via: 'isapi', lastError: null });
      const answered = nvr.requests.filter((r) => r.status !== 401);
      expect(answered.filter((r) => r.path === '/ISAPI/ContentMgmt/search').map((r) => r.trackId)).toEqual(['201']);
      expect(answered.filter((r) => r.path === '/ISAPI/ContentMgmt/download').map((r) => r.trackId)).toEqual(['201']);
      expect((await readdir(path.join(recordingsDir, 'cam-kenh-2'))).sort()).toEqual(['cam-kenh-2_20260302_023010.mp4', 'cam-kenh-2_20260302_023020.mp4', 'cam-kenh-2_20260302_023030.mp4']);
      expect(camera.requests).toEqual([]);
    });
  });
});
