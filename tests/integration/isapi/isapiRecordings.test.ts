import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { downloadIsapiRecording } from '../../../adapters/isapi/downloadIsapiRecording';
import { searchIsapiRecordings } from '../../../adapters/isapi/searchIsapiRecordings';
import { RecordingPullError } from '../../../adapters/onvif/recordingPullError';
import { startFakeIsapiDevice, type FakeIsapiDevice, type FakeIsapiOptions } from '../../fakes/isapi/startFakeIsapiDevice';
import { RTSP_FIXTURE_VIDEO } from '../../fakes/rtsp/startRtspServer';

const SECOND_FIXTURE = RTSP_FIXTURE_VIDEO.replace('093000', '093130');
const at = (hhmmss: string) => new Date(`2026-03-02T${hhmmss}Z`);
const RECORDINGS: FakeIsapiOptions['recordings'] = [
  { trackId: '101', start: at('02:30:00'), end: at('02:31:30'), file: RTSP_FIXTURE_VIDEO },
  { trackId: '101', start: at('02:31:30'), end: at('02:33:00'), file: SECOND_FIXTURE },
  { trackId: '201', start: at('02:30:00'), end: at('02:31:30'), file: RTSP_FIXTURE_VIDEO },
  { trackId: '101', start: at('02:33:00'), end: at('02:34:30'), file: RTSP_FIXTURE_VIDEO },
];
const sha = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

describe('Hikvision ISAPI search and download against the ISAPI fake', () => {
  let dir: string;
  let device: FakeIsapiDevice | null = null;
  const start = async (options: Partial<FakeIsapiOptions> = {}) => (device = await startFakeIsapiDevice({ password: 'Kho-Hàng#1', recordings: RECORDINGS, ...options }));
  const target = (d: FakeIsapiDevice, password = 'Kho-Hàng#1') => ({ host: d.host, port: d.port, username: 'admin', password, timeoutMs: 5000 });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vtrack-isapi-'));
  });
  afterEach(async () => {
    await device?.stop();
    device = null;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("finds every piece of channel 1 overlapping a range, across pages, and none of channel 2's", async () => {
    const d = await start({ pageSize: 1 });
    const matches = await searchIsapiRecordings(target(d), { trackId: '101', from: at('02:31:00'), to: at('02:33:10') });
    expect(matches.map((m) => [m.trackId, m.start, m.end])).toEqual([
      ['101', '2026-03-02T02:30:00Z', '2026-03-02T02:31:30Z'],
      ['101', '2026-03-02T02:31:30Z', '2026-03-02T02:33:00Z'],
      ['101', '2026-03-02T02:33:00Z', '2026-03-02T02:34:30Z'],
    ]);
    expect(matches.every((m) => m.playbackUri.startsWith('rtsp://192.168.1.64/Streaming/tracks/101/?starttime='))).toBe(true);
    // Three pages, each answered after a digest challenge.
    expect(d.requests.filter((r) => r.path === '/ISAPI/ContentMgmt/search').map((r) => r.status)).toEqual([401, 200, 401, 200, 401, 200]);
  });

  it('a download whose connection drops mid-file resumes with a byte range and ends identical to the recording', async () => {
    const d = await start({ dropAfterBytes: 300_000 });
    const [match] = await searchIsapiRecordings(target(d), { trackId: '101', from: at('02:30:00'), to: at('02:31:00') });
    const file = path.join(dir, 'resumed.mp4');
    const outcome = await downloadIsapiRecording(target(d), match?.playbackUri ?? '', file);
    expect(outcome.resumes).toBe(1);
    expect(await sha(file)).toBe(await sha(RTSP_FIXTURE_VIDEO));
    const downloads = d.requests.filter((r) => r.path === '/ISAPI/ContentMgmt/download' && r.status !== 401);
    expect(downloads.map((r) => [r.status, r.range])).toEqual([
      [200, null],
      [206, 'bytes=300000-'],
    ]);
  });

  it('a device that ignores the byte range sends the whole file again, and the download starts over rather than doubling bytes', async () => {
    const d = await start({ dropAfterBytes: 250_000, ignoreRange: true });
    const [match] = await searchIsapiRecordings(target(d), { trackId: '101', from: at('02:32:00'), to: at('02:32:30') });
    const file = path.join(dir, 'again.mp4');
    const outcome = await downloadIsapiRecording(target(d), match?.playbackUri ?? '', file);
    expect(outcome).toEqual({ bytes: (await readFile(SECOND_FIXTURE)).length, resumes: 1 });
    expect(await sha(file)).toBe(await sha(SECOND_FIXTURE));
  });

  it('a wrong password gives a clear error naming the recorder, and nothing is downloaded', async () => {
    const d = await start();
    const failure = await searchIsapiRecordings(target(d, 'wrong'), { trackId: '101', from: at('02:30:00'), to: at('02:31:00') }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(RecordingPullError);
    expect((failure as RecordingPullError).reason).toBe('wrong_password');
    expect((failure as Error).message).toContain(`the recorder at 127.0.0.1:${d.port} refused the user name or password`);
    expect(d.requests.some((r) => r.status === 200)).toBe(false);
  });

  it('nothing listening at the address is reported as unreachable', async () => {
    const d = await start();
    const closed = { host: d.host, port: d.port, username: 'admin', password: 'x' };
    await d.stop();
    device = null;
    const failure = await searchIsapiRecordings(closed, { trackId: '101', from: at('02:30:00'), to: at('02:31:00') }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((failure as RecordingPullError).reason).toBe('unreachable');
  });
});
