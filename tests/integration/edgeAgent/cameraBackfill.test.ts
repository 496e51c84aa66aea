import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../../adapters/logging/logger';
import type { AgentCamera } from '../../../core/edge/agentCameraSchema';
import type { AgentConfig } from '../../../core/edge/agentConfigSchema';
import { cameraAgentConfig } from './support/cameraAgentConfig';
import { ValidationError } from '../../../core/errors';
import { systemClock } from '../../../core/ports/clock';
import { openAgentState, type AgentState } from '../../../edge-agent/agentState';
import { CameraBackfill } from '../../../edge-agent/cameras/cameraBackfill';
import type { RecordingGap } from '../../../edge-agent/cameras/cameraRecorder';
import { CameraRuntime } from '../../../edge-agent/cameras/cameraRuntime';
import { startFakeOnvifDevice, type FakeOnvifDevice } from '../../fakes/onvif';
import { loopedFixture, RTSP_FIXTURE_VIDEO, startRtspServer, type FakeRtspServer } from '../../fakes/rtsp/startRtspServer';
import { startReplayServer, type FakeReplayServer } from '../../fakes/rtsp/startReplayServer';
import { processQueuedFiles } from './support/processQueuedFiles';

const logger = makeLogger('warn', new Writable({ write: (_chunk, _e, done) => done() }));
const PASSWORD = 'Đầu-ghi#2026';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a recording gap is filled from the NVR over ONVIF Profile G', () => {
  let dir: string;
  let state: AgentState;
  let live: FakeRtspServer;
  let replay: FakeReplayServer;
  let nvr: FakeOnvifDevice;
  let truthCodes: Set<string>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vtrack-backfill-'));
    state = await openAgentState(path.join(dir, 'state'));
    const footage = await loopedFixture();
    live = await startRtspServer({ file: footage });
    // The NVR has recorded the same packing table continuously since a minute ago.
    const recordedFrom = new Date(Date.now() - 60_000);
    replay = await startReplayServer({ file: footage, recordingStart: recordedFrom, recordingSeconds: 540, recordingToken: 'RecordMediaProfile_1', password: PASSWORD });
    nvr = await startFakeOnvifDevice({ password: PASSWORD, recordings: [{ token: 'RecordMediaProfile_1', sourceId: 'VideoSource_1', sourceName: 'Bàn đóng gói 1', from: recordedFrom, to: new Date(recordedFrom.getTime() + 540_000), replayUri: replay.url }] });
    const truth = JSON.parse(await readFile(RTSP_FIXTURE_VIDEO.replace(/\.mp4$/, '.truth.json'), 'utf8')) as { orders: { code: string }[] };
    truthCodes = new Set(truth.orders.map((order) => order.code));
  });
  afterAll(async () => {
    await live.stop();
    await replay.stop();
    await nvr.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const camera = (): AgentCamera => config().cameras?.[0] as AgentCamera;
  const config = (): AgentConfig =>
    cameraAgentConfig([{ cameraId: 'cam-ban-1', sourceId: 'src-cameras', name: 'Bàn đóng gói 1', paused: false, onvif: { host: '127.0.0.1', port: nvr.port, profileToken: 'Profile_1' }, rtspUrl: live.url, username: 'admin', password: PASSWORD, segmentSeconds: 10, schedule: [] }]);

  it('pulls the footage the recorder missed while the camera was down, queues it like recorded segments, and its codes become events', async () => {
    const recordingsDir = path.join(dir, 'recordings');
    const backfill = new CameraBackfill({ clock: systemClock, logger, queue: state.queue, recordingsDir, ffmpegPath: 'ffmpeg', cameras: () => [camera()], stateFile: path.join(dir, 'state', 'backfill.json') });
    const gaps: RecordingGap[] = [];
    const cameras = new CameraRuntime({
      clock: systemClock, logger, queue: state.queue, recordingsDir, ffmpegPath: 'ffmpeg', firstBackoffMs: 500, maxBackoffMs: 2_000,
      onGap: (gap) => {
        gaps.push(gap);
        backfill.onGap(gap);
      },
    });
    await cameras.applyConfig(config());
    for (let i = 0; i < 80 && (await state.queue.depth()) < 1; i++) await sleep(500);
    // The camera goes down for 20 s (power cut), then comes back on the same address.
    await live.kill();
    await sleep(20_000);
    await live.restart();
    let done = null;
    for (let i = 0; i < 240 && done === null; i++) {
      await sleep(500);
      done = (await backfill.list()).find((range) => range.state === 'done') ?? null;
    }
    await cameras.stop();
    await backfill.stop();

    expect(gaps).toHaveLength(1);
    const gap = gaps[0] as RecordingGap;
    expect(Date.parse(gap.to) - Date.parse(gap.from)).toBeGreaterThan(15_000);
    expect(done).toMatchObject({ cameraId: 'cam-ban-1', reason: 'gap', from: gap.from, to: gap.to, via: 'onvif-profile-g', lastError: null });
    expect(done?.segments).toBeGreaterThanOrEqual(2);
    // The NVR was asked for exactly the gap, as ONVIF replay wants it.
    const play = replay.requests.find((r) => r.method === 'PLAY' && r.status === 'forwarded');
    expect(play?.require).toBe('onvif-replay');
    expect(play?.range).toBe(`clock=${gap.from.replace(/[-:]/g, '')}-${gap.to.replace(/[-:]/g, '')}`);

    // Recorded and pulled segments share one folder and one naming, with no name twice and no leftovers.
    const names = (await readdir(path.join(recordingsDir, 'cam-ban-1'))).sort();
    expect(names.every((name) => /^cam-ban-1_\d{8}_\d{6}\.mp4$/.test(name))).toBe(true);
    const startOf = (name: string) => Date.parse(name.replace(/^cam-ban-1_(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})\.mp4$/, '$1-$2-$3T$4:$5:$6Z'));
    const insideGap = names.filter((name) => startOf(name) >= Date.parse(gap.from) - 1_000 && startOf(name) < Date.parse(gap.to) - 1_000);
    expect(insideGap.length).toBeGreaterThanOrEqual(2);

    // Asking again for the same footage adds nothing.
    const depthBefore = await state.queue.depth();
    expect((await backfill.request({ cameraId: 'cam-ban-1', from: gap.from, to: gap.to })).id).toBe(done?.id);
    await backfill.runDue();
    expect(await state.queue.depth()).toBe(depthBefore);

    const events = await processQueuedFiles(state, 'src-cameras');
    const fromGap = events.filter((event) => Date.parse(event.start) >= Date.parse(gap.from) - 2_000 && Date.parse(event.start) <= Date.parse(gap.to));
    const codes = fromGap.flatMap((event) => event.trackingCodes);
    expect(codes.length).toBeGreaterThanOrEqual(1);
    expect(codes.every((code) => truthCodes.has(code))).toBe(true);
  }, 240_000);

  it('a range asked for by hand is checked field by field before anything is kept', async () => {
    const backfill = new CameraBackfill({ clock: systemClock, logger, queue: state.queue, recordingsDir: path.join(dir, 'r2'), ffmpegPath: 'ffmpeg', cameras: () => [camera()], stateFile: path.join(dir, 'b2.json') });
    const fieldOf = (input: { cameraId: string; from: string; to: string }) =>
      backfill.request(input).then(
        () => null,
        (e: unknown) => (e instanceof ValidationError ? e.field : String(e)),
      );
    expect(await fieldOf({ cameraId: 'cam-khac', from: '2026-03-02T02:30:00Z', to: '2026-03-02T02:31:00Z' })).toBe('cameraId');
    expect(await fieldOf({ cameraId: 'cam-ban-1', from: 'hôm qua', to: '2026-03-02T02:31:00Z' })).toBe('from');
    expect(await fieldOf({ cameraId: 'cam-ban-1', from: '2026-03-02T02:31:00Z', to: '2026-03-02T02:30:00Z' })).toBe('to');
    expect(await fieldOf({ cameraId: 'cam-ban-1', from: '2026-03-01T00:00:00Z', to: '2026-03-02T02:30:00Z' })).toBe('to');
    expect(await backfill.list()).toEqual([]);
  });

  it('a wrong password on the recorder is kept as a clear error and tried again later, not lost', async () => {
    const wrong = { ...camera(), password: 'sai-mật-khẩu' };
    const backfill = new CameraBackfill({ clock: systemClock, logger, queue: state.queue, recordingsDir: path.join(dir, 'r3'), ffmpegPath: 'ffmpeg', cameras: () => [wrong], stateFile: path.join(dir, 'b3.json') });
    const from = new Date(Date.now() - 30_000).toISOString();
    await backfill.request({ cameraId: 'cam-ban-1', from, to: new Date(Date.now() - 20_000).toISOString() });
    await backfill.runDue();
    const [range] = await backfill.list();
    expect(range).toMatchObject({ state: 'pending', attempts: 1, segments: 0 });
    expect(range?.lastError).toMatch(/refused the user name or password/);
    // Said once: the recorder's error does not repeat the device error it wraps.
    expect(range?.lastError?.match(/refused/g)).toHaveLength(1);
    expect(Date.parse(range?.nextTryAt ?? '')).toBeGreaterThan(Date.now() + 30_000);
    // Kept across a restart of the agent.
    const reopened = new CameraBackfill({ clock: systemClock, logger, queue: state.queue, recordingsDir: path.join(dir, 'r3'), ffmpegPath: 'ffmpeg', cameras: () => [wrong], stateFile: path.join(dir, 'b3.json') });
    expect((await reopened.list()).map((r) => [r.from, r.state])).toEqual([[from, 'pending']]);
  });
});
