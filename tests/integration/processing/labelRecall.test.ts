import { beforeAll, describe, expect, it } from 'vitest';
import { FfmpegProbe } from '../../../adapters/ffmpeg/ffmpegProbe';
import { FfmpegFrameSource } from '../../../adapters/ffmpeg/ffmpegFrameSource';
import { locateFfmpeg } from '../../../adapters/ffmpeg/locateFfmpeg';
import type { FfmpegTools } from '../../../adapters/ffmpeg/ffmpegTools';
import { ZxingBarcodeReader, zxingOptionsFor } from '../../../adapters/barcode/zxingBarcodeReader';
import { processRecordings } from '../../../core/processing/pipeline/processRecordings';
import { defaultProcessingSettings, type ProcessingSettings } from '../../../core/processing/pipeline/processingSettings';
import { squeezedSamplingOptions } from '../../../core/processing/pipeline/defaultSamplingOptions';
import { createTrackingCodeMatcher } from '../../../core/processing/trackingCodes/createTrackingCodeMatcher';
import { defaultTrackingCodePatterns } from '../../../core/processing/trackingCodes/defaultTrackingCodePatterns';
import { parseTimeZone } from '../../../core/time/timeZone';
import { makeLabelFootage, type LabelFootage } from './helpers/makeLabelFootage';
import { libraryReads, recallTable, scoreLabelRecall, type RecallReport } from './helpers/labelRecall';

let tools: FfmpegTools;
let footage: LabelFootage;
let library: Map<string, number[]>;

async function pipelineReport(settings: ProcessingSettings): Promise<RecallReport> {
  const probe = new FfmpegProbe(tools);
  const reader = await ZxingBarcodeReader.create(zxingOptionsFor(settings.reader));
  const result = await processRecordings({ probe, frameSource: new FfmpegFrameSource(tools, { probe }), reader }, {
    files: [{ path: footage.path, name: footage.name }],
    timeZone: parseTimeZone('+07:00'),
    matcher: createTrackingCodeMatcher(defaultTrackingCodePatterns),
    sampling: settings.sampling,
  });
  return scoreLabelRecall(footage, result.segments[0]!.startMs, result.events.map(({ event }) => event), library);
}

describe('reading labels at any angle (generated photographic labels, real ffmpeg and zxing-wasm)', () => {
  beforeAll(async () => {
    tools = await locateFfmpeg({ searchPath: process.env.PATH });
    // 20 labels: QR and Code128 at 0/90/180/270 (±4°) and tilted 20–30°, two of each,
    // with glare, low contrast, JPEG, curved paper, perspective and blur.
    footage = makeLabelFootage('labels-any-angle', { seed: 12, perClass: 2 });
    library = await libraryReads(footage, tools);
  }, 240_000);

  it('finds at least 95 % of the labels zxing reads on the full frames, at every orientation, and invents none', async () => {
    // Act
    const report = await pipelineReport(defaultProcessingSettings);
    // Assess
    const read = report.scores.filter((s) => s.libraryRead).length;
    expect(read, 'the library must read most labels, or the set measures nothing').toBeGreaterThanOrEqual(12);
    expect(report.invented).toEqual([]);
    expect(report.recall, recallTable(report)).toBeGreaterThanOrEqual(0.95);
    // Every orientation the library reads a label at is read by the pipeline too.
    for (const row of report.rows) expect(row.foundOfLibrary, recallTable(report)).toBeGreaterThanOrEqual(row.library - (row.library > 2 ? 1 : 0));
  }, 120_000);

  it('shows what the former squeezed-rows default missed on the same footage', async () => {
    // Act
    const report = await pipelineReport({ sampling: squeezedSamplingOptions, reader: { ...defaultProcessingSettings.reader, search: 'rows', tryRotate: false } });
    // Assess: no invented code either, but sideways Code128 and small QR codes are lost.
    expect(report.invented).toEqual([]);
    expect(report.recall, recallTable(report)).toBeLessThan(0.95);
  }, 120_000);
});
