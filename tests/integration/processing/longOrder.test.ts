import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerBarcodeReader } from '../../../adapters/barcode/workerBarcodeReader';
import { zxingOptionsFor } from '../../../adapters/barcode/zxingBarcodeReader';
import { FfmpegClipCutter } from '../../../adapters/ffmpeg/ffmpegClipCutter';
import { FfmpegFrameSource } from '../../../adapters/ffmpeg/ffmpegFrameSource';
import { FfmpegProbe } from '../../../adapters/ffmpeg/ffmpegProbe';
import { locateFfmpeg } from '../../../adapters/ffmpeg/locateFfmpeg';
import type { ParcelEvent } from '../../../core/events/parcelEvent';
import type { ClipPart } from '../../../core/ports/clipCutter';
import type { CameraWork } from '../../../core/ports/processingManifestStore';
import type { SourceRepository } from '../../../core/ports/sourceRepository';
import { planProcessing } from '../../../core/processing/cloud/planProcessing';
import { processCameraStep, type ProcessCameraDeps } from '../../../core/processing/cloud/processCameraStep';
import type { EventRecord } from '../../../core/processing/events/toEventRecord';
import { defaultSamplingOptions } from '../../../core/processing/pipeline/defaultSamplingOptions';
import { processRecordings, type NeighbourFile, type ProcessingPorts } from '../../../core/processing/pipeline/processRecordings';
import { defaultReaderSettings } from '../../../core/processing/pipeline/readerSettings';
import { createTrackingCodeMatcher } from '../../../core/processing/trackingCodes/createTrackingCodeMatcher';
import { defaultTrackingCodePatterns } from '../../../core/processing/trackingCodes/defaultTrackingCodePatterns';
import type { ProcessingEvent } from '../../../core/processing/types/processingEvent';
import { processingSettingsSchema } from '../../../core/sources/processingSettings';
import type { Source } from '../../../core/sources/source';
import type { TrackedFile } from '../../../core/sync/trackedFile';
import { parseTimeZone } from '../../../core/time/timeZone';
import { CameraHistory } from '../../../edge-agent/processing/cameraHistory';
import { SiteProcessor } from '../../../edge-agent/processing/siteProcessor';
import { MemoryEventRepository } from '../../fakes/memoryEventRepository';
import { MemoryFileProcessingRepository } from '../../fakes/memoryFileProcessingRepository';
import { MemoryTrackedFileRepository } from '../../fakes/memoryTrackedFileRepository';
import { sceneFixture, segmentFiles } from './helpers/makeFixtures';
import { tmpRoot } from './helpers/paths';

/**
 * A camera that cuts 6 s segment files while one parcel takes 18 s to pack:
 * the order is in view from 9 s to 27 s of 36 s of footage, across the second
 * to the fifth file, its clip (2 s either side) 1 s inside them. Two short
 * orders sit in the first and last files, their clips inside their own files,
 * 6 s (more than the gap tolerance) from it. Times are seconds from the first
 * file's start (09:30:00 at +07:00). Short files keep the footage short: every
 * test here reads it several times.
 */
const LONG = 'GHN12345678901';
const SHORT_FIRST = 'SPXVN100000001';
const SHORT_LAST = 'SPXVN100000003';
const SEGMENT_SEC = 6;
const FOOTAGE_SEC = 36;
const truth = [
  { code: SHORT_FIRST, start: 1, end: 3 },
  { code: LONG, start: 9, end: 27 },
  { code: SHORT_LAST, start: 33, end: 35 },
] as const;
const LONG_END = truth[1].end;
const FIRST_START_MS = Date.parse('2025-07-18T02:30:00.000Z');
const at = (ms: number): number => (ms - FIRST_START_MS) / 1000;

export function longOrderFootage(): NeighbourFile[] {
  const scene = sceneFixture(
    'long-order-scene',
    'scene.mp4',
    FOOTAGE_SEC,
    truth.map((order, i) => ({ code: order.code, zint: 58, start: order.start, end: order.end, x: 300 + 200 * i, y: 200 })),
  );
  return segmentFiles('long-order-segments', scene, FOOTAGE_SEC, SEGMENT_SEC, 'Cam1', '20250718_093000').map((path) => ({ path, name: basename(path) }));
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
    expect(Math.abs(at(long[0]!.event.endMs) - LONG_END)).toBeLessThan(1);
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

type Tools = Awaited<ReturnType<typeof locateFfmpeg>>;
type Reader = Awaited<ReturnType<typeof WorkerBarcodeReader.create>>;

const T = 'ten_long';
const S = 'src_long';

/**
 * Cloud processing of the same six files, one file a step (as a backlog or a
 * step out of time runs): the first three arrive, then the rest. The order is
 * one event from the first sync on, rebuilt with the same id when the later
 * files arrive — never split, never duplicated — with its clip cut from the four
 * files.
 */
describe('cloud processing of an order across four short files', () => {
  let reader: Reader;
  let tools: Tools;
  let footage: NeighbourFile[];

  beforeAll(async () => {
    footage = longOrderFootage();
    tools = await locateFfmpeg({ searchPath: process.env['PATH'] });
    reader = await WorkerBarcodeReader.create(zxingOptionsFor(defaultReaderSettings));
  }, 600_000);

  afterAll(async () => {
    await reader?.close();
  });

  it('a later-arriving neighbour rebuilds the order as one event with the same id, to its real end, with a clip from the four files', { timeout: 1_200_000 }, async () => {
    // Prepare
    const files = new MemoryTrackedFileRepository();
    const store = async (file: NeighbourFile, i: number): Promise<void> => {
      await files.upsert({
        tenantId: T, sourceId: S, providerFileId: `f${i}`, name: file.name, relativePath: file.name, cameraId: 'cam1', mimeType: 'video/mp4', size: 1, md5: `md5-${i}`, revision: `rev-${i}`,
        modifiedTime: null, recordingStartAt: new Date(FIRST_START_MS + i * SEGMENT_SEC * 1000).toISOString(), s3Key: file.path, status: 'done', attempts: 0, lastError: null, reason: null,
        bytesTransferred: 1, checkpoint: null, runId: null, createdAt: 'x', updatedAt: 'x',
      } satisfies TrackedFile);
    };
    const processing = processingSettingsSchema.parse({ enabled: true });
    const source = { tenantId: T, id: S, type: 'google_drive', config: { folderIds: ['f'], mapping: { layout: 'flat', timeZone: '+07:00', renames: {}, excluded: [] }, processing } } as unknown as Source;
    const manifests = new Map<string, CameraWork>();
    const cut: { key: string; parts: readonly ClipPart[] }[] = [];
    const probe = new FfmpegProbe(tools);
    const deps: ProcessCameraDeps = {
      // Only `get` is used by processing.
      sources: { get: async () => source } as unknown as SourceRepository,
      files,
      records: new MemoryFileProcessingRepository(),
      manifests: {
        write: async (_t, _s, runId, work) => work.map((camera) => { manifests.set(`${runId}/${camera.cameraId}`, camera); return `${runId}/${camera.cameraId}`; }),
        read: async (key) => manifests.get(key)!,
      },
      events: new MemoryEventRepository(),
      // ffmpeg reads the file directly here, as it reads a presigned URL in the cloud.
      urls: { readUrl: async (key) => key },
      clips: { store: async (request) => { cut.push(request); return { bytes: 1, leadSec: 0 }; }, remove: async () => undefined },
      processing: { probe, frameSource: new FfmpegFrameSource(tools, { probe }), reader },
      clock: { now: () => new Date('2025-07-18T03:00:00.000Z') },
      progress: { planned: async () => undefined, add: async () => undefined },
    };
    const sync = async (runId: string): Promise<ParcelEvent[]> => {
      const plan = await planProcessing(deps, { tenantId: T, sourceId: S, runId });
      for (const camera of plan.cameras) {
        let offset = 0;
        for (let steps = 0; steps < 20; steps += 1) {
          const result = await processCameraStep(deps, { tenantId: T, sourceId: S, runId, manifestKey: camera.manifestKey, offset }, { maxFiles: 1, maxBytes: 1e9, urlTtlSec: 600 });
          offset = result.offset;
          if (!result.remaining) break;
        }
      }
      return [...(await deps.events.listByCamera({ tenantId: T, sourceId: S, cameraId: 'cam1', from: '2025-07-18T00:00:00.000Z', to: '2025-07-19T00:00:00.000Z' }, 1000))];
    };
    const longOf = (events: readonly ParcelEvent[]) => events.filter((e) => e.trackingCodes.includes(LONG));
    const sec = (iso: string): number => at(Date.parse(iso));

    // Act
    for (const [i, file] of footage.slice(0, 3).entries()) await store(file, i);
    const early = await sync('run-1');
    for (const [i, file] of footage.entries()) if (i >= 3) await store(file, i);
    const late = await sync('run-2');

    // Assess
    expect(longOf(early), 'one event, as far as the footage so far goes').toHaveLength(1);
    const long = longOf(late);
    expect(long).toHaveLength(1);
    expect(long[0]!.id, 'the same order, rebuilt').toBe(longOf(early)[0]!.id);
    expect(Math.abs(sec(long[0]!.start) - truth[1].start)).toBeLessThan(1);
    expect(Math.abs(sec(long[0]!.end) - LONG_END)).toBeLessThan(1);
    expect(long[0]!.files.map((f) => f.name)).toEqual(footage.slice(1, 5).map((f) => f.name));
    expect(cut.filter((c) => c.key.endsWith(`${long[0]!.id}.mp4`)).at(-1)?.parts.map((p) => basename(p.path))).toEqual(footage.slice(1, 5).map((f) => f.name));
    const codes = late.flatMap((e) => e.trackingCodes).sort();
    expect(codes).toEqual([LONG, SHORT_FIRST, SHORT_LAST].sort());
  });
});

/**
 * The edge agent processing the six files as they settle, one by one: the
 * order is written as one event (the same id each time a file adds to it),
 * never a second one starting at a later file; the earlier files' kept reads
 * stand in for decoding them again.
 */
describe('the agent processing an order across four short files', () => {
  let reader: Reader;
  let work: string;
  let footage: NeighbourFile[];

  beforeAll(async () => {
    footage = longOrderFootage();
    work = await mkdtemp(join(tmpdir(), 'vtrack-long-order-'));
    for (const file of footage) await copyFile(file.path, join(work, file.name));
    reader = await WorkerBarcodeReader.create(zxingOptionsFor(defaultReaderSettings));
  }, 600_000);

  afterAll(async () => {
    await reader?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('writes the order once, to its real end, with its clip from the four files, decoding no earlier file again', { timeout: 1_200_000 }, async () => {
    // Prepare
    const tools = await locateFfmpeg({ searchPath: process.env['PATH'] });
    const probe = new FfmpegProbe(tools);
    const processor = new SiteProcessor({
      ports: { probe, frameSource: new FfmpegFrameSource(tools, { probe }), reader, clipCutter: new FfmpegClipCutter(tools, { probe }) },
      history: await CameraHistory.open(join(work, 'state')),
      outboxDir: join(work, 'outbox'),
      matcher: createTrackingCodeMatcher(defaultTrackingCodePatterns),
      sampling: defaultSamplingOptions,
    });

    // Act
    const results: Awaited<ReturnType<SiteProcessor['process']>>[] = [];
    for (const file of footage) results.push(await processor.process({ sourceId: 'src-1', cameraId: 'cam1', timeZone: '+07:00', file: { absolutePath: join(work, file.name), name: file.name, fingerprint: file.name } }));

    // Assess
    expect(results.slice(1).map((r) => r.neighbourSec), 'the earlier files\' kept reads stand in for decoding them').toEqual([0, 0, 0, 0, 0]);
    const outbox = join(work, 'outbox', 'src-1');
    const records = await Promise.all((await readdir(outbox)).filter((name) => name.endsWith('.json')).map(async (name) => JSON.parse(await readFile(join(outbox, name), 'utf8')) as EventRecord));
    const long = records.filter((record) => record.trackingCodes.includes(LONG));
    expect(long).toHaveLength(1);
    expect(Math.abs(at(Date.parse(long[0]!.start)) - truth[1].start)).toBeLessThan(1);
    expect(Math.abs(at(Date.parse(long[0]!.end)) - LONG_END)).toBeLessThan(1);
    expect(long[0]!.files.map((f) => f.name)).toEqual(footage.slice(1, 5).map((f) => f.name));
    const clip = await probe.probe(join(outbox, long[0]!.clip!));
    expect(Math.abs(clip.durationSec - (Date.parse(long[0]!.clipEnd) - Date.parse(long[0]!.clipStart)) / 1000)).toBeLessThan(1);
    expect(records.flatMap((record) => record.trackingCodes).sort()).toEqual([LONG, SHORT_FIRST, SHORT_LAST].sort());
  });
});
