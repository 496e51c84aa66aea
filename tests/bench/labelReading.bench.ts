import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { bench, describe } from 'vitest';
import { locateFfmpeg } from '../../adapters/ffmpeg/locateFfmpeg';
import { FfmpegProbe } from '../../adapters/ffmpeg/ffmpegProbe';
import { FfmpegFrameSource } from '../../adapters/ffmpeg/ffmpegFrameSource';
import { WorkerBarcodeReader } from '../../adapters/barcode/workerBarcodeReader';
import { createPixmapReader, type PixmapReaderOptions, type RegionSearchStats } from '../../adapters/barcode/zxingPixmapReader.mjs';
import type { FfmpegTools } from '../../adapters/ffmpeg/ffmpegTools';
import type { GrayFrame } from '../../core/processing/types/grayFrame';
import { zxingOptionsFor, type ZxingBarcodeReaderOptions } from '../../adapters/barcode/zxingBarcodeReader';
import { processRecordings } from '../../core/processing/pipeline/processRecordings';
import { defaultProcessingSettings } from '../../core/processing/pipeline/processingSettings';
import { squeezedSamplingOptions } from '../../core/processing/pipeline/defaultSamplingOptions';
import { createTrackingCodeMatcher } from '../../core/processing/trackingCodes/createTrackingCodeMatcher';
import { defaultTrackingCodePatterns } from '../../core/processing/trackingCodes/defaultTrackingCodePatterns';
import type { FrameSamplingOptions } from '../../core/ports/frameSource';
import { parseTimeZone } from '../../core/time/timeZone';
import { repoRoot } from '../integration/processing/helpers/paths';
import { makeLabelFootage } from '../integration/processing/helpers/makeLabelFootage';
import { libraryReads, scoreLabelRecall, type RecallReport } from '../integration/processing/helpers/labelRecall';
import { writeBenchmarkSection } from './support/writeBenchmarkSection';

/**
 * Reading labels at any angle: recall per orientation and symbology against what
 * zxing-wasm reads on the same full frames, and speed against `ffmpeg -i FILE -f null -`
 * (each analysis run paired with a decode-to-null run just before it; median of the
 * per-pair ratios), for the former default and the new one side by side. Footage:
 * 40 generated photographic labels (makeLabelFootage, seed 21). Writes the
 * "Label reading" section of docs/BENCHMARKS.md.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** CPU seconds of this process (all threads: main, barcode worker) and of its finished children (ffmpeg, ffprobe). */
function cpuTimes(): { self: number; children: number } {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return { self: (Number(fields[11]) + Number(fields[12])) / 100, children: (Number(fields[13]) + Number(fields[14])) / 100 };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Index of the new default among the variants (the per-orientation table compares it with the former default, index 0). */
const NEW_DEFAULT = 3;

interface Variant {
  readonly name: string;
  readonly reader: ZxingBarcodeReaderOptions;
  readonly sampling: FrameSamplingOptions;
}

/**
 * Where the CPU of one analysis goes: the frame source alone (ffmpeg's decoding and the
 * main thread taking frames off its pipe), then the reader's stages, measured with the
 * reader on this thread over frames decoded beforehand (its CPU time apportioned to the
 * stages by their measured time), for the new default and with reuse off.
 */
async function whereTheCpuGoes(tools: FfmpegTools, probe: FfmpegProbe, path: string, perMinute: (s: number) => number): Promise<string[]> {
  const source = new FfmpegFrameSource(tools, { probe });
  const sampling = defaultProcessingSettings.sampling;
  const ffmpeg: number[] = [];
  const main: number[] = [];
  const frames: GrayFrame[] = [];
  for (let round = 0; round < 3; round += 1) {
    const c0 = cpuTimes();
    for await (const frame of source.frames(path, sampling)) if (round === 0) frames.push(frame);
    const c1 = cpuTimes();
    ffmpeg.push(perMinute(c1.children - c0.children));
    main.push(perMinute(c1.self - c0.self));
  }
  const readerCpu = async (options: PixmapReaderOptions): Promise<{ cpu: number; stats: RegionSearchStats }> => {
    const warm = await createPixmapReader(options);
    for (const f of frames) warm.read(f.data, f.width, f.height);
    const reader = await createPixmapReader(options);
    const c0 = process.cpuUsage();
    for (const f of frames) reader.read(f.data, f.width, f.height);
    const c = process.cpuUsage(c0);
    return { cpu: perMinute((c.user + c.system) / 1e6), stats: reader.stats! };
  };
  const withReuse = await readerCpu(zxingOptionsFor(defaultProcessingSettings.reader));
  const without = await readerCpu({ ...zxingOptionsFor(defaultProcessingSettings.reader), reuse: false });
  const stage = (r: { cpu: number; stats: RegionSearchStats }, key: keyof RegionSearchStats['ms']): string => {
    const total = Object.values(r.stats.ms).reduce((a, b) => a + b, 0);
    return `${((r.cpu * r.stats.ms[key]) / total).toFixed(2)} s`;
  };
  const calls = (r: { stats: RegionSearchStats }): string => {
    const c = r.stats.calls;
    return `${Object.values(c).reduce((a, b) => a + b, 0)} calls: ${Object.entries(c).map(([k, n]) => `${k} ${n}`).join(', ')}`;
  };
  const both = (label: string, f: (r: { cpu: number; stats: RegionSearchStats }) => string): string => `| ${label} | ${f(withReuse)} | ${f(without)} |`;
  return [
    `Where the CPU goes, per footage minute (${frames.length} frames analysed; the reader measured on one thread over frames decoded beforehand,`,
    'its CPU time shared among its stages by their measured time):',
    '',
    '| part | new default | reading every region of every frame |',
    '| --- | --- | --- |',
    `| ffmpeg: decoding (one thread, no deblocking, non-reference frames skipped), 5 fps, luma plane, pipe | ${median(ffmpeg).toFixed(2)} s | same |`,
    `| Node main thread: frames off the pipe, handing them to the worker, events | ${median(main).toFixed(2)} s | same |`,
    both('reader, all stages', (r) => `**${r.cpu.toFixed(2)} s**`),
    both('… comparing each block with the previous frame (and keeping a copy of it)', (r) => stage(r, 'compare')),
    both('… texture test and grouping into regions', (r) => stage(r, 'texture')),
    both('… bar direction of each region read', (r) => stage(r, 'direction')),
    both('… copying crops (transposed for sideways bars)', (r) => stage(r, 'copy')),
    both('… zxing', (r) => `${stage(r, 'zxing')} (${calls(r)})`),
    both('regions found / answered with the reads of an unchanged earlier frame', (r) => `${r.stats.regions} / ${r.stats.reused} (${((100 * r.stats.reused) / Math.max(1, r.stats.regions)).toFixed(0)} %)`),
    both('blocks changed since the previous frame', (r) => (r.stats.blocks ? `${((100 * r.stats.blocksChanged) / r.stats.blocks).toFixed(1)} %` : '–')),
  ];
}

describe('label reading', () => {
  bench(
    'recall at every orientation and speed against decode-to-null (writes docs/BENCHMARKS.md)',
    async () => {
      const tools = await locateFfmpeg({ searchPath: process.env.PATH });
      const probe = new FfmpegProbe(tools);
      const footage = makeLabelFootage('bench-labels', { seed: 21, perClass: 4 });
      const library = await libraryReads(footage, tools);
      const matcher = createTrackingCodeMatcher(defaultTrackingCodePatterns);
      const variants: Variant[] = [
        { name: 'former default: `rows` on 1280x240, no rotation', reader: { search: 'rows', tryRotate: false }, sampling: squeezedSamplingOptions },
        { name: 'former default + `--rotate on`', reader: { search: 'rows', tryRotate: true }, sampling: squeezedSamplingOptions },
        { name: '`regions` reading every region of every frame (the default before reuse)', reader: { ...zxingOptionsFor(defaultProcessingSettings.reader), reuse: false }, sampling: defaultProcessingSettings.sampling },
        { name: '**new default: `regions` on 1280x720, rotation, unchanged regions reused**', reader: zxingOptionsFor(defaultProcessingSettings.reader), sampling: defaultProcessingSettings.sampling },
        { name: '`regions` + `--straighten on`', reader: { ...zxingOptionsFor(defaultProcessingSettings.reader), straighten: true }, sampling: defaultProcessingSettings.sampling },
        { name: '`full`: whole 1280x720 frame, rotation', reader: { search: 'full', tryRotate: true }, sampling: defaultProcessingSettings.sampling },
      ];
      const readers = await Promise.all(variants.map((v) => WorkerBarcodeReader.create(v.reader)));
      const analyse = async (i: number): Promise<RecallReport> => {
        const result = await processRecordings({ probe, frameSource: new FfmpegFrameSource(tools, { probe }), reader: readers[i]! }, {
          files: [{ path: footage.path, name: footage.name }],
          timeZone: parseTimeZone('+07:00'),
          matcher,
          sampling: variants[i]!.sampling,
        });
        return scoreLabelRecall(footage, result.segments[0]!.startMs, result.events.map(({ event }) => event), library);
      };
      const decodeToNull = (): void => {
        spawnSync(tools.ffmpeg, ['-nostdin', '-v', 'error', '-i', footage.path, '-f', 'null', '-']);
      };
      decodeToNull();
      for (let i = 0; i < variants.length; i += 1) await analyse(i);

      const load = [loadavg()[0]!];
      const wall: number[][] = variants.map(() => []);
      const cpu: number[][] = variants.map(() => []);
      const cpuPerMin: number[][] = variants.map(() => []);
      const ffmpegPerMin: number[][] = variants.map(() => []);
      const basePerMin: number[] = [];
      const reports: RecallReport[] = [];
      const perMinute = (seconds: number): number => (seconds / footage.durationSec) * 60;
      for (let round = 0; round < ROUNDS; round += 1) {
        for (let k = 0; k < variants.length; k += 1) {
          const i = (k + round) % variants.length;
          let c0 = cpuTimes();
          let t0 = performance.now();
          decodeToNull();
          let c1 = cpuTimes();
          const base = { wall: performance.now() - t0, cpu: c1.self + c1.children - c0.self - c0.children };
          basePerMin.push(perMinute(base.cpu));
          c0 = cpuTimes();
          t0 = performance.now();
          reports[i] = await analyse(i);
          c1 = cpuTimes();
          const run = { wall: performance.now() - t0, cpu: c1.self + c1.children - c0.self - c0.children };
          wall[i]!.push(base.wall / run.wall);
          cpu[i]!.push(base.cpu / run.cpu);
          cpuPerMin[i]!.push(perMinute(run.cpu));
          ffmpegPerMin[i]!.push(perMinute(c1.children - c0.children));
        }
        load.push(loadavg()[0]!);
      }
      await Promise.all(readers.map((r) => r.close()));
      const breakdown = await whereTheCpuGoes(tools, probe, footage.path, perMinute);
      load.push(loadavg()[0]!);

      const libraryTotal = reports[0]!.scores.filter((s) => s.libraryRead).length;
      const speedRows = variants.map((v, i) => {
        const r = reports[i]!;
        const found = r.scores.filter((s) => s.found).length;
        const foundOfLibrary = r.scores.filter((s) => s.found && s.libraryRead).length;
        const errors = r.scores.flatMap((s) => (s.found ? [s.startErrorSec!, s.endErrorSec!] : []));
        return `| ${v.name} | ${foundOfLibrary}/${libraryTotal} (**${(r.recall * 100).toFixed(0)} %**) | ${found}/${footage.appearances.length} | ${r.invented.length} | ${errors.length ? Math.max(...errors).toFixed(1) : '–'} s | **${median(wall[i]!).toFixed(2)}** (${Math.min(...wall[i]!).toFixed(2)}–${Math.max(...wall[i]!).toFixed(2)}) | **${median(cpu[i]!).toFixed(2)}** (${Math.min(...cpu[i]!).toFixed(2)}–${Math.max(...cpu[i]!).toFixed(2)}) | ${median(cpuPerMin[i]!).toFixed(2)} s (${median(ffmpegPerMin[i]!).toFixed(2)} s) |`;
      });
      const former = reports[0]!;
      const current = reports[NEW_DEFAULT]!;
      const classRows = current.rows.map((row, i) => {
        const old = former.rows[i]!;
        const label = row.orientation === 'tilted' ? 'tilted 20–30°' : `${row.orientation}°`;
        return `| ${label} | ${row.symbology} | ${row.appearances} | ${row.library} | ${old.foundOfLibrary} (${old.found}) | ${row.foundOfLibrary} (${row.found}) |`;
      });
      const ffmpegVersion = execFileSync(tools.ffmpeg, ['-version']).toString().split('\n')[0];
      const section = [
        '## Label reading (any angle)',
        '',
        'Command: `npm run bench -- tests/bench/labelReading.bench.ts`. Footage: generated at run time by',
        '`tests/integration/processing/helpers/makeLabelFootage.ts` (seed 21): 40 zint labels (QR 80–200 px, Code128 1.6–2.6 px per module)',
        'photographed by ffmpeg filters (glare, low contrast, JPEG, curved paper, perspective, blur) at 0/90/180/270° (±4°) and tilted 20–30°,',
        `two at a time on a wood-grain table, ${footage.durationSec} s of 1280x720 15 fps H.264 (CRF 26, keyframe every 2 s).`,
        '"Library reads": every frame at 5 fps decoded in full by ffmpeg, gray, full resolution, read whole by zxing-wasm with tryHarder, tryRotate,',
        'tryInvert and tryDownscale. A label is found when an event carries its code and starts and ends within 1 s of it (of the library\'s own',
        'first and last read when the library reads it only part of the time).',
        `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${ffmpegVersion}; load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} (shared).`,
        `${ROUNDS} rounds, each analysis run paired with a decode-to-null run of the same file just before it; ratios are medians of the pairs (range in brackets).`,
        '',
        '| analysis (5 fps, events only) | recall of library reads | labels found (all 40) | invented codes | worst boundary | speed vs decode-to-null (wall) | (CPU) | CPU per footage minute (of which ffmpeg and ffprobe) |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
        ...speedRows,
        '',
        `Decode-to-null (\`ffmpeg -i FILE -f null -\`, every frame, ffmpeg's own threading): ${median(basePerMin).toFixed(2)} s of CPU per footage minute (median of ${basePerMin.length} runs).`,
        'CPU is user + system time of the Node process (main thread and barcode worker) and of its ffmpeg and ffprobe children.',
        '',
        ...breakdown,
        '',
        'Per orientation and symbology: labels the pipeline found among those the library read (in brackets: all it found, including labels',
        'the library did not read, such as tilted Code128 read straightened).',
        '',
        '| orientation | symbology | labels | library reads | former default | new default |',
        '| --- | --- | --- | --- | --- | --- |',
        ...classRows,
        '',
        'Goal (issue 12): at least 95 % of the library\'s reads at every orientation, no invented code, boundaries within 1 s, at least 0.6 of',
        'decode-to-null at 5 analysed fps.',
      ].join('\n');
      await writeBenchmarkSection(resolve(repoRoot, 'docs/BENCHMARKS.md'), 'label-reading', section);
      console.log(section);
    },
    { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 },
  );
});
