import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../../adapters/logging/logger';
import type { AgentCamera } from '../../../core/edge/agentCameraSchema';
import type { AgentConfig } from '../../../core/edge/agentConfigSchema';
import { cameraAgentConfig } from './support/cameraAgentConfig';
import { systemClock } from '../../../core/ports/clock';
import { openAgentState, type AgentState } from '../../../edge-agent/agentState';
import { CameraRuntime } from '../../../edge-agent/cameras/cameraRuntime';
import { segmentStartMs } from '../../../edge-agent/cameras/recorderArgs';
import { startRtspServer, type FakeRtspServer } from '../../fakes/rtsp/startRtspServer';
import { processQueuedFiles } from './support/processQueuedFiles';

const logger = makeLogger('warn', new Writable({ write: (_chunk, _e, done) => done() }));

function configWith(server: FakeRtspServer, camera: Partial<AgentCamera> = {}): AgentConfig {
  return cameraAgentConfig([{ cameraId: 'cam-ban-dong-goi', sourceId: 'src-cameras', name: 'Bàn đóng gói 1', paused: false, onvif: { host: '127.0.0.1', port: 80, profileToken: 'Profile_1' }, rtspUrl: server.url, username: 'admin', password: 'pw', segmentSeconds: 10, schedule: [], ...camera }]);
}

describe('camera recording feeds the same processing as local folders', () => {
  let dir: string;
  let state: AgentState;
  let server: FakeRtspServer;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vtrack-camrec-'));
    state = await openAgentState(path.join(dir, 'state'));
    server = await startRtspServer();
  });
  afterAll(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('records the packing table into UTC-named segments, queues each, and processing finds the fixture codes at the right wall-clock time', async () => {
    const cameras = new CameraRuntime({ clock: systemClock, logger, queue: state.queue, recordingsDir: path.join(dir, 'recordings'), ffmpegPath: 'ffmpeg', firstBackoffMs: 500 });
    const recordingFrom = Date.now();
    await cameras.applyConfig(configWith(server));
    const deadline = Date.now() + 60_000;
    while ((await state.queue.depth()) < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
    expect(cameras.cameraStates()[0]).toMatchObject({ cameraId: 'cam-ban-dong-goi', state: 'recording', error: null, footageEverySeconds: 10 });
    await cameras.stop();
    expect(await state.queue.depth()).toBeGreaterThanOrEqual(3);
    // The heartbeat's last footage is where the newest segment ends (named by its UTC start), not where it starts;
    // read after stop, which hands on the segment cut short by it.
    const recording = cameras.cameraStates()[0];
    const newestStart = Math.max(...(await state.queue.all()).map((job) => segmentStartMs(path.basename(job.payload.relativePath)) ?? 0));
    expect(Date.parse(recording?.lastSegmentAt ?? '') - newestStart).toBeGreaterThan(0);

    const events = await processQueuedFiles(state, 'src-cameras');
    const codes = events.flatMap((event) => event.trackingCodes);
    // The fixture shows SPXVN417776317 at 3 s and GHN91500080636 at 13.6 s from the start of the stream.
    expect(codes).toEqual(expect.arrayContaining(['SPXVN417776317', 'GHN91500080636']));
    for (const event of events) {
      expect(event.camera).toBe('cam-ban-dong-goi');
      // The segments' names are UTC: events fall inside the minutes the camera was recorded.
      expect(Date.parse(event.start)).toBeGreaterThan(recordingFrom - 15_000);
      expect(Date.parse(event.start)).toBeLessThan(Date.now());
    }
  });

  it('outside its schedule (shop hours) a camera is not recorded; paused likewise', async () => {
    const cameras = new CameraRuntime({ clock: { now: () => new Date('2026-01-04T20:00:00Z') }, logger, queue: state.queue, recordingsDir: path.join(dir, 'recordings2'), ffmpegPath: 'ffmpeg' });
    // Sunday 20:00 UTC is Monday 03:00 in Ho Chi Minh City; the shop records Mon–Sat 08:00–18:00.
    await cameras.applyConfig(configWith(server, { schedule: [{ days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '18:00' }] }));
    expect(cameras.cameraStates()[0]?.state).toBe('off_schedule');
    await cameras.applyConfig(configWith(server, { paused: true }));
    expect(cameras.cameraStates()[0]?.state).toBe('paused');
    await cameras.stop();
    expect(await readdir(path.join(dir, 'recordings2')).catch(() => [])).toEqual([]);
  });
});
