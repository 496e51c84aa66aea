import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { parseTimeZone } from '../../core/time/timeZone';
import { createTrackingCodeMatcher } from '../../core/processing/trackingCodes/createTrackingCodeMatcher';
import { defaultTrackingCodePatterns } from '../../core/processing/trackingCodes/defaultTrackingCodePatterns';
import { processRecordings, type ProcessingPorts, type ProcessingProgress } from '../../core/processing/pipeline/processRecordings';
import { eventId } from '../../core/processing/events/eventId';
import { toEventRecord } from '../../core/processing/events/toEventRecord';
import { createProgressBar } from '../progressBar';
import type { ProcessArgs } from './ProcessArgs';
import type { BBox } from '../../core/processing/types/bBox';
import type { PictureRegion } from '../../core/processing/region/pictureRegion';

export interface CommandIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

/**
 * Runs one `vtrack process`: analyse, cut clips, write events.json (atomically,
 * via a temp file) and report. Returns the exit code: 0, or 1 when some file
 * could not be processed (the others' events are still written).
 */
export async function runProcessCommand(args: ProcessArgs, ports: ProcessingPorts, io: CommandIo): Promise<number> {
  const timeZone = parseTimeZone(args.timeZone, '--tz');
  const matcher = createTrackingCodeMatcher(args.patterns ?? defaultTrackingCodePatterns);
  const clipsDir = join(args.outDir, 'clips');
  await mkdir(args.outDir, { recursive: true });
  const bar = io.stderr.isTTY ? createProgressBar(io.stderr) : undefined;
  const onProgress = (p: ProcessingProgress): void => {
    if (!bar) return;
    if (p.phase === 'analyse') bar.update((0.9 * p.doneSec) / Math.max(p.totalSec, 1e-9), `analysing ${p.file}`);
    else bar.update(0.9 + (0.1 * p.done) / Math.max(p.total, 1), `cutting clip ${p.done}/${p.total}`);
  };
  const started = performance.now();
  const result = await processRecordings(
    args.clipMode === 'none' ? { ...ports, clipCutter: undefined } : ports,
    {
      files: args.files.map((path) => ({ path, name: basename(path) })),
      timeZone,
      camera: args.camera,
      matcher,
      sampling: { fps: args.fps, width: args.width, verticalSqueeze: args.verticalSqueeze, ...roiOption(args.roi) },
      eventOptions: args.events,
      ...(args.clipMode === 'none' ? {} : { clips: { mode: args.clipMode, outPathFor: (e) => join(clipsDir, `${eventId(e)}.mp4`) } }),
      onProgress,
    },
  );
  bar?.done();
  const events = result.events.map(({ event, clip }) =>
    toEventRecord(
      event,
      clip ? { path: relative(args.outDir, clip.outPath).split('\\').join('/'), clipStartMs: event.clipStartMs - clip.leadSec * 1000 } : undefined,
    ),
  );
  const failures = result.failures.map((f) => ({ file: f.file, error: f.error.message }));
  const target = join(args.outDir, 'events.json');
  await writeFile(`${target}.tmp`, `${JSON.stringify({ events, ...(failures.length ? { failures } : {}) }, null, 2)}\n`);
  await rename(`${target}.tmp`, target);

  const seconds = (performance.now() - started) / 1000;
  const footage = result.stats.footageSec;
  for (const f of failures) io.stderr.write(`vtrack: ${f.error}\n`);
  io.stdout.write(
    `processed ${result.segments.length}/${args.files.length} file(s), ${footage.toFixed(0)} s of footage in ${seconds.toFixed(1)} s` +
      ` (${(footage / Math.max(seconds, 1e-9)).toFixed(1)}x real time): ${events.length} event(s), ` +
      `${events.filter((e) => e.clip).length} clip(s) -> ${target}\n`,
  );
  return failures.length > 0 ? 1 : 0;
}

/** Fractions (all four at most 1, as a source's settings store them) are a region, turned into pixels per file like the cloud does; anything else is pixels. */
function roiOption(roi: ProcessArgs['roi']): { roi?: BBox; region?: PictureRegion } {
  if (roi === undefined) return {};
  return [roi.x, roi.y, roi.width, roi.height].every((value) => value <= 1) ? { region: roi } : { roi };
}
