import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { bench, describe } from 'vitest';
import { locateFfmpeg } from '../../functions/adapters/ffmpeg/locateFfmpeg';
import { FfmpegProbe } from '../../functions/adapters/ffmpeg/FfmpegProbe';
import { FfmpegFrameSource } from '../../functions/adapters/ffmpeg/FfmpegFrameSource';
import { FfmpegClipCutter } from '../../functions/adapters/ffmpeg/FfmpegClipCutter';
import { WorkerBarcodeReader } from '../../functions/adapters/barcode/WorkerBarcodeReader';
import { ZxingBarcodeReader } from '../../functions/adapters/barcode/ZxingBarcodeReader';
import { processRecordings, type ProcessRecordingsResult } from '../../core/processing/pipeline/processRecordings';
import { createTrackingCodeMatcher } from '../../core/processing/trackingCodes/createTrackingCodeMatcher';
import { defaultTrackingCodePatterns } from '../../core/processing/trackingCodes/defaultTrackingCodePatterns';
import { defaultSamplingOptions } from '../../core/processing/pipeline/defaultSamplingOptions';
import type { BarcodeReader } from '../../core/processing/ports/BarcodeReader';
import type { FrameSamplingOptions } from '../../core/processing/ports/FrameSource';
import { parseTimeZone } from '../../core/processing/time/TimeZone';
import { repoRoot, sharedFixtures, tmpRoot } from '../integration/processing/helpers/paths';
import { readTruth } from '../integration/processing/helpers/truth';

/**
 * Processing benchmark. Every figure is a ratio against a baseline measured in the
 * same run, interleaved round by round (the machine is shared; absolute seconds
 * drift, ratios much less): analysis speed against `ffmpeg -i FILE -f null -`
 * (plain decoding, the ceiling for anything that looks at every frame). Writes
 * the "Processing" section of docs/BENCHMARKS.md.
 */
const ROUNDS = 3;
const truth = readTruth(join(sharedFixtures, 'Cam1_20250718_093000.truth.json'));
const files = truth.files.map((f) => join(sharedFixtures, f.name));
const footageSec = 180;

describe('processing', () => {
  bench(
    'analysis, clips and memory against ffmpeg decode-to-null (writes docs/BENCHMARKS.md)',
    async () => {
      const tools = await locateFfmpeg({ searchPath: process.env.PATH });
      const probe = new FfmpegProbe(tools);
      const frameSource = new FfmpegFrameSource(tools, { probe });
      const worker = await WorkerBarcodeReader.create();
      const inline = await ZxingBarcodeReader.create();
      const matcher = createTrackingCodeMatcher(defaultTrackingCodePatterns);
      const analyse = async (reader: BarcodeReader, sampling: FrameSamplingOptions): Promise<[number, ProcessRecordingsResult]> => {
        const t0 = performance.now();
        const result = await processRecordings({ probe, frameSource, reader }, {
          files: files.map((path) => ({ path, name: path.split('/').at(-1)! })),
          timeZone: parseTimeZone('+07:00'),
          matcher,
          sampling,
        });
        return [(performance.now() - t0) / 1000, result];
      };
      const decodeToNull = (): number => {
        const t0 = performance.now();
        for (const f of files) spawnSync(tools.ffmpeg, ['-nostdin', '-v', 'error', '-i', f, '-f', 'null', '-']);
        return (performance.now() - t0) / 1000;
      };
      const variants: { name: string; reader: BarcodeReader; sampling: FrameSamplingOptions }[] = [
        { name: 'default: 5 fps, 1280x360, reader on a worker thread', reader: worker, sampling: defaultSamplingOptions },
        { name: '5 fps, 1280x360, reader on the main thread', reader: inline, sampling: defaultSamplingOptions },
        { name: '5 fps, 640x360 (misses small Code128)', reader: worker, sampling: { fps: 5, width: 640 } },
        { name: '2 fps, 1280x360', reader: worker, sampling: { ...defaultSamplingOptions, fps: 2 } },
      ];
      const times: number[][] = variants.map(() => []);
      const base: number[] = [];
      let lastDefault: ProcessRecordingsResult | undefined;
      const codesPerVariant: string[][] = variants.map(() => []);
      for (let round = 0; round < ROUNDS; round += 1) {
        base.push(decodeToNull());
        for (const [i, v] of variants.entries()) {
          const [t, result] = await analyse(v.reader, v.sampling);
          times[i]!.push(t);
          codesPerVariant[i] = result.events.flatMap(({ event }) => event.trackingCodes);
          if (i === 0) lastDefault = result;
        }
      }
      const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
      const baseSec = median(base);
      const truthCodes = truth.orders.map((o) => o.code);
      const quality = (codes: string[]): { recall: number; precision: number } => ({
        recall: truthCodes.filter((c) => codes.includes(c)).length / truthCodes.length,
        precision: codes.length === 0 ? 1 : codes.filter((c) => truthCodes.includes(c)).length / codes.length,
      });
      const boundaryErrors = lastDefault!.events.flatMap(({ event }) => {
        const o = truth.orders.find((x) => event.trackingCodes.includes(x.code))!;
        return [Math.abs(event.startMs - Date.parse(o.startAt)), Math.abs(event.endMs - Date.parse(o.endAt))].map((ms) => ms / 1000);
      });

      // Clip cutting: every event of the default run, both modes.
      const clipDir = resolve(tmpRoot, 'bench-clips');
      rmSync(clipDir, { recursive: true, force: true });
      const cutter = new FfmpegClipCutter(tools, { probe });
      const cutAll = async (mode: 'copy' | 'accurate'): Promise<{ sec: number; clipSec: number }> => {
        const t0 = performance.now();
        let clipSec = 0;
        for (const [i, { event }] of lastDefault!.events.entries()) {
          const r = await cutter.cut({ parts: event.files, outPath: join(clipDir, `${mode}-${i}.mp4`), mode });
          clipSec += r.durationSec;
        }
        return { sec: (performance.now() - t0) / 1000, clipSec };
      };
      const copy = await cutAll('copy');
      const accurate = await cutAll('accurate');

      // Peak memory: the real CLI in a child (Node side), and the ffmpeg sampler alone.
      const outDir = resolve(tmpRoot, 'bench-cli');
      rmSync(outDir, { recursive: true, force: true });
      const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
      const peak = (args: string[]): string => {
        if (!timeBin) return 'n/a (/usr/bin/time missing)';
        const r = spawnSync(timeBin, ['-f', 'PEAK_KB=%M', ...args], { cwd: repoRoot, encoding: 'utf8' });
        const kb = Number(/PEAK_KB=(\d+)/.exec(r.stderr)?.[1]);
        return Number.isFinite(kb) ? `${(kb / 1024).toFixed(0)} MiB` : 'n/a';
      };
      const cliPeak = peak([process.execPath, 'bin/vtrack.mjs', 'process', ...files, '--out', outDir, '--tz', '+07:00']);
      const ffmpegPeak = peak([tools.ffmpeg, '-nostdin', '-v', 'error', '-skip_loop_filter', 'all', '-skip_frame', 'noref', '-i', files[0]!, '-vf', 'fps=5,format=gray,scale=1280:360', '-f', 'rawvideo', '-y', '/dev/null']);
      await worker.close();

      const ffmpegVersion = execFileSync(tools.ffmpeg, ['-version']).toString().split('\n')[0];
      const rows = variants.map((v, i) => {
        const t = median(times[i]!);
        const q = quality(codesPerVariant[i]!);
        return `| ${v.name} | ${(footageSec / t).toFixed(1)}x | **${(baseSec / t).toFixed(2)}** | ${(q.recall * 100).toFixed(0)}% | ${(q.precision * 100).toFixed(0)}% |`;
      });
      const section = [
        '<!-- processing:start -->',
        '## Processing',
        '',
        'Command: `npm run bench` (file `tests/bench/processing.bench.ts`), on the shared fixtures',
        `(2 x 90 s, 1280x720, 15 fps H.264, 17 orders). Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${ffmpegVersion}.`,
        `Median of ${ROUNDS} interleaved rounds. Baseline: \`ffmpeg -i FILE -f null -\` on both files = ${(footageSec / baseSec).toFixed(0)}x real time in this run.`,
        '',
        '| analysis (events only, no clips) | x real time | vs ffmpeg decode-to-null | recall | precision |',
        '| --- | --- | --- | --- | --- |',
        ...rows,
        '',
        `Event boundaries (default settings): worst ${Math.max(...boundaryErrors).toFixed(2)} s, mean ${(boundaryErrors.reduce((a, b) => a + b, 0) / boundaryErrors.length).toFixed(2)} s from the truth (goal: within 1 s).`,
        '',
        '| clip cutting (all 17 events) | x real time (clip seconds / wall seconds) |',
        '| --- | --- |',
        `| copy (keyframe-aligned, no re-encode) | ${(copy.clipSec / copy.sec).toFixed(1)}x |`,
        `| accurate (libx264 veryfast re-encode) | ${(accurate.clipSec / accurate.sec).toFixed(1)}x |`,
        '',
        `Peak memory (max RSS): \`vtrack process\` on both files, Node process ${cliPeak}; its ffmpeg sampler ${ffmpegPeak}.`,
        'Both stay flat with footage length: frames are streamed (at most 8 read ahead), never the whole video.',
        '<!-- processing:end -->',
      ].join('\n');
      const docPath = resolve(repoRoot, 'docs/BENCHMARKS.md');
      const current = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Benchmarks\n';
      const next = /<!-- processing:start -->[\s\S]*<!-- processing:end -->/.test(current)
        ? current.replace(/<!-- processing:start -->[\s\S]*<!-- processing:end -->/, section)
        : `${current.trimEnd()}\n\n${section}\n`;
      writeFileSync(docPath, next);
      console.log(section);
    },
    { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 },
  );
});
