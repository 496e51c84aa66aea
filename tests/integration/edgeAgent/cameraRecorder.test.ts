import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLogger } from '../../../adapters/logging/logger';
import { CameraRecorder, type FinishedSegment, type RecordingGap } from '../../../edge-agent/cameras/cameraRecorder';
import { startRtspServer, type FakeRtspServer } from '../../fakes/rtsp/startRtspServer';

const run = promisify(execFile);
let dir: string;
let server: FakeRtspServer;
let recorder: CameraRecorder | null = null;
const logs: Record<string, unknown>[] = [];
const logger = makeLogger('info', new Writable({ write: (chunk: Buffer, _e, done) => (logs.push(JSON.parse(chunk.toString()) as Record<string, unknown>), done()) }));

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vtrack-recorder-'));
  server = await startRtspServer();
  logs.length = 0;
});
afterEach(async () => {
  await recorder?.stop();
  recorder = null;
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

async function waitFor(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function probe(file: string): Promise<{ codec: string; width: number; duration: number }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width:format=duration', '-of', 'json', file]);
  const json = JSON.parse(stdout) as { streams: { codec_name: string; width: number }[]; format: { duration: string } };
  return { codec: json.streams[0]?.codec_name ?? '', width: json.streams[0]?.width ?? 0, duration: Number(json.format.duration) };
}

function record(segments: FinishedSegment[], gaps: RecordingGap[], password = 'pw'): CameraRecorder {
  recorder = new CameraRecorder({
    camera: { cameraId: 'cam-ban-1', rtspUrl: server.url, username: 'admin', password, segmentSeconds: 4 },
    dir,
    ffmpegPath: 'ffmpeg',
    logger,
    firstBackoffMs: 500,
    maxBackoffMs: 4_000,
    onSegment: async (segment) => void segments.push(segment),
    onGap: (gap) => void gaps.push(gap),
  });
  recorder.start();
  return recorder;
}

describe('CameraRecorder with the real RTSP server', () => {
  it('records stream-copied segments named by camera and UTC start, one after another', async () => {
    const segments: FinishedSegment[] = [];
    const gaps: RecordingGap[] = [];
    const startedAt = Date.now();
    record(segments, gaps, 'Mật khẩu/@:1');
    await waitFor('three segments', () => segments.length >= 3, 40_000);
    await recorder?.stop();

    expect(segments[0]?.name).toMatch(/^cam-ban-1_\d{8}_\d{6}\.mp4$/);
    const firstStart = Date.parse(segments[0]?.startedAt ?? '');
    expect(Math.abs(firstStart - startedAt)).toBeLessThan(15_000);
    for (const [i, segment] of segments.entries()) {
      const media = await probe(segment.absolutePath);
      expect(media).toMatchObject({ codec: 'h264', width: 1280 });
      expect(media.duration).toBeGreaterThan(0.5);
      const next = segments[i + 1];
      if (next) expect(Math.abs(Date.parse(next.startedAt) - (Date.parse(segment.startedAt) + segment.durationSeconds * 1000))).toBeLessThan(2_000);
    }
    expect(gaps).toEqual([]);
    // Stopping finished the open segment too: every file on disk was handed on.
    expect((await readdir(dir)).sort()).toEqual(segments.map((s) => s.name).sort());
    // The password never reaches the logs.
    expect(JSON.stringify(logs)).not.toContain('Mật');
  });

  it('a stalled camera (SIGSTOP) is restarted by the watchdog and recording resumes within 30 s of it thawing, with the gap recorded', async () => {
    const segments: FinishedSegment[] = [];
    const gaps: RecordingGap[] = [];
    record(segments, gaps);
    await waitFor('a first segment', () => segments.length >= 1, 30_000);
    server.freeze();
    await waitFor('the watchdog or the I/O timeout to restart the recorder', () => (recorder?.restarts ?? 0) >= 1, 30_000);
    expect(recorder?.state).toBe('reconnecting');
    const before = segments.length;
    server.thaw();
    const thawedAt = Date.now();
    await waitFor('a segment after the stall', () => segments.length > before + 1, 30_000);
    expect(Date.now() - thawedAt).toBeLessThan(30_000);
    expect(gaps.length).toBeGreaterThanOrEqual(1);
    expect(gaps[0]?.cameraId).toBe('cam-ban-1');
    expect(Date.parse(gaps[0]?.to ?? '')).toBeGreaterThan(Date.parse(gaps[0]?.from ?? ''));
    expect(gaps[0]?.reason).toMatch(/stalled|ffmpeg ended/);
  });

  it('a camera restart (server killed mid-stream) loses no segment: the open one is finished, recording resumes after the reboot', async () => {
    const segments: FinishedSegment[] = [];
    const gaps: RecordingGap[] = [];
    record(segments, gaps);
    await waitFor('two segments', () => segments.length >= 2, 30_000);
    await server.kill();
    await waitFor('the recorder to notice', () => (recorder?.restarts ?? 0) >= 1, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await server.restart();
    const before = segments.length;
    await waitFor('segments after the reboot', () => segments.length >= before + 2, 40_000);
    await recorder?.stop();

    const onDisk = (await readdir(dir)).sort();
    expect(onDisk).toEqual(segments.map((s) => s.name).sort());
    for (const segment of segments) expect((await probe(segment.absolutePath)).duration).toBeGreaterThan(0.5);
    expect(gaps).toHaveLength(1);
    expect(Date.parse(gaps[0]?.to ?? '') - Date.parse(gaps[0]?.from ?? '')).toBeGreaterThan(2_000);
  });
});
