import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../../adapters/logging/logger';
import type { AgentCamera } from '../../../core/edge/agentCameraSchema';
import { agentCameraSchema } from '../../../core/edge/agentCameraSchema';
import { systemClock } from '../../../core/ports/clock';
import type { AgentJob } from '../../../edge-agent/agentJob';
import { CameraBackfill } from '../../../edge-agent/cameras/cameraBackfill';
import { DurableQueue } from '../../../edge-agent/spool/durableQueue';
import { startFakeIsapiDevice, type FakeIsapiDevice } from '../../fakes/isapi/startFakeIsapiDevice';
import { RTSP_FIXTURE_VIDEO } from '../../fakes/rtsp/startRtspServer';

const logger = makeLogger('warn', new Writable({ write: (_chunk, _e, done) => done() }));
const at = (hhmmss: string) => new Date(`2026-03-02T${hhmmss}Z`);

describe('backfill from a Hikvision recorder over ISAPI', () => {
  let dir: string;
  let device: FakeIsapiDevice;
  let camera: AgentCamera;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vtrack-backfill-isapi-'));
    device = await startFakeIsapiDevice({
      password: 'Kho-Hàng#1',
      dropAfterBytes: 400_000,
      recordings: [
        { trackId: '101', start: at('02:30:00'), end: at('02:31:30'), file: RTSP_FIXTURE_VIDEO },
        { trackId: '101', start: at('02:31:30'), end: at('02:33:00'), file: RTSP_FIXTURE_VIDEO.replace('093000', '093130') },
      ],
    });
    // A Hikvision camera whose ONVIF is switched off: its web port answers ISAPI only.
    camera = agentCameraSchema.parse({ cameraId: 'cam-kho', sourceId: 'src-cameras', name: 'Kho', paused: false, onvif: { host: device.host, port: device.port, profileToken: 'Profile_1' }, rtspUrl: 'rtsp://127.0.0.1:554/Streaming/Channels/101', username: 'admin', password: 'Kho-Hàng#1', segmentSeconds: 20 });
  });
  afterAll(async () => {
    await device.stop();
    await rm(dir, { recursive: true, force: true });
  });

  /** Pulls 02:31:00–02:32:00 from the recorder on `port`: 02:31:00–02:31:30 from the first piece, 02:31:30–02:32:00 from the second, cut at the recorder's 20 s marks. */
  async function pullMinute(tag: string, port: number) {
    const queue = await DurableQueue.open<AgentJob>(path.join(dir, `queue${tag}`));
    const recordingsDir = path.join(dir, `recordings${tag}`);
    const onPort = { ...camera, onvif: { ...camera.onvif, port } };
    const backfill = new CameraBackfill({ clock: systemClock, logger, queue, recordingsDir, ffmpegPath: 'ffmpeg', cameras: () => [onPort], stateFile: path.join(dir, `backfill${tag}.json`) });
    await backfill.request({ cameraId: 'cam-kho', from: '2026-03-02T02:31:00Z', to: '2026-03-02T02:32:00Z' });
    await backfill.runDue();
    const [range] = await backfill.list();
    expect(range).toMatchObject({ state: 'done', via: 'isapi', lastError: null });
    const names = (await readdir(path.join(recordingsDir, 'cam-kho'))).sort();
    expect(names[0]).toBe('cam-kho_20260302_023100.mp4');
    expect(names.every((name) => /^cam-kho_20260302_0231\d\d\.mp4$/.test(name))).toBe(true);
    expect(names.length).toBe(range?.segments);
    expect(names.length).toBeGreaterThanOrEqual(3);
    return { queue, backfill, names };
  }

  it('a range across two recorded pieces is downloaded (resuming a dropped connection) and cut into recorder-named segments, queued once', async () => {
    const { queue, backfill, names } = await pullMinute('', device.port);
    expect(await queue.depth()).toBe(names.length);
    const downloads = device.requests.filter((r) => r.path === '/ISAPI/ContentMgmt/download' && r.status !== 401);
    expect(downloads.map((r) => r.status)).toEqual([200, 206, 200]);

    // The same range again pulls and queues nothing more.
    await backfill.request({ cameraId: 'cam-kho', from: '2026-03-02T02:31:10Z', to: '2026-03-02T02:31:50Z' });
    await backfill.runDue();
    expect(await queue.depth()).toBe(names.length);
  });

  it.each([
    ['answers UTC times and says its zone (+07:00)', false],
    ['reads and writes `Z` times as its local time (a Hikvision firmware quirk)', true],
  ])('a recorder in Vietnam that %s is asked for the right footage', async (_what, zTimesAreLocal) => {
    const local = await startFakeIsapiDevice({
      password: 'Kho-Hàng#1',
      utcOffsetMinutes: 420,
      zTimesAreLocal,
      recordings: [
        { trackId: '101', start: at('02:30:00'), end: at('02:31:30'), file: RTSP_FIXTURE_VIDEO },
        { trackId: '101', start: at('02:31:30'), end: at('02:33:00'), file: RTSP_FIXTURE_VIDEO.replace('093000', '093130') },
      ],
    });
    try {
      // The same pieces, cut at the same UTC marks, as from a recorder without a zone.
      await pullMinute(`-${String(zTimesAreLocal)}`, local.port);
      // Both pieces were downloaded: the search found them at the right times.
      expect(local.requests.filter((r) => r.path === '/ISAPI/ContentMgmt/download' && r.status === 200)).toHaveLength(2);
    } finally {
      await local.stop();
    }
  });
});
