import { basename, join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerBarcodeReader } from '../../../adapters/barcode/workerBarcodeReader';
import { zxingOptionsFor } from '../../../adapters/barcode/zxingBarcodeReader';
import { FfmpegClipCutter } from '../../../adapters/ffmpeg/ffmpegClipCutter';
import { FfmpegFrameSource } from '../../../adapters/ffmpeg/ffmpegFrameSource';
import { FfmpegProbe } from '../../../adapters/ffmpeg/ffmpegProbe';
import { locateFfmpeg } from '../../../adapters/ffmpeg/locateFfmpeg';
import { defaultSamplingOptions } from '../../../core/processing/pipeline/defaultSamplingOptions';
import { processRecordings, type NeighbourFile, type ProcessingPorts } from '../../../core/processing/pipeline/processRecordings';
import { defaultReaderSettings } from '../../../core/processing/pipeline/readerSettings';
import { createTrackingCodeMatcher } from '../../../core/processing/trackingCodes/createTrackingCodeMatcher';
import { defaultTrackingCodePatterns } from '../../../core/processing/trackingCodes/defaultTrackingCodePatterns';
import type { ProcessingEvent } from '../../../core/processing/types/processingEvent';
import { parseTimeZone } from '../../../core/time/timeZone';
import { sceneFixture, segmentFiles } from './helpers/makeFixtures';
import { tmpRoot } from './helpers/paths';

/**
 * A camera that cuts 10 s segment files while one parcel takes 35 s to pack:
 * the order is in view from 13 s to 47 s of a minute of footage, across the
 * second to the fifth file. Two short orders sit in the first and last files.
 * Times are seconds from the first file's start (09:30:00 at +07:00).
 */
const LONG = 'GHN12345678901';
const SHORT_FIRST = 'SPXVN100000001';
const SHORT_LAST = 'SPXVN100000003';
const truth = [
  { code: SHORT_FIRST, start: 3, end: 6 },
  { code: LONG, start: 13, end: 47 },
  { code: SHORT_LAST, start: 53, end: 56 },
] as const;
const FIRST_START_MS = Date.parse('2025-07-18T02:30:00.000Z');
const at = (ms: number): number => (ms - FIRST_START_MS) / 1000;

export function longOrderFootage(): NeighbourFile[] {
  const scene = sceneFixture(
    'long-order-scene',
    'scene.mp4',
    60,
    truth.map((order, i) => ({ code: order.code, zint: 58, start: order.start, end: order.end, x: 300 + 200 * i, y: 200 })),
  );
  return segmentFiles('long-order-10s', scene, 60, 10, 'Cam1', '20250718_093000').map((path) => ({ path, name: basename(path) }));
}

/**
 * Real ffmpeg and the real reader: a file processed with its stored neighbours
 * gives the long order as reading all six files together does — one event, its
 * start and end within 1 s of the truth, one clip cut from the four files it
 * spans — whichever of its files is the new one.
 */
describe('an order longer than its neighbour files, on real footage', () => {
  let reader: Awaited<ReturnType<typeof WorkerBarcodeReader.create>>;
  let ports: ProcessingPorts;
  let probe: FfmpegProbe;
  let files: NeighbourFile[];
  let whole: ProcessingEvent;
  const clipDir = resolve(tmpRoot, 'long-order-clips');
  const run = (own: NeighbourFile[], neighbours: NeighbourFile[], clipName?: string) =>
    processRecordings(ports, {
      files: own,
      neighbours,
      timeZone: parseTimeZone('+07:00'),
      camera: 'cam1',
      matcher: createTrackingCodeMatcher(defaultTrackingCodePatterns),
      sampling: defaultSamplingOptions,
      ...(clipName === undefined ? {} : { clips: { mode: 'copy' as const, outPathFor: () => join(clipDir, clipName) } }),
    });
  const longOf = (result: Awaited<ReturnType<typeof run>>) => result.events.filter(({ event }) => event.trackingCodes.includes(LONG));
  const others = (i: number) => files.filter((_, k) => k !== i);

  beforeAll(async () => {
    mkdirSync(clipDir, { recursive: true });
    files = longOrderFootage();
    const tools = await locateFfmpeg({ searchPath: process.env['PATH'] });
    probe = new FfmpegProbe(tools);
    reader = await WorkerBarcodeReader.create(zxingOptionsFor(defaultReaderSettings));
    ports = { probe, frameSource: new FfmpegFrameSource(tools, { probe }), reader, clipCutter: new FfmpegClipCutter(tools, { probe }) };
    // The reference: all six files read together, as the CLI reads them.
    const all = await run(files, []);
    for (const order of truth) {
      const found = all.events.filter(({ event }) => event.trackingCodes.includes(order.code)).map(({ event }) => event);
      expect(found, order.code).toHaveLength(1);
      expect(Math.abs(at(found[0]!.startMs) - order.start), `${order.code} start`).toBeLessThan(1);
      expect(Math.abs(at(found[0]!.endMs) - order.end), `${order.code} end`).toBeLessThan(1);
    }
    whole = longOf(all)[0]!.event;
    expect(whole.files.map((f) => f.name)).toEqual(files.slice(1, 5).map((f) => f.name));
  }, 600_000);

  afterAll(async () => {
    await reader?.close();
  });

  it('the file the order starts in, with the files after it: one event to the order\'s real end, and one clip cut from the four files', async () => {
    // Act
    const result = await run([files[1]!], others(1), 'starts-here.mp4');

    // Assess
    const long = longOf(result);
    expect(long).toHaveLength(1);
    expect(long[0]!.event).toMatchObject({ startMs: whole.startMs, endMs: whole.endMs, clipStartMs: whole.clipStartMs, clipEndMs: whole.clipEndMs, files: whole.files });
    expect(Math.abs(at(long[0]!.event.endMs) - 47)).toBeLessThan(1);
    const clip = await probe.probe(long[0]!.clip!.outPath);
    const wantSec = (whole.clipEndMs - whole.clipStartMs) / 1000 + long[0]!.clip!.leadSec;
    expect(Math.abs(clip.durationSec - wantSec), `clip ${clip.durationSec}s, window ${wantSec}s`).toBeLessThan(1);
    expect(result.events.map(({ event }) => event.trackingCodes[0]), 'orders starting in the files after are left to them').toEqual([LONG]);
  }, 600_000);

  it('the file the order ends in, with the files before it: the same one event, not a second one starting at its own first file', async () => {
    // Act
    const result = await run([files[4]!], others(4));

    // Assess
    expect(longOf(result).map(({ event }) => event)).toMatchObject([{ startMs: whole.startMs, endMs: whole.endMs, clipStartMs: whole.clipStartMs, clipEndMs: whole.clipEndMs, files: whole.files }]);
    expect(result.complete.fromMs, 'read back to the quiet moment before the order').toBeLessThanOrEqual(whole.startMs);
  }, 600_000);

  it('a file in the middle of the order, with neighbours on both sides: the same one event', async () => {
    // Act
    const result = await run([files[2]!], others(2));

    // Assess
    expect(longOf(result).map(({ event }) => event)).toMatchObject([{ startMs: whole.startMs, endMs: whole.endMs, files: whole.files }]);
  }, 600_000);
});
