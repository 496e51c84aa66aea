/**
 * A camera that takes its footage from its NVR (`capture: 'nvr'`): the agent
 * starts no RTSP recorder for it and pulls the NVR's finished footage every
 * few minutes, from where it got to up to now minus a lag, through the same
 * pullers, naming, queue and processing as backfill. The clock is moved by
 * hand; the NVR is the ONVIF SOAP fake with a Profile G replay server
 * (GStreamer's RTSP server, real pace: ranges are kept to seconds) or the
 * Hikvision ISAPI fake.
 */
import { execFile } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../../adapters/logging/logger';
import type { AgentConfig } from '../../../core/edge/agentConfigSchema';
import { cameraAgentConfig } from './support/cameraAgentConfig';
import type { AgentCamera } from '../../../core/edge/agentCameraSchema';
import { cameraHeartbeatSchema } from '../../../core/edge/cameraHeartbeatSchema';
import { openAgentState, type AgentState } from '../../../edge-agent/agentState';
import { CameraBackfill, type CameraBackfillOptions } from '../../../edge-agent/cameras/cameraBackfill';
import { CameraRuntime } from '../../../edge-agent/cameras/cameraRuntime';
import { segmentStartMs } from '../../../edge-agent/cameras/recorderArgs';
import { startFakeIsapiDevice, type FakeIsapiDevice } from '../../fakes/isapi/startFakeIsapiDevice';
import { startFakeOnvifDevice, type FakeOnvifDevice } from '../../fakes/onvif';
import { loopedFixture, RTSP_FIXTURE_VIDEO } from '../../fakes/rtsp/startRtspServer';
import { startReplayServer, type FakeReplayServer } from '../../fakes/rtsp/startReplayServer';
import { ManualClock } from './support/manualClock';
import { processQueuedFiles } from './support/processQueuedFiles';

const logger = makeLogger('warn', new Writable({ write: (_chunk, _e, done) => done() }));
const PASSWORD = 'Đầu-ghi#2026';
/** Ten-second segments and a recording that starts on a ten-second mark: each range below is one window, one segment to process. */
const SEGMENT_SECONDS = 10;
const LAG_MS = 5_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const run = promisify(execFile);

/** Seconds of video in a file, as ffprobe reads it. */
async function durationOf(file: string): Promise<number> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]);
  return Number(stdout.trim());
}

/** Agent configuration with one camera on channel 1 of the NVR at `nvrPort`; the camera's own address answers nothing. */
function configWith(nvrPort: number, overrides: Partial<AgentCamera> = {}): AgentConfig {
  return cameraAgentConfig([
    {
      cameraId: 'cam-kenh-1', sourceId: 'src-nvr', name: 'Bàn đóng gói 1', paused: false,
      onvif: { host: '127.0.0.1', port: 9, profileToken: 'Profile_1' }, rtspUrl: 'rtsp://127.0.0.1:9/Streaming/Channels/101', username: 'admin', password: 'camera-pw',
      segmentSeconds: SEGMENT_SECONDS, schedule: [], capture: 'nvr',
      nvr: { host: '127.0.0.1', port: nvrPort, username: 'admin', password: PASSWORD, channel: 1 },
      ...overrides,
    },
  ]);
}

/** Seconds of footage each segment name in the camera's folder starts at, sorted. */
async function segmentStarts(dir: string): Promise<number[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => name.endsWith('.mp4')).map((name) => segmentStartMs(name) ?? Number.NaN).sort((a, b) => a - b);
}

describe('a camera that takes its footage from its NVR', () => {
  let dir: string;
  let state: AgentState;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vtrack-nvr-follow-'));
    state = await openAgentState(path.join(dir, 'state'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const backfillFor = (config: AgentConfig, clock: ManualClock, tag: string, more: Partial<CameraBackfillOptions> = {}) =>
    new CameraBackfill({ clock, logger, queue: state.queue, recordingsDir: path.join(dir, `recordings-${tag}`), ffmpegPath: 'ffmpeg', cameras: () => config.cameras ?? [], stateFile: path.join(dir, `follow-${tag}.json`), followLagMs: LAG_MS, timeZone: () => config.timeZone, ...more });

  describe('over ONVIF Profile G', () => {
    let replay: FakeReplayServer;
    let nvr: FakeOnvifDevice;
    // The NVR has recorded the packing table since ten minutes ago (on a segment mark: segment names are exact).
    const recordedFrom = Math.floor(Date.now() / 10_000) * 10_000 - 600_000;

    beforeAll(async () => {
      const footage = await loopedFixture();
      replay = await startReplayServer({ file: footage, recordingStart: new Date(recordedFrom), recordingSeconds: 540, recordingToken: 'RecordMediaProfile_1', password: PASSWORD });
      nvr = await startFakeOnvifDevice({ password: PASSWORD, recordings: [{ token: 'RecordMediaProfile_1', sourceId: 'VideoSource_1', sourceName: 'Bàn đóng gói 1', from: new Date(recordedFrom), to: new Date(recordedFrom + 540_000), replayUri: replay.url }] });
    });
    afterAll(async () => {
      await replay.stop();
      await nvr.stop();
    });

    it('pulls the footage continuously without recording the camera, resumes a pull cut by a restart with no duplicate or hole, and its codes become events', async () => {
      // Arrange: the agent sees the camera for the first time, just as the NVR's recording began.
      const config = configWith(nvr.port);
      const clock = new ManualClock(recordedFrom + LAG_MS);
      const first = backfillFor(config, clock, 'onvif', { followEveryMs: 4_000 });
      const runtime = new CameraRuntime({ clock, logger, queue: state.queue, recordingsDir: path.join(dir, 'recordings-onvif'), ffmpegPath: 'ffmpeg', backfill: first });
      await runtime.applyConfig(config);
      await first.runDue();
      expect(runtime.cameraStates()[0]).toMatchObject({ state: 'starting', lastSegmentAt: null });

      // Act: ten seconds later its first ten-second window is written on the NVR.
      clock.advance(10_000);
      await first.runDue();

      // Assess: pulled over Profile G, queued, and the camera is online with footage up to then; no RTSP recorder ran.
      const [pulled] = await first.list();
      expect(pulled).toMatchObject({ reason: 'follow', state: 'done', via: 'onvif-profile-g', from: new Date(recordedFrom).toISOString(), to: new Date(recordedFrom + 10_000).toISOString() });
      expect(runtime.cameraStates()[0]).toMatchObject({ state: 'recording', error: null, lastSegmentAt: new Date(recordedFrom + 10_000).toISOString() });
      expect(runtime.heartbeat().cameras[0]?.backfill).toEqual([]);
      const cameraDir = path.join(dir, 'recordings-onvif', 'cam-kenh-1');
      const afterFirst = await segmentStarts(cameraDir);
      expect(afterFirst).toEqual([recordedFrom]);

      // Act: the next window; the agent stops part-way through the pull, then starts again.
      clock.advance(10_000);
      const cut = first.runDue();
      for (let i = 0; i < 40 && replay.requests.filter((r) => r.method === 'PLAY' && r.status === 'forwarded').length < 2; i++) await sleep(250);
      await sleep(1_000);
      await first.stop();
      await cut;
      await runtime.stop();
      const interrupted = (await first.list()).find((r) => r.from === new Date(recordedFrom + 10_000).toISOString());
      expect(interrupted).toMatchObject({ state: 'pending', attempts: 0, to: new Date(recordedFrom + 20_000).toISOString() });
      expect(await segmentStarts(cameraDir)).toEqual(afterFirst);
      const again = backfillFor(config, clock, 'onvif', { followEveryMs: 4_000 });
      await again.runDue();

      // Assess: one range after the other, a segment from each, none twice, each queued once.
      expect((await again.list()).map((r) => [r.from, r.to, r.state])).toEqual([
        [new Date(recordedFrom + 10_000).toISOString(), new Date(recordedFrom + 20_000).toISOString(), 'done'],
        [new Date(recordedFrom).toISOString(), new Date(recordedFrom + 10_000).toISOString(), 'done'],
      ]);
      const starts = await segmentStarts(cameraDir);
      expect(starts).toEqual([recordedFrom, recordedFrom + 10_000]);
      expect(await state.queue.depth()).toBe(starts.length);
      const truth = JSON.parse(await readFile(RTSP_FIXTURE_VIDEO.replace(/\.mp4$/, '.truth.json'), 'utf8')) as { orders: { code: string }[] };
      const codes = (await processQueuedFiles(state, 'src-nvr')).flatMap((event) => event.trackingCodes);
      expect(codes.length).toBeGreaterThanOrEqual(1);
      expect(codes.every((code) => truth.orders.some((order) => order.code === code))).toBe(true);
    }, 90_000);
  });

  describe('over Hikvision ISAPI', () => {
    let nvr: FakeIsapiDevice;
    const at = (hhmmss: string) => new Date(`2026-03-02T${hhmmss}Z`);

    beforeAll(async () => {
      nvr = await startFakeIsapiDevice({ password: PASSWORD, recordings: [{ trackId: '101', start: at('02:30:00'), end: at('02:31:30'), file: RTSP_FIXTURE_VIDEO }] });
    });
    afterAll(async () => {
      await nvr.stop();
    });

    it('searches and downloads each new stretch from where the last one ended, nothing twice', async () => {
      // Arrange: first seen at 02:30:05, footage wanted from 02:30:00 (the lag), segments of 10 s.
      const config = configWith(nvr.port, { segmentSeconds: 10, cameraId: 'cam-isapi' });
      const clock = new ManualClock(at('02:30:05').getTime());
      const backfill = backfillFor(config, clock, 'isapi', { followEveryMs: 20_000 });
      await backfill.runDue();

      // Act: two looks, twenty seconds apart, and one more too soon after.
      clock.advance(20_000);
      await backfill.runDue();
      clock.advance(20_000);
      await backfill.runDue();
      clock.advance(5_000);
      await backfill.runDue();

      // Assess: two ranges end to end, downloaded over ISAPI from track 101, cut at the recorder's 10 s marks.
      expect((await backfill.list()).map((r) => [r.from.slice(11, 19), r.to.slice(11, 19), r.state, r.via])).toEqual([
        ['02:30:20', '02:30:40', 'done', 'isapi'],
        ['02:30:00', '02:30:20', 'done', 'isapi'],
      ]);
      expect((await readdir(path.join(dir, 'recordings-isapi', 'cam-isapi'))).sort()).toEqual(['cam-isapi_20260302_023000.mp4', 'cam-isapi_20260302_023010.mp4', 'cam-isapi_20260302_023020.mp4', 'cam-isapi_20260302_023030.mp4']);
      expect(nvr.requests.filter((r) => r.path === '/ISAPI/ContentMgmt/download' && r.status === 200)).toHaveLength(2);
    });

    it('pulls whole segment windows on the live recorder’s UTC grid, so its files are named and as long as recorded ones, and they are processed as usual', async () => {
      // Arrange: 30-second segments, first seen at 02:30:11 (footage wanted from 02:30:06, mid-window), a look every 20 s.
      const config = configWith(nvr.port, { segmentSeconds: 30, cameraId: 'cam-luoi' });
      const clock = new ManualClock(at('02:30:11').getTime());
      const own = await openAgentState(path.join(dir, 'state-grid'));
      const backfill = backfillFor(config, clock, 'grid', { followEveryMs: 20_000, queue: own.queue });
      const runtime = new CameraRuntime({ clock, logger, queue: own.queue, recordingsDir: path.join(dir, 'recordings-grid'), ffmpegPath: 'ffmpeg', backfill });
      await runtime.applyConfig(config);
      await backfill.runDue();

      // Act: five looks, 20 s apart (the NVR's recording ends at 02:31:30).
      const pulledAfterLook: number[] = [];
      for (let look = 0; look < 5; look++) {
        clock.advance(20_000);
        await backfill.runDue();
        pulledAfterLook.push((await backfill.list()).length);
      }
      await runtime.stop();

      // Assess: nothing before a window has ended and the lag passed; then one range per window, on the 30 s marks (the first one from where following began, as a recorder started mid-window).
      expect(pulledAfterLook).toEqual([0, 1, 2, 2, 3]);
      expect((await backfill.list()).map((r) => [r.from.slice(11, 19), r.to.slice(11, 19), r.state])).toEqual([
        ['02:31:00', '02:31:30', 'done'],
        ['02:30:30', '02:31:00', 'done'],
        ['02:30:06', '02:30:30', 'done'],
      ]);
      const cameraDir = path.join(dir, 'recordings-grid', 'cam-luoi');
      const names = (await readdir(cameraDir)).filter((name) => name.endsWith('.mp4')).sort();
      expect(names).toEqual(['cam-luoi_20260302_023006.mp4', 'cam-luoi_20260302_023030.mp4', 'cam-luoi_20260302_023100.mp4']);
      const lengths = await Promise.all(names.map((name) => durationOf(path.join(cameraDir, name))));
      expect(lengths.map((seconds) => Math.round(seconds))).toEqual([24, 30, 30]);
      // Health expects new footage once per window plus the lag, not once per look.
      expect(runtime.cameraStates()[0]).toMatchObject({ state: 'recording', footageEverySeconds: 35, lastSegmentAt: at('02:31:30').toISOString() });
      // The heartbeat says how its pulls get on (and the cloud's schema takes it).
      const [reported] = runtime.heartbeat().cameras;
      expect(cameraHeartbeatSchema.parse(reported).nvrFollow).toEqual({ upTo: at('02:31:30').toISOString(), waiting: 0, pulling: false, nextTryAt: null, lastPull: { from: at('02:31:00').toISOString(), to: at('02:31:30').toISOString(), segments: 1, via: 'isapi' } });
      const truth = JSON.parse(await readFile(RTSP_FIXTURE_VIDEO.replace(/\.mp4$/, '.truth.json'), 'utf8')) as { orders: { code: string }[] };
      const codes = (await processQueuedFiles(own, 'src-nvr')).flatMap((event) => event.trackingCodes);
      expect(codes.length).toBeGreaterThanOrEqual(1);
      expect(codes.every((code) => truth.orders.some((order) => order.code === code))).toBe(true);
    }, 120_000);
  });

  it('an NVR that does not answer is reported on the camera and tried again, its footage kept waiting in one range', async () => {
    // Arrange: an NVR address where nothing listens.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const config = configWith(port, { cameraId: 'cam-mat' });
    const clock = new ManualClock(Date.parse('2026-03-02T02:30:00Z'));
    const backfill = backfillFor(config, clock, 'down', { followEveryMs: 60_000, retryFirstMs: 30_000 });
    const runtime = new CameraRuntime({ clock, logger, queue: state.queue, recordingsDir: path.join(dir, 'recordings-down'), ffmpegPath: 'ffmpeg', backfill });
    await runtime.applyConfig(config);
    await backfill.runDue();

    // Act: a minute later the first pull finds nothing answering.
    clock.advance(60_000);
    await backfill.runDue();

    // Assess: the camera is reported as not reachable, with the NVR's address, and the range waits for a retry.
    const [waiting] = await backfill.list();
    expect(waiting).toMatchObject({ reason: 'follow', state: 'pending', attempts: 1, segments: 0 });
    expect(Date.parse(waiting?.nextTryAt ?? '')).toBe(clock.now().getTime() + 30_000);
    const reported = runtime.heartbeat().cameras[0];
    expect(reported).toMatchObject({ cameraId: 'cam-mat', state: 'reconnecting', lastSegmentAt: null });
    // Its pulls in the heartbeat: footage from the first look waits, one range, tried again later.
    expect(reported?.nvrFollow).toEqual({ upTo: waiting?.from, waiting: 1, pulling: false, nextTryAt: waiting?.nextTryAt, lastPull: null });
    expect(reported?.error).toContain(`127.0.0.1:${port}`);

    // Act: a minute on, it is tried again.
    clock.advance(60_000);
    await backfill.runDue();
    await runtime.stop();

    // Assess: the same range, now reaching the newest window the NVR has finished, tried a second time and waiting longer.
    const ranges = await backfill.list();
    expect(ranges).toHaveLength(1);
    expect(ranges[0]).toMatchObject({ id: waiting?.id, state: 'pending', attempts: 2, from: waiting?.from, to: '2026-03-02T02:31:50.000Z' });
    expect(Date.parse(ranges[0]?.nextTryAt ?? '')).toBe(clock.now().getTime() + 60_000);
  });

  it('footage outside its recording hours is passed over, and a camera that records live again starts afresh when it follows the NVR later', async () => {
    // Arrange: shop hours Mon–Sat 08:00–18:00 in Ho Chi Minh City; Sunday 20:00 UTC is Monday 03:00 there.
    const schedule = [{ days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '18:00' }];
    let config = configWith(9, { cameraId: 'cam-gio', schedule });
    const clock = new ManualClock(Date.parse('2026-01-04T20:00:00Z'));
    const backfill = new CameraBackfill({ clock, logger, queue: state.queue, recordingsDir: path.join(dir, 'recordings-hours'), ffmpegPath: 'ffmpeg', cameras: () => config.cameras ?? [], stateFile: path.join(dir, 'follow-hours.json'), followLagMs: LAG_MS, followEveryMs: 60_000, timeZone: () => config.timeZone });
    const runtime = new CameraRuntime({ clock, logger, queue: state.queue, recordingsDir: path.join(dir, 'recordings-hours'), ffmpegPath: 'ffmpeg', backfill });
    await runtime.applyConfig(config);
    await backfill.runDue();

    // Act: ten minutes of night.
    clock.advance(600_000);
    await backfill.runDue();

    // Assess: nothing asked of the NVR, and the camera is off schedule rather than offline.
    expect(await backfill.list()).toEqual([]);
    expect(runtime.cameraStates()[0]).toMatchObject({ cameraId: 'cam-gio', state: 'off_schedule' });

    // Act: it records live for an hour (switched at night: its last window before the switch is off hours too), then follows the NVR again.
    config = configWith(9, { cameraId: 'cam-gio', capture: 'live', schedule });
    await backfill.runDue();
    clock.advance(3_600_000);
    config = configWith(9, { cameraId: 'cam-gio', schedule: [] });
    await backfill.runDue();
    clock.advance(30_000);
    await backfill.runDue();
    await runtime.stop();

    // Assess: the live hour is not pulled from the NVR; following starts from when it began again.
    expect(await backfill.list()).toEqual([]);
  });
});
