import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerBarcodeReader } from '../../../adapters/barcode/workerBarcodeReader';
import { zxingOptionsFor } from '../../../adapters/barcode/zxingBarcodeReader';
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
import { sharedFixtures } from './helpers/paths';
import { readTruth } from './helpers/truth';

const truth = readTruth(join(sharedFixtures, 'Cam1_20250718_093000.truth.json'));
const [P, F] = truth.files.map((f) => ({ path: join(sharedFixtures, f.name), name: f.name })) as [NeighbourFile, NeighbourFile];
const spanning = truth.orders.find((o) => o.files.length === 2)!;
/**
 * Everything of an event but the detections' boxes to the pixel: the reader
 * reuses an unchanged region's earlier read (box included) for a few frames,
 * so a box can differ by a pixel or two with where a read began. Times, codes,
 * files and clip windows — what ids, search and clips use — must be equal.
 */
const shape = (events: readonly ProcessingEvent[]) => events.map((event) => ({ ...event, detections: event.detections.map(({ bbox: _box, ...d }) => d) }));
const boxes = (events: readonly ProcessingEvent[]) => events.flatMap((event) => event.detections.map((d) => [d.bbox.x, d.bbox.y, d.bbox.width, d.bbox.height]));
const eventsOf = (result: { events: readonly { event: ProcessingEvent }[] }) => result.events.map(({ event }) => event);

function expectSameEvents(actual: readonly ProcessingEvent[], expected: readonly ProcessingEvent[]): void {
  expect(shape(actual)).toEqual(shape(expected));
  const want = boxes(expected);
  const far = boxes(actual).filter((box, i) => box.some((v, k) => Math.abs(v - want[i]![k]!) > 3));
  expect(far, 'boxes within 3 px').toEqual([]);
}

/**
 * Real ffmpeg and the real reader on the shared fixtures (an order packed across
 * the cut between the two files): a file processed with its neighbour read only
 * near the boundary gives the same events as with the neighbour read whole, as
 * the CLI reads both files together.
 */
describe('neighbours read only near the boundary, on real footage', () => {
  let reader: Awaited<ReturnType<typeof WorkerBarcodeReader.create>>;
  let ports: ProcessingPorts;
  let whole: Awaited<ReturnType<typeof processRecordings>>;
  const run = (files: NeighbourFile[], neighbours: NeighbourFile[] = []) =>
    processRecordings(ports, { files, neighbours, timeZone: parseTimeZone('+07:00'), camera: 'cam1', matcher: createTrackingCodeMatcher(defaultTrackingCodePatterns), sampling: defaultSamplingOptions });

  beforeAll(async () => {
    const tools = await locateFfmpeg({ searchPath: process.env['PATH'] });
    const probe = new FfmpegProbe(tools);
    reader = await WorkerBarcodeReader.create(zxingOptionsFor(defaultReaderSettings));
    ports = { probe, frameSource: new FfmpegFrameSource(tools, { probe }), reader };
    whole = await run([P, F]);
    expect(eventsOf(whole).filter((e) => e.trackingCodes.includes(spanning.code)).map((e) => e.files.map((f) => f.name))).toEqual([spanning.files]);
  }, 600_000);

  afterAll(async () => {
    await reader?.close();
  });

  it('the new file with the previous file\'s tail: the order across the cut is the same one event, and the tail is a fraction of the file', async () => {
    // Act
    const windowed = await run([F], [P]);

    // Assess
    expect(windowed.stats.neighbourSec).toBeGreaterThan(0);
    expect(windowed.stats.neighbourSec).toBeLessThan(45);
    expectSameEvents(eventsOf(windowed), eventsOf(whole).filter((e) => e.startMs >= windowed.complete.fromMs));
    expect(eventsOf(windowed).map((e) => e.trackingCodes[0])).toContain(spanning.code);
    expect(windowed.complete.fromMs, 'orders before the quiet moment are left as the first file built them').toBeGreaterThan(Date.parse(truth.files[0]!.startAt));
  }, 600_000);

  it('the first file with the next file\'s head: the same events as reading both whole, for every order starting in the first file', async () => {
    // Act
    const windowed = await run([P], [F]);

    // Assess
    expect(windowed.stats.neighbourSec).toBeGreaterThan(0);
    expect(windowed.stats.neighbourSec).toBeLessThan(45);
    expectSameEvents(eventsOf(windowed), eventsOf(whole).filter((e) => e.startMs < Date.parse(truth.files[1]!.startAt)));
  }, 600_000);

  it('with the previous file\'s reads kept from its own processing, nothing of it is decoded again and the events are the same', async () => {
    // Prepare
    const first = await run([P]);
    expect(first.tail?.file).toBe(P.name);

    // Act
    const second = await run([F], [{ ...P, known: first.tail! }]);

    // Assess
    expect(second.stats.neighbourSec).toBe(0);
    expectSameEvents(eventsOf(second), eventsOf(whole).filter((e) => e.startMs >= second.complete.fromMs));
    expect(eventsOf(second).map((e) => e.trackingCodes[0])).toContain(spanning.code);
  }, 600_000);
});
