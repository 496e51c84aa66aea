import { readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { bench, describe } from 'vitest';
import { WorkerBarcodeReader } from '../../adapters/barcode/workerBarcodeReader';
import { FfmpegClipCutter } from '../../adapters/ffmpeg/ffmpegClipCutter';
import { FfmpegFrameSource } from '../../adapters/ffmpeg/ffmpegFrameSource';
import { FfmpegProbe } from '../../adapters/ffmpeg/ffmpegProbe';
import { locateFfmpeg } from '../../adapters/ffmpeg/locateFfmpeg';
import { S3ClipStore } from '../../adapters/s3/s3ClipStore';
import { S3FootageUrls } from '../../adapters/s3/s3FootageUrls';
import { defaultSamplingOptions } from '../../core/processing/pipeline/defaultSamplingOptions';
import { processRecordings } from '../../core/processing/pipeline/processRecordings';
import { createTrackingCodeMatcher } from '../../core/processing/trackingCodes/createTrackingCodeMatcher';
import { defaultTrackingCodePatterns } from '../../core/processing/trackingCodes/defaultTrackingCodePatterns';
import { parseTimeZone } from '../../core/time/timeZone';
import { localClientConfig } from '../../infra/local/awsClientConfig';
import { startS3StandIn } from '../../infra/local/s3/startS3StandIn';
import { repoRoot, sharedFixtures, tmpRoot } from '../integration/processing/helpers/paths';
import { readTruth } from '../integration/processing/helpers/truth';
import { writeBenchmarkSection } from './support/writeBenchmarkSection';

/**
 * Cloud processing benchmark: the same processing core reading the shared
 * fixtures through presigned S3 URLs (the local S3 stand-in, ffmpeg doing Range
 * requests) against reading the same files from disk, paired round by round,
 * plus cutting and storing every clip as the cloud step does. Gives the CPU and
 * wall time per footage hour that COSTS.md prices. Writes the "Cloud processing"
 * section of docs/BENCHMARKS.md.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BUCKET = 'bench';
const truth = readTruth(join(sharedFixtures, 'Cam1_20250718_093000.truth.json'));
const FOOTAGE_SEC = 180;
/** Lambda, x86_64, per GB-second (us-east-1 and ap-southeast-1 list price, first tier). */
const LAMBDA_X86_GB_SECOND = 0.0000166667;
const PROCESS_MEMORY_GB = 3008 / 1024;

function cpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / 100;
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('cloud processing', () => {
  bench(
    'presigned-URL processing against local files, clips stored (writes docs/BENCHMARKS.md)',
    async () => {
      const dataDir = resolve(tmpRoot, 'bench-s3');
      rmSync(dataDir, { recursive: true, force: true });
      const standIn = await startS3StandIn({ dataDir, buckets: [BUCKET] });
      const s3 = new S3Client(localClientConfig(standIn.endpoint));
      const tools = await locateFfmpeg({ searchPath: process.env.PATH });
      const probe = new FfmpegProbe(tools);
      const reader = await WorkerBarcodeReader.create();
      const ports = { probe, frameSource: new FfmpegFrameSource(tools, { probe }), reader };
      const clips = new S3ClipStore(s3, BUCKET, new FfmpegClipCutter(tools, { probe }));
      const urls = new S3FootageUrls(s3, BUCKET);
      try {
        for (const f of truth.files) await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `t/s/cam1/${f.name}`, Body: readFileSync(join(sharedFixtures, f.name)) }));
        const input = { timeZone: parseTimeZone('+07:00'), camera: 'cam1', matcher: createTrackingCodeMatcher(defaultTrackingCodePatterns), sampling: defaultSamplingOptions };
        const measure = async (files: { path: string; name: string }[]) => {
          const [w, c] = [performance.now(), cpuSeconds()];
          const result = await processRecordings(ports, { ...input, files });
          return { wall: (performance.now() - w) / 1000, cpu: cpuSeconds() - c, events: result.events };
        };
        const ratios: { wall: number; cpu: number }[] = [];
        let cloud = { wall: 0, cpu: 0 };
        let clipSec = 0;
        let clipBytes = 0;
        let events = 0;
        for (let round = 0; round < ROUNDS; round += 1) {
          const local = await measure(truth.files.map((f) => ({ path: join(sharedFixtures, f.name), name: f.name })));
          const remote = await measure(await Promise.all(truth.files.map(async (f) => ({ path: await urls.readUrl(`t/s/cam1/${f.name}`, 900), name: f.name }))));
          ratios.push({ wall: remote.wall / local.wall, cpu: remote.cpu / local.cpu });
          cloud = { wall: cloud.wall + remote.wall / ROUNDS, cpu: cloud.cpu + remote.cpu / ROUNDS };
          const started = performance.now();
          clipBytes = 0;
          for (const [i, { event }] of remote.events.entries()) {
            clipBytes += (await clips.store({ parts: event.files, key: `t/s/_clips/${round}-${i}.mp4` })).bytes;
          }
          clipSec += (performance.now() - started) / 1000 / ROUNDS;
          events = remote.events.length;
        }
        const perHour = (sec: number): number => (sec * 3600) / FOOTAGE_SEC;
        const lambdaSec = perHour(cloud.wall + clipSec);
        const section = [
          '## Cloud processing',
          '',
          `\`npm run bench -- tests/bench/cloudProcessing.bench.ts\` (${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}, ${ROUNDS} rounds).`,
          `The shared fixtures (${FOOTAGE_SEC} s, 720p, ${events} orders) processed by the core reading presigned URLs from the local S3 stand-in, paired with the same core reading the files from disk.`,
          '',
          '| figure | value |',
          '| --- | --- |',
          `| presigned URL / local file, wall time (median of pairs) | ${median(ratios.map((r) => r.wall)).toFixed(2)}x |`,
          `| presigned URL / local file, CPU time (median of pairs) | ${median(ratios.map((r) => r.cpu)).toFixed(2)}x |`,
          `| analysis through URLs, per footage hour | ${perHour(cloud.wall).toFixed(0)} s wall, ${perHour(cloud.cpu).toFixed(0)} s CPU |`,
          `| cutting and storing every clip, per footage hour | ${perHour(clipSec).toFixed(0)} s wall, ${(clipBytes / events / 1024).toFixed(0)} KiB a clip |`,
          `| ProcessCamera at 3,008 MB x86_64, per footage hour (wall on this machine) | ${lambdaSec.toFixed(0)} s = $${(lambdaSec * PROCESS_MEMORY_GB * LAMBDA_X86_GB_SECOND).toFixed(4)} |`,
        ].join('\n');
        await writeBenchmarkSection(join(repoRoot, 'docs/BENCHMARKS.md'), 'cloud-processing', section);
        console.log(section);
      } finally {
        await reader.close();
        s3.destroy();
        await standIn.stop();
      }
    },
    { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 },
  );
});
