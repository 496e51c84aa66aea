import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { bench, describe } from 'vitest';
import { makeLogger } from '../../adapters/logging/logger';
import { CameraRecorder } from '../../edge-agent/cameras/cameraRecorder';
import { loopedFixture, startRtspServer } from '../fakes/rtsp/startRtspServer';
import { ffmpegChildren } from './support/ffmpegChildren';
import { writeBenchmarkSection } from './support/writeBenchmarkSection';

const run = promisify(execFile);
const BENCHMARKS_MD = path.resolve(fileURLToPath(new URL('../../docs/BENCHMARKS.md', import.meta.url)));
const COMMAND = 'npm run bench -- tests/bench/cameraRecording.bench.ts';
const MEASURE_SECONDS = 30;
const WARMUP_SECONDS = 5;
const ONCE = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };
const logger = makeLogger('warn', new Writable({ write: (_c, _e, done) => done() }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds (user + system) of this process's ffmpeg children, by pid. */
const childFfmpegCpu = async () => new Map((await ffmpegChildren()).map((child) => [child.pid, child.cpuSeconds]));

/** CPU seconds the children used between two samples (pids present in both). */
async function cpuOver(seconds: number): Promise<number> {
  const before = await childFfmpegCpu();
  await sleep(seconds * 1000);
  const after = await childFfmpegCpu();
  let total = 0;
  for (const [pid, cpu] of after) total += cpu - (before.get(pid) ?? cpu);
  return total;
}

async function measureBaseline(url: string, cameras: number): Promise<number> {
  const children = Array.from({ length: cameras }, () => spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-rtsp_transport', 'tcp', '-i', url, '-map', '0:v:0', '-c', 'copy', '-f', 'null', '-'], { stdio: 'ignore' }));
  await sleep(WARMUP_SECONDS * 1000);
  const cpu = await cpuOver(MEASURE_SECONDS);
  for (const child of children) child.kill('SIGKILL');
  await sleep(500);
  return cpu;
}

async function measureRecorders(url: string, cameras: number): Promise<{ cpu: number; segments: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vtrack-rec-bench-'));
  const recorders = Array.from({ length: cameras }, (_, i) => new CameraRecorder({ camera: { cameraId: `cam-${i}`, rtspUrl: url, username: '', password: '', segmentSeconds: 10 }, dir: path.join(dir, `cam-${i}`), ffmpegPath: 'ffmpeg', logger, onSegment: async () => undefined }));
  for (const recorder of recorders) recorder.start();
  await sleep(WARMUP_SECONDS * 1000);
  const cpu = await cpuOver(MEASURE_SECONDS);
  await Promise.all(recorders.map((recorder) => recorder.stop()));
  const segments = recorders.reduce((sum, recorder) => sum + recorder.segments, 0);
  await rm(dir, { recursive: true, force: true });
  return { cpu, segments };
}

describe('camera recording', () => {
  bench(
    'ffmpeg stream-copy recorders vs RTSP receive-to-null, 720p and 1080p, 1 and 4 cameras',
    async () => {
      const work = await mkdtemp(path.join(tmpdir(), 'vtrack-rec-media-'));
      const load: number[] = [loadavg()[0] ?? 0];
      const rows: string[] = [];
      try {
        const hd = await loopedFixture();
        const fullHd = path.join(work, 'fullhd.mp4');
        // 1080p: the fixture scaled up and re-encoded once (H.264 High, keyframe every 2 s, about 4 Mbit/s as a shop camera sends).
        await run('ffmpeg', ['-v', 'error', '-y', '-stream_loop', '2', '-i', hd, '-t', '240', '-vf', 'scale=1920:1080', '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '4M', '-g', '30', '-an', fullHd], { timeout: 900_000 });
        for (const [label, file] of [['1280x720 15 fps, ~1.5 Mbit/s', hd], ['1920x1080 15 fps, ~4 Mbit/s', fullHd]] as const) {
          for (const cameras of [1, 4]) {
            const server = await startRtspServer({ file });
            try {
              const baseline = await measureBaseline(server.url, cameras);
              const recorded = await measureRecorders(server.url, cameras);
              load.push(loadavg()[0] ?? 0);
              const perCamera = recorded.cpu / cameras / MEASURE_SECONDS;
              rows.push(
                `| ${label} | ${cameras} | ${(perCamera * 100).toFixed(2)} % | ${((baseline / cameras / MEASURE_SECONDS) * 100).toFixed(2)} % | **${(recorded.cpu / Math.max(baseline, 0.01)).toFixed(2)}** | ${perCamera > 0 ? Math.floor(1 / perCamera) : '—'} | ${recorded.segments} |`,
              );
            } finally {
              await server.stop();
            }
          }
        }
      } finally {
        await rm(work, { recursive: true, force: true });
      }
      const { stdout: version } = await run('ffmpeg', ['-version']);
      const section = [
        '## Camera recording (edge agent)',
        '',
        `Command: \`${COMMAND}\`. Machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, ${version.split('\n')[0] ?? 'ffmpeg'}.`,
        `Load average (1 min) during the run: ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} (other jobs shared the machine).`,
        `Each camera is one \`CameraRecorder\` (ffmpeg, RTSP over TCP, stream copy into 10 s MP4 segments) reading the GStreamer RTSP fake on loopback;`,
        `its CPU (user + system of the ffmpeg processes from /proc) is measured over ${MEASURE_SECONDS} s after ${WARMUP_SECONDS} s of warm-up. The baseline in the same run:`,
        'the same number of `ffmpeg -rtsp_transport tcp -i URL -c copy -f null -` (receive and demux only, nothing written). The RTSP server is not counted.',
        '',
        '| stream | cameras | CPU per camera (share of one core) | baseline per camera | recorders vs baseline (CPU) | cameras one core sustains (CPU only) | segments written |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        ...rows,
        '',
        '"Cameras one core sustains" is 1 / CPU per camera: an upper bound from CPU alone; the site\'s network (4 Mbit/s per 1080p camera) and disk writes limit first.',
        'Segment-to-searchable latency and the agent\'s memory with 8 cameras: the next section (tests/bench/agentCameras.bench.ts).',
      ].join('\n');
      await writeBenchmarkSection(BENCHMARKS_MD, 'camera-recording', section);
    },
    ONCE,
  );
});
