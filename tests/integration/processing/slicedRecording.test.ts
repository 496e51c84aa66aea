import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerBarcodeReader } from '../../../adapters/barcode/workerBarcodeReader';
import { zxingOptionsFor } from '../../../adapters/barcode/zxingBarcodeReader';
import { FfmpegFrameSource } from '../../../adapters/ffmpeg/ffmpegFrameSource';
import { FfmpegProbe } from '../../../adapters/ffmpeg/ffmpegProbe';
import { locateFfmpeg } from '../../../adapters/ffmpeg/locateFfmpeg';
import type { ParcelEvent } from '../../../core/events/parcelEvent';
import type { ClipStore } from '../../../core/ports/clipStore';
import type { CameraWork } from '../../../core/ports/processingManifestStore';
import type { SourceRepository } from '../../../core/ports/sourceRepository';
import { processCameraStep, type ProcessCameraDeps, type ProcessCameraLimits, type ProcessCameraRequest } from '../../../core/processing/cloud/processCameraStep';
import { defaultReaderSettings } from '../../../core/processing/pipeline/readerSettings';
import { processingSettingsSchema } from '../../../core/sources/processingSettings';
import type { Source } from '../../../core/sources/source';
import type { TrackedFile } from '../../../core/sync/trackedFile';
import { MemoryEventRepository } from '../../fakes/memoryEventRepository';
import { MemoryFileProcessingRepository } from '../../fakes/memoryFileProcessingRepository';
import { MemoryTrackedFileRepository } from '../../fakes/memoryTrackedFileRepository';
import { sharedFixtures } from './helpers/paths';
import { readTruth } from './helpers/truth';

const T = 'ten_slices';
const S = 'src_slices';
const NAME = 'Cam1_20250718_093000.mp4';
/**
 * The shared sample's first file: 90 s with 9 known orders, the last one cut off
 * by the file's end. Ready-made, so nothing is generated (a generated 2-minute
 * video cost more CPU than reading it twice).
 */
const video = join(sharedFixtures, NAME);
const DURATION_SEC = 90;
/** Slices of 16 s put boundaries at 16, 32 and 64 s, inside three of its orders (and at 48 and 80 s, between orders). */
const SLICE_SEC = 16;

type Reader = Awaited<ReturnType<typeof WorkerBarcodeReader.create>>;

/**
 * A recording too long for one step (here: longer than a 16 s slice setting)
 * is processed one time slice a step, with real ffmpeg and the real reader: the
 * same orders, with the same deterministic ids, as reading it whole; an order
 * across a slice boundary is one event; the file is recorded once, at the end.
 */
describe('a long recording processed in time slices', () => {
  let reader: Reader;
  let tools: Awaited<ReturnType<typeof locateFfmpeg>>;

  beforeAll(async () => {
    tools = await locateFfmpeg({ searchPath: process.env['PATH'] });
    reader = await WorkerBarcodeReader.create(zxingOptionsFor(defaultReaderSettings));
  }, 600_000);

  afterAll(async () => {
    await reader?.close();
  });

  async function world() {
    const files = new MemoryTrackedFileRepository();
    const file: TrackedFile = {
      tenantId: T, sourceId: S, providerFileId: 'long', name: NAME, relativePath: NAME, cameraId: 'cam1', mimeType: 'video/mp4', size: 1, md5: 'md5', revision: 'rev',
      modifiedTime: null, recordingStartAt: null, s3Key: `${T}/${S}/cam1/${NAME}`, status: 'done', attempts: 0, lastError: null, reason: null, bytesTransferred: 1,
      checkpoint: null, runId: null, createdAt: 'x', updatedAt: 'x',
    };
    await files.upsert(file);
    const processing = processingSettingsSchema.parse({ enabled: true, maxPackingSec: 12, preBufferSec: 1, postBufferSec: 1 });
    const source = { tenantId: T, id: S, type: 'google_drive', config: { folderIds: ['f'], mapping: { layout: 'flat', timeZone: '+07:00', renames: {}, excluded: [] }, processing } } as unknown as Source;
    const work: CameraWork = { cameraId: 'cam1', files: [{ providerFileId: 'long', todo: true }] };
    const probe = new FfmpegProbe(tools);
    const progress: { processed: number; unprocessable: number; events: number }[] = [];
    const deps: ProcessCameraDeps = {
      // Only `get` is used by a processing step.
      sources: { get: async () => source } as unknown as SourceRepository,
      files,
      records: new MemoryFileProcessingRepository(),
      manifests: { write: async () => [], read: async () => work },
      events: new MemoryEventRepository(),
      // ffmpeg reads the file directly here, as it reads a presigned URL in the cloud.
      urls: { readUrl: async () => video },
      clips: { store: async () => ({ bytes: 1, leadSec: 0 }), remove: async () => undefined } satisfies ClipStore,
      processing: { probe, frameSource: new FfmpegFrameSource(tools, { probe }), reader },
      clock: { now: () => new Date('2025-07-18T03:00:00.000Z') },
      progress: { planned: async () => undefined, add: async (_run, delta) => void progress.push(delta) },
    };
    return { deps, progress };
  }

  /** Runs the camera's steps as the state machine does: the output of one is the input of the next. */
  async function runAll(deps: ProcessCameraDeps, limits: ProcessCameraLimits): Promise<{ steps: number; events: ParcelEvent[] }> {
    let request: ProcessCameraRequest = { tenantId: T, sourceId: S, runId: 'run-1', manifestKey: 'k', offset: 0 };
    let steps = 0;
    for (;;) {
      const result = await processCameraStep(deps, request, limits);
      steps += 1;
      if (!result.remaining || steps > 20) break;
      request = { ...request, offset: result.offset, sliceFromSec: result.sliceFromSec ?? 0, sliceEvents: result.sliceEvents ?? 0 };
    }
    const events = await deps.events.listByCamera({ tenantId: T, sourceId: S, cameraId: 'cam1', from: '2025-07-18T00:00:00.000Z', to: '2025-07-19T00:00:00.000Z' }, 1000);
    return { steps, events: [...events] };
  }

  it('finds every order once, with the ids a whole read gives, and records the file once after its last slice', { timeout: 900_000 }, async () => {
    // Prepare
    const orders = readTruth(join(sharedFixtures, 'Cam1_20250718_093000.truth.json')).orders.filter((o) => o.files.includes(NAME));
    const whole = await world();
    const sliced = await world();
    const limits = { maxFiles: 12, maxBytes: 1e9, urlTtlSec: 600 };

    // Act
    const read = await runAll(whole.deps, limits);
    const inSlices = await runAll(sliced.deps, { ...limits, maxSliceSec: SLICE_SEC });

    // Assess
    expect(read.steps).toBe(1);
    expect(inSlices.steps).toBe(Math.ceil(DURATION_SEC / SLICE_SEC));
    const shape = (events: readonly ParcelEvent[]) => events.map((e) => ({ id: e.id, codes: e.trackingCodes, start: e.start, end: e.end }));
    expect(shape(inSlices.events)).toEqual(shape(read.events));
    const codes = inSlices.events.flatMap((e) => e.trackingCodes);
    expect(new Set(codes).size).toBe(codes.length);
    // The three orders across a boundary (16, 32 and 64 s) are found once each.
    const startMs = Date.parse('2025-07-18T09:30:00+07:00');
    const sec = (iso: string): number => (Date.parse(iso) - startMs) / 1000;
    const across = orders.filter((o) => [16, 32, 48, 64, 80].some((b) => sec(o.startAt) < b && sec(o.endAt) > b));
    expect(across).toHaveLength(3);
    for (const order of across) expect(codes, order.code).toContain(order.code);
    // Reading accuracy is the reader's business (a label may go unread in both reads alike); none is made up.
    for (const code of codes) expect(orders.map((o) => o.code)).toContain(code);
    expect(codes.length).toBeGreaterThanOrEqual(Math.floor(orders.length * 0.9));
    expect(await sliced.deps.records.listBySource(T, S)).toEqual([expect.objectContaining({ providerFileId: 'long', state: 'processed', events: inSlices.events.length })]);
    expect(sliced.progress.reduce((sum, p) => sum + p.processed, 0)).toBe(1);
    expect(sliced.progress.reduce((sum, p) => sum + p.events, 0)).toBe(inSlices.events.length);
  });
});
