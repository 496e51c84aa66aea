import { beforeAll, describe, expect, it } from 'vitest';
import { FfmpegProbe } from '../../../adapters/ffmpeg/ffmpegProbe';
import { FfmpegFrameSource } from '../../../adapters/ffmpeg/ffmpegFrameSource';
import { locateFfmpeg } from '../../../adapters/ffmpeg/locateFfmpeg';
import { ZxingBarcodeReader } from '../../../adapters/barcode/zxingBarcodeReader';
import { processRecordings, type ProcessingPorts } from '../../../core/processing/pipeline/processRecordings';
import { createTrackingCodeMatcher } from '../../../core/processing/trackingCodes/createTrackingCodeMatcher';
import { defaultTrackingCodePatterns } from '../../../core/processing/trackingCodes/defaultTrackingCodePatterns';
import { defaultSamplingOptions } from '../../../core/processing/pipeline/defaultSamplingOptions';
import { parseTimeZone } from '../../../core/time/timeZone';
import { toEventRecord } from '../../../core/processing/events/toEventRecord';
import { generatedFixture, lowLightFixture, sceneFixture, transcodedFixture, videosIn } from './helpers/makeFixtures';
import { compareWithTruth, readTruth, type TruthOrder } from './helpers/truth';

let ports: ProcessingPorts;
/** Drawn scene: two labels at once, DataMatrix, PDF417, Code39, the same code again later. */
const sceneFile = (): string =>
  sceneFixture('scene', 'Cam3_20250718_100000.mp4', 30, [
    { code: 'GHN11111111111', zint: 58, start: 2, end: 8, x: 100, y: 100 },
    { code: 'SPXVN222222222', zint: 71, start: 3, end: 8.5, x: 800, y: 120 },
    { code: 'LZDVN333333333', zint: 55, start: 11, end: 15, x: 200, y: 300 },
    { code: 'JNTVN444444444', zint: 8, start: 17, end: 21, x: 150, y: 250 },
    { code: 'GHN11111111111', zint: 58, start: 24, end: 27, x: 600, y: 300 },
  ]);
const matcher = createTrackingCodeMatcher(defaultTrackingCodePatterns);

async function analyse(files: string[], tz: string) {
  const result = await processRecordings(ports, {
    files: files.map((path) => ({ path, name: path.split('/').at(-1)! })),
    timeZone: parseTimeZone(tz),
    matcher,
    sampling: defaultSamplingOptions,
  });
  return { ...result, records: result.events.map(({ event }) => toEventRecord(event)) };
}
const truthOf = (dir: string): readonly TruthOrder[] => readTruth(videosIn(dir)[0]!.replace(/\.mp4$/, '.truth.json')).orders;

describe('processing generated fixtures (real ffmpeg and zxing-wasm)', () => {
  beforeAll(async () => {
    const tools = await locateFfmpeg({ searchPath: process.env.PATH });
    const probe = new FfmpegProbe(tools);
    ports = { probe, frameSource: new FfmpegFrameSource(tools, { probe }), reader: await ZxingBarcodeReader.create() };
  });

  it('joins an order across a file boundary, across midnight, in a negative-offset zone', async () => {
    // Prepare
    const dir = generatedFixture('split-midnight', ['--seed', '7', '--duration', '40', '--split', '20', '--camera', 'Dock2', '--start', '20241231_235950', '--tz', '-05:00']);
    const orders = truthOf(dir);
    // Act
    const { records, segments } = await analyse(videosIn(dir), '-05:00');
    // Assess
    expect(segments).toHaveLength(2);
    expect(compareWithTruth(records, orders)).toEqual([]);
    const spanning = orders.find((o) => o.files.length === 2)!;
    expect(records.find((r) => r.trackingCodes.includes(spanning.code))!.files).toHaveLength(2);
    expect(records.every((r) => r.camera === 'Dock2')).toBe(true);
  }, 120_000);

  it('reads the small, rotated, blurred labels of --hard footage', async () => {
    const dir = generatedFixture('hard', ['--seed', '3', '--duration', '40', '--hard']);
    const { records } = await analyse(videosIn(dir), '+07:00');
    expect(compareWithTruth(records, truthOf(dir))).toEqual([]);
  }, 120_000);

  it('reads labels in dark, low-contrast footage', async () => {
    const dir = lowLightFixture('low-light', ['--seed', '4', '--duration', '40']);
    const { records } = await analyse(videosIn(dir), '+07:00');
    expect(truthOf(dir).length).toBeGreaterThan(0);
    expect(compareWithTruth(records, truthOf(dir))).toEqual([]);
  }, 120_000);

  it('returns no events for footage without labels', async () => {
    const dir = generatedFixture('no-codes', ['--seed', '5', '--duration', '6']);
    const { records, failures, stats } = await analyse(videosIn(dir), '+07:00');
    expect(failures).toEqual([]);
    expect(stats.framesAnalysed).toBeGreaterThan(20);
    expect(records).toEqual([]);
  }, 60_000);

  it('makes two labels in view together one order, reads DataMatrix, PDF417 and Code39, and splits a code seen again later', async () => {
    // Prepare: the shared generator never shows two labels at once, so this scene is drawn here.
    const file = sceneFile();
    const at = (s: number): string => new Date(Date.UTC(2025, 6, 18, 3, 0, s)).toISOString();
    const orders: TruthOrder[] = [
      { code: 'GHN11111111111', symbology: 'QRCode', startAt: at(2), endAt: at(8), files: [] },
      { code: 'SPXVN222222222', symbology: 'DataMatrix', startAt: at(3), endAt: at(8.5), files: [] },
      { code: 'LZDVN333333333', symbology: 'PDF417', startAt: at(11), endAt: at(15), files: [] },
      { code: 'JNTVN444444444', symbology: 'Code39', startAt: at(17), endAt: at(21), files: [] },
      { code: 'GHN11111111111', symbology: 'QRCode', startAt: at(24), endAt: at(27), files: [] },
    ];
    // Act
    const { records } = await analyse([file], '+07:00');
    // Assess
    expect(records.map((r) => r.trackingCodes)).toEqual([['GHN11111111111', 'SPXVN222222222'], ['LZDVN333333333'], ['JNTVN444444444'], ['GHN11111111111']]);
    expect(compareWithTruth(records, orders)).toEqual([]);
    const symbologies = new Set(records.flatMap((r) => r.detections.map((d) => d.symbology)));
    expect([...symbologies].sort()).toEqual(['Code39', 'DataMatrix', 'PDF417', 'QRCode']);
    // Boxes are in source pixels, whichever pass read them: 2D codes are read on a
    // copy of the frame at half its width, 1D codes on every other row.
    const boxes = (code: string) => records.flatMap((r) => r.detections.filter((d) => d.code === code).map((d) => d.bbox));
    // QR drawn at x 100 ± 8 (first visit), DataMatrix at x 800 ± 8; read at half width, unmapped they would be ~66 and ~412.
    for (const box of boxes('GHN11111111111').slice(0, 10)) expect(box.x).toBeGreaterThanOrEqual(100 - 8);
    for (const box of boxes('GHN11111111111').slice(0, 10)) expect(box.x + box.width).toBeLessThan(100 + 8 + 250);
    for (const box of boxes('SPXVN222222222')) expect(box.x).toBeGreaterThanOrEqual(800 - 8);
    // Code39 label drawn at y 250: its bars start a little below (measured 264); rows halved would say ~132.
    for (const box of boxes('JNTVN444444444')) expect(box.y).toBeGreaterThanOrEqual(250);
    for (const box of boxes('JNTVN444444444')) expect(box.y).toBeLessThan(300);
  }, 120_000);

  it('reads footage whose pictures are RGB (no luma plane to take as it is)', async () => {
    // Prepare: the scene's first 10 s re-encoded as H.264 RGB (decodes to gbrp).
    const file = transcodedFixture('scene-rgb', sceneFile(), 'Cam3_20250718_100000.mp4', ['-t', '10', '-c:v', 'libx264rgb', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'bgr24']);
    expect((await ports.probe.probe(file)).pixelFormat).toBe('gbrp');
    // Act
    const { records } = await analyse([file], '+07:00');
    // Assess
    expect(records.map((r) => r.trackingCodes)).toEqual([['GHN11111111111', 'SPXVN222222222']]);
  }, 120_000);
});

