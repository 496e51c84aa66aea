/**
 * Child of agentCameras.bench.ts: the agent's camera work in its own process —
 * N cameras recording from an RTSP URL (CameraRuntime, one ffmpeg each) and
 * on-site processing of every finished segment (AgentRuntime + SiteProcessor,
 * the barcode worker) — for a while, sampling this process's RSS and its
 * ffmpeg children's. Prints one JSON line: peaks and medians in bytes.
 * Usage: node --import tsx agentCamerasChild.ts '{"cameras":8,"url":"rtsp://…","seconds":60,"dir":"/tmp/…"}'
 */
import path from 'node:path';
import { Writable } from 'node:stream';
import { makeLogger } from '../../adapters/logging/logger';
import { agentConfigSchema } from '../../core/edge/agentConfigSchema';
import { systemClock } from '../../core/ports/clock';
import { AgentRuntime } from '../../edge-agent/agentRuntime';
import { openAgentState } from '../../edge-agent/agentState';
import { CameraRuntime } from '../../edge-agent/cameras/cameraRuntime';
import { createSiteProcessor } from '../../edge-agent/wiring';
import { ffmpegChildren } from './support/ffmpegChildren';

const input = JSON.parse(process.argv[2] ?? '{}') as { cameras: number; url: string; seconds: number; dir: string };
const logger = makeLogger('warn', new Writable({ write: (_c, _e, done) => done() }));

/** Resident bytes of this process's ffmpeg children, from /proc. */
const ffmpegRss = async () => (await ffmpegChildren()).reduce((sum, child) => sum + child.rssBytes, 0);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main(): Promise<void> {
  const state = await openAgentState(path.join(input.dir, 'state'));
  const site = await createSiteProcessor(state, { ffmpegPath: undefined, ffprobePath: undefined, searchPath: process.env['PATH'] });
  const runtime = new AgentRuntime({ clock: systemClock, logger, seen: state.seen, queue: state.queue, processor: site.processor });
  const startedAt = Date.now();
  const cameras = new CameraRuntime({ clock: systemClock, logger, queue: state.queue, recordingsDir: path.join(input.dir, 'recordings'), ffmpegPath: 'ffmpeg', firstBackoffMs: 500 });
  await cameras.applyConfig(
    agentConfigSchema.parse({
      revision: 1,
      timeZone: 'Asia/Ho_Chi_Minh',
      sources: [],
      uploads: { maxBytesPerSecond: null, windows: [], keepOriginals: false },
      disk: { maxUsedBytes: 50_000_000_000, minFreeBytes: 0, keepDaysAfterUpload: 7, whenFull: 'drop_oldest' },
      heartbeatSeconds: 60,
      cameras: Array.from({ length: input.cameras }, (_, i) => ({
        cameraId: `ban-${i + 1}`,
        sourceId: 'src-cameras',
        name: `Bàn đóng gói ${i + 1}`,
        paused: false,
        onvif: { host: '127.0.0.1', port: 80, profileToken: 'Profile_1' },
        rtspUrl: input.url,
        username: '',
        password: '',
        segmentSeconds: 10,
        schedule: [],
      })),
    }),
  );
  const node: number[] = [];
  const ffmpeg: number[] = [];
  const until = Date.now() + input.seconds * 1000;
  let processed = 0;
  // drainOnce works through every job that is ready: without the signal, the last call went on long after
  // `until` on a loaded machine while the recorders kept recording (128 segments "in 60 s").
  const stopProcessing = new AbortController();
  const worker = (async () => {
    while (!stopProcessing.signal.aborted) {
      processed += await runtime.drainOnce(stopProcessing.signal);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  // Sampled after 10 s of warm-up, once a second.
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  while (Date.now() < until) {
    node.push(process.memoryUsage.rss());
    ffmpeg.push(await ffmpegRss());
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  // Counted when the time is up, before the open segments are closed by stopping.
  const states = cameras.cameraStates();
  const recordedSeconds = (Date.now() - startedAt) / 1000;
  const segments = states.reduce((sum, camera) => sum + camera.segments, 0);
  const restarts = states.reduce((sum, camera) => sum + camera.restarts, 0);
  stopProcessing.abort();
  await cameras.stop();
  await worker;
  await site.close();
  const total = node.map((value, i) => value + (ffmpeg[i] ?? 0));
  process.stdout.write(
    `${JSON.stringify({ cameras: input.cameras, nodePeak: Math.max(...node), nodeMedian: median(node), ffmpegPeak: Math.max(...ffmpeg), ffmpegMedian: median(ffmpeg), totalPeak: Math.max(...total), totalMedian: median(total), recordedSeconds, segments, restarts, processed, backlog: await state.queue.depth() })}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
