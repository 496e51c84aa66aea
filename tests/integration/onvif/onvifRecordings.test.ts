import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnvifCamera } from '../../../adapters/onvif/onvifCamera';
import { clockRangeStart, startReplayRelay } from '../../../adapters/onvif/onvifReplayRelay';
import { findRecordings, recordingFor, recordingInformation, recordingSummary, replayUri } from '../../../adapters/onvif/onvifRecordings';
import { RecordingPullError } from '../../../adapters/onvif/recordingPullError';
import { cutIntoSegments } from '../../../edge-agent/cameras/backfillCutter';
import { startFakeOnvifDevice, type FakeOnvifDevice } from '../../fakes/onvif';
import { RTSP_FIXTURE_VIDEO } from '../../fakes/rtsp/startRtspServer';
import { startReplayServer, type FakeReplayServer } from '../../fakes/rtsp/startReplayServer';

const run = promisify(execFile);
const RECORDED_FROM = new Date('2026-03-02T02:30:00Z');

describe('ONVIF Profile G search and replay against the NVR fake', () => {
  let nvr: FakeOnvifDevice;
  let replay: FakeReplayServer;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vtrack-profileg-'));
    replay = await startReplayServer({ file: RTSP_FIXTURE_VIDEO, recordingStart: RECORDED_FROM, recordingSeconds: 90, recordingToken: 'RecordMediaProfile_1', password: 'nvr-Mật-khẩu' });
    nvr = await startFakeOnvifDevice({
      password: 'nvr-Mật-khẩu',
      auth: 'digest',
      advertisedHost: '10.20.0.9',
      recordings: [
        { token: 'RecordMediaProfile_1', sourceId: 'VideoSource_1', sourceName: 'Bàn đóng gói 1', from: RECORDED_FROM, to: new Date(RECORDED_FROM.getTime() + 90_000), replayUri: replay.url.replace('127.0.0.1', '10.20.0.9') },
        { token: 'RecordMediaProfile_2', sourceId: 'VideoSource_2', sourceName: 'Cửa kho', from: RECORDED_FROM, to: new Date(RECORDED_FROM.getTime() + 90_000), replayUri: replay.url },
      ],
    });
  });
  afterAll(async () => {
    await nvr.stop();
    await replay.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const connect = (password = 'nvr-Mật-khẩu') => OnvifCamera.connect({ host: '127.0.0.1', port: nvr.port, username: 'admin', password, timeoutMs: 3000 });

  it('searches the recordings page by page, reads one, and answers a replay URI with the address the agent reached', async () => {
    const camera = await connect();
    expect(camera.hasService('search') && camera.hasService('replay')).toBe(true);
    expect(await recordingSummary(camera)).toEqual({ from: '2026-03-02T02:30:00Z', until: '2026-03-02T02:31:30Z', count: 2 });
    const all = await findRecordings(camera);
    expect(all.map((r) => [r.token, r.sourceName])).toEqual([
      ['RecordMediaProfile_1', 'Bàn đóng gói 1'],
      ['RecordMediaProfile_2', 'Cửa kho'],
    ]);
    expect((await findRecordings(camera, ['VideoSource_2'])).map((r) => r.token)).toEqual(['RecordMediaProfile_2']);
    expect(recordingFor(all, ['VideoSource_1'])?.token).toBe('RecordMediaProfile_1');
    expect(await recordingInformation(camera, 'RecordMediaProfile_1')).toMatchObject({ earliest: '2026-03-02T02:30:00Z', latest: '2026-03-02T02:31:30Z' });
    expect(await replayUri(camera, 'RecordMediaProfile_1')).toBe(replay.url);
    // Each search session was closed.
    expect(nvr.requests.filter((r) => r.operation === 'EndSearch' && r.status === 200)).toHaveLength(2);
  });

  it('replays 20 s from the middle of the recording with Require: onvif-replay and a clock range, into UTC-named segments', async () => {
    const camera = await connect();
    const uri = await replayUri(camera, 'RecordMediaProfile_1');
    const from = new Date(RECORDED_FROM.getTime() + 30_000);
    const relay = await startReplayRelay(uri, { from, to: new Date(from.getTime() + 20_000) });
    const cameraDir = path.join(dir, 'cam-1');
    try {
      const url = new URL(relay.url);
      url.username = 'admin';
      url.password = encodeURIComponent('nvr-Mật-khẩu');
      const { segments } = await cutIntoSegments({
        ffmpegPath: 'ffmpeg', input: url.toString(), rtsp: true, startMs: from.getTime(), actualStartMs: () => clockRangeStart(relay.playedRange())?.getTime() ?? null,
        durationSeconds: 20, segmentSeconds: 10, cameraId: 'cam-1', cameraDir, workDir: path.join(cameraDir, '.pull'), label: 'replay',
      });
      // Cut on the first keyframe at or after the 10 s mark (stream copy), named by its recorded time.
      expect(segments.map((s) => s.name)).toEqual(['cam-1_20260302_023030.mp4', expect.stringMatching(/^cam-1_20260302_0230(4\d)\.mp4$/)]);
      expect(segments[1]?.startedAt.slice(0, 18)).toBe('2026-03-02T02:30:4');
      const seconds = await Promise.all(segments.map(async (s) => Number((await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', s.absolutePath])).stdout)));
      expect(seconds.reduce((a, b) => a + b, 0)).toBeGreaterThan(17);
      // Only the named segments are left in the camera's folder (no parts, no work folder).
      expect((await readdir(cameraDir)).sort()).toEqual(segments.map((s) => s.name).sort());
    } finally {
      await relay.close();
    }
    const play = replay.requests.find((r) => r.method === 'PLAY' && r.status === 'forwarded');
    expect(play).toEqual({ method: 'PLAY', require: 'onvif-replay', range: 'clock=20260302T023030.000Z-20260302T023050.000Z', rateControl: 'no', status: 'forwarded' });
    expect(replay.requests.filter((r) => r.method === 'DESCRIBE' || r.method === 'SETUP').every((r) => r.require === 'onvif-replay')).toBe(true);
  });

  it('a wrong password is refused with a clear reason', async () => {
    const failure = await connect('wrong').then(
      () => null,
      (e: unknown) => e,
    );
    expect((failure as { reason?: string }).reason).toBe('wrong_password');
    expect(String(failure)).toMatch(/refused the user name or password/);
  });

  it('a device without Profile G says so instead of failing on an unknown path', async () => {
    const plain = await startFakeOnvifDevice({ password: 'x' });
    try {
      const camera = await OnvifCamera.connect({ host: '127.0.0.1', port: plain.port, username: 'admin', password: 'x', timeoutMs: 3000 });
      const failure = await findRecordings(camera).then(() => null, (e: unknown) => e);
      expect(failure).toBeInstanceOf(RecordingPullError);
      expect((failure as RecordingPullError).reason).toBe('not_supported');
    } finally {
      await plain.stop();
    }
  });
});
