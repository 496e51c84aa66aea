import { NotFoundError } from '../../errors';
import type { ParcelEvent } from '../../events/parcelEvent';
import type { ClipStore, FootageUrls } from '../../ports/clipStore';
import type { CameraReadCounters } from '../../ports/cameraReadCounters';
import type { Clock } from '../../ports/clock';
import type { EventRepository } from '../../ports/eventRepository';
import { revisionTagOf, type FileProcessingRepository } from '../../ports/fileProcessingRepository';
import type { ProcessingManifestStore } from '../../ports/processingManifestStore';
import type { RunProcessingProgress } from '../../ports/runProcessingProgress';
import type { SourceRepository } from '../../ports/sourceRepository';
import type { TrackedFileRepository } from '../../ports/trackedFileRepository';
import { defaultCameraMapping } from '../../cameras/cameraMappingConfig';
import { processingSettingsOf, trackingCodePatternsOf } from '../../sources/processingSettings';
import type { TrackedFile } from '../../sync/trackedFile';
import { parseTimeZone } from '../../time/timeZone';
import { resolveEventBuilderOptions } from '../events/eventBuilderOptions';
import { defaultSamplingOptions } from '../pipeline/defaultSamplingOptions';
import { processRecordings, type ProcessingPorts } from '../pipeline/processRecordings';
import { createTrackingCodeMatcher } from '../trackingCodes/createTrackingCodeMatcher';
import { settleClipsOnlyFootage, type ClippedFootageDeps, type ClipsOnlyRecording } from '../../storage/clippedFootage';
import { clipKeyOf } from './clipKeyOf';
import { orderReachSec } from '../events/neighbourWindow';
import { planSlice, sliceOverlapSec, type Slice } from './planSlice';
import { eventCodes, toParcelEvent, type StoredFootage } from './toParcelEvent';

export interface ProcessCameraDeps {
  readonly sources: SourceRepository;
  readonly files: TrackedFileRepository;
  readonly records: FileProcessingRepository;
  readonly manifests: ProcessingManifestStore;
  readonly events: EventRepository;
  readonly urls: FootageUrls;
  readonly clips: ClipStore;
  /** Probe, frames and reader; clips are cut through `clips`. */
  readonly processing: Omit<ProcessingPorts, 'clipCutter'>;
  readonly clock: Clock;
  readonly progress: RunProcessingProgress;
  /** The camera's per-day read counters (camera health); absent: not counted. */
  readonly cameraReads?: CameraReadCounters;
  /** Tags and waits of `keep: clips_only` footage (core/storage/clippedFootage.ts); absent: footage is never set to expire here. */
  readonly clipsOnly?: ClippedFootageDeps;
}

export interface ProcessCameraRequest {
  readonly tenantId: string;
  readonly sourceId: string;
  readonly runId: string;
  readonly manifestKey: string;
  /** Manifest entries before this one are done. */
  readonly offset: number;
  /** Set while a long recording is read in time slices: where the next slice of the file at `offset` starts. */
  readonly sliceFromSec?: number;
  /** Events the earlier slices of that file stored (for its processing record). */
  readonly sliceEvents?: number;
}

export interface ProcessCameraLimits {
  /** Files to process in one step (neighbours not counted). */
  readonly maxFiles: number;
  /** Bytes of footage to process in one step; one file is always taken, however large. */
  readonly maxBytes: number;
  /** Life of the presigned URLs ffmpeg reads through: the step's remaining time and a margin. */
  readonly urlTtlSec: number;
  /** Epoch ms by which the step must stop reading (the Lambda's limit less a margin). */
  readonly deadlineMs?: number;
  /** A file longer than this (seconds of footage) is read in slices of this length, one a step. */
  readonly maxSliceSec?: number;
}

export interface ProcessCameraResult {
  readonly offset: number;
  /** The last step ran out of time with several files: take one file a step from here on. */
  readonly single?: boolean;
  readonly remaining: boolean;
  /** The file at `offset` goes on from here in the next step (a long recording in time slices). */
  readonly sliceFromSec?: number;
  readonly sliceEvents?: number;
  readonly processed: number;
  readonly unprocessable: number;
  readonly events: number;
}

/** Neighbour files listed on each side at most (10 s files reach 10 minutes; processRecordings reads only those an open order needs). */
const MAX_NEIGHBOURS = 120;

/**
 * One step of a camera's processing: the next run of files to process in the
 * manifest, with the stored files before and after as neighbours (only their
 * tail and head near the boundary are read, and further files only while an
 * order runs on through them), read by ffmpeg through presigned URLs; events whose start lies in the step's window replace
 * what is stored there (replaceWindow), with one clip cut per event; each file
 * is recorded as processed or unprocessable (with the reason) and the rest go on.
 *
 * The window runs from the first file's start (or, with neighbours before, from
 * the quiet moment in their tail that the boundary's orders start after, and at
 * least just after the start of the earliest neighbour read, so an order the neighbour continues
 * from an earlier file is left to the step that saw that file) to the next neighbour's
 * start (so orders starting in it are left to its own step) or past the last
 * file's end. An order that starts in the neighbour before and runs into the
 * first file is rebuilt whole: a file arriving later joins the two halves.
 */
export async function processCameraStep(deps: ProcessCameraDeps, request: ProcessCameraRequest, limits: ProcessCameraLimits): Promise<ProcessCameraResult> {
  const work = await deps.manifests.read(request.manifestKey);
  const start = work.files.findIndex((entry, i) => i >= request.offset && entry.todo);
  if (start === -1) return { offset: work.files.length, remaining: false, processed: 0, unprocessable: 0, events: 0 };
  const source = await deps.sources.get(request.tenantId, request.sourceId);
  if (source === null) throw new NotFoundError('source was deleted during the run', { context: { sourceId: request.sourceId } });
  const settings = processingSettingsOf(source.config);
  const mapping = ('mapping' in source.config ? source.config.mapping : undefined) ?? defaultCameraMapping;

  const ref = (providerFileId: string) => ({ tenantId: request.tenantId, sourceId: request.sourceId, providerFileId });
  const own: TrackedFile[] = [];
  const ownIndex: number[] = [];
  let end = start;
  let bytes = 0;
  const continuing = (request.sliceFromSec ?? 0) > 0;
  while (end < work.files.length && work.files[end]!.todo && own.length < (continuing ? 1 : limits.maxFiles) && (own.length === 0 || bytes < limits.maxBytes)) {
    const file = await deps.files.get(ref(work.files[end]!.providerFileId));
    end += 1;
    if (file === null || file.status !== 'done' || file.s3Key === null) continue;
    own.push(file);
    ownIndex.push(end - 1);
    bytes += file.size ?? 0;
  }
  const eventOptions = { minPackingSec: settings.minPackingSec, maxPackingSec: settings.maxPackingSec, preBufferSec: settings.preBufferSec, postBufferSec: settings.postBufferSec };
  const builder = resolveEventBuilderOptions(eventOptions);
  // A recording longer than a slice is read alone, one slice a step; files after it wait for their own step.
  let slice: Slice | null = null;
  if (limits.maxSliceSec !== undefined) {
    for (let i = 0; i < own.length; i += 1) {
      const info = await deps.processing.probe.probe(await deps.urls.readUrl(own[i]!.s3Key!, limits.urlTtlSec)).catch(() => null);
      if (info === null || info.durationSec <= limits.maxSliceSec) continue;
      if (i === 0) {
        slice = planSlice({ durationSec: info.durationSec, fromSec: request.sliceFromSec ?? 0, lengthSec: limits.maxSliceSec, overlapSec: sliceOverlapSec({ ...builder }) });
        end = ownIndex[0]! + 1;
        own.splice(1);
      } else {
        end = ownIndex[i]!;
        own.splice(i);
      }
      break;
    }
  }
  const neighbour = async (index: number): Promise<TrackedFile | null> => {
    const entry = work.files[index];
    if (entry === undefined) return null;
    const file = await deps.files.get(ref(entry.providerFileId));
    return file !== null && file.status === 'done' && file.s3Key !== null ? file : null;
  };
  const reachMs = orderReachSec(builder) * 1000;
  // The manifest's neighbours outwards from the step's files, nearest first, as far as the longest order can reach (processRecordings reads only what an open order needs).
  const chain = async (from: number, step: -1 | 1, anchorMs?: number): Promise<TrackedFile[]> => {
    const files: TrackedFile[] = [];
    let anchor = anchorMs;
    for (let index = from; files.length < MAX_NEIGHBOURS; index += step) {
      const file = await neighbour(index);
      if (file === null) break;
      files.push(file);
      const startMs = Date.parse(file.recordingStartAt ?? '');
      // After the step's files, reach counts from the first file after them (about where they end).
      anchor ??= startMs;
      if (!(step === -1 ? startMs > anchor - reachMs : startMs < anchor + reachMs)) break;
    }
    return files;
  };
  const ownStartMs = Date.parse(own[0]?.recordingStartAt ?? '');
  const befores = slice === null || slice.first ? await chain(start - 1, -1, ownStartMs) : [];
  const afters = slice === null || slice.last ? await chain(end, 1) : [];
  const before = befores[0] ?? null;
  const after = afters[0] ?? null;
  const result: { -readonly [K in keyof ProcessCameraResult]: ProcessCameraResult[K] } = { offset: end, remaining: work.files.slice(end).some((entry) => entry.todo), processed: 0, unprocessable: 0, events: 0 };
  if (own.length === 0) return result;

  const footage = new Map<string, StoredFootage & { file: TrackedFile }>();
  const located = async (file: TrackedFile, sliced: boolean): Promise<{ path: string; name: string; range?: { fromSec: number; toSec: number } }> => {
    const path = await deps.urls.readUrl(file.s3Key!, limits.urlTtlSec);
    footage.set(path, { providerFileId: file.providerFileId, s3Key: file.s3Key!, name: file.name, file });
    return { path, name: file.name, ...(slice === null || !sliced ? {} : { range: { fromSec: slice.readFromSec, toSec: slice.readToSec } }) };
  };
  const inputs = await Promise.all(own.map((file) => located(file, true)));
  // Neighbours are read only near the boundary: the tail of the ones before, the head of the ones after, each only while an order runs on through it (readNeighbourChains.ts).
  const neighbours = await Promise.all([...befores, ...afters].map((file) => located(file, false)));
  const outOfTime = new AbortController();
  const timer = limits.deadlineMs === undefined ? undefined : setTimeout(() => outOfTime.abort(new Error('out of time')), Math.max(0, limits.deadlineMs - deps.clock.now().getTime()));
  let processed: Awaited<ReturnType<typeof processRecordings>>;
  try {
    processed = await processRecordings(deps.processing, {
      signal: outOfTime.signal,
      files: inputs,
      neighbours,
      timeZone: parseTimeZone(mapping.timeZone),
      camera: work.cameraId,
      matcher: createTrackingCodeMatcher(trackingCodePatternsOf(settings)),
      sampling: { ...defaultSamplingOptions, ...(settings.roi === null ? {} : { region: settings.roi }) },
      eventOptions,
    });
  } catch (error) {
    if (!outOfTime.signal.aborted) throw error;
    return outOfTimeResult(deps, request, own, start, result);
  } finally {
    clearTimeout(timer);
  }

  const segmentOf = (file: TrackedFile | null) => (file === null ? undefined : processed.segments.find((s) => footage.get(s.path)?.file === file));
  const ownSegments = own.map(segmentOf).filter((s) => s !== undefined);
  const now = deps.clock.now().toISOString();
  const failureOf = (file: TrackedFile): string | null => {
    const failure = processed.failures.find((f) => f.file === file.name);
    return failure === undefined ? null : redactUrls(failure.error.message, footage);
  };
  const stored: ParcelEvent[] = [];
  if (ownSegments.length > 0) {
    const marginMs = (builder.gapToleranceSec + 1) * 1000;
    const first = ownSegments[0]!;
    const last = ownSegments.at(-1)!;
    // The earliest neighbour read before the step's files (an order longer than a file is read back through several).
    const prev = befores.map(segmentOf).filter((segment) => segment !== undefined).sort((a, b) => a.startMs - b.startMs)[0];
    const next = segmentOf(after);
    // Orders of the neighbour before its quiet moment near the boundary were not read in full: they stay as its own step stored them.
    let fromMs = prev === undefined ? first.startMs : Math.min(Math.max(prev.startMs + marginMs, processed.complete.fromMs), first.startMs);
    let toMs = next === undefined || next.startMs <= last.startMs ? last.startMs + last.durationSec * 1000 + 1000 : next.startMs;
    if (slice !== null && !slice.first) fromMs = first.startMs + slice.fromSec * 1000;
    if (slice !== null && !slice.last) toMs = first.startMs + slice.toSec * 1000;
    const kept = slice === null || slice.first ? null : await keptByEarlierSlice(deps, { tenantId: request.tenantId, sourceId: request.sourceId, cameraId: work.cameraId }, fromMs, builder);
    for (const { event } of processed.events) {
      const codes = eventCodes(event);
      if (codes === null || event.startMs < fromMs || event.startMs >= toMs || event.files.length === 0) continue;
      if (kept?.(codes, event.startMs)) continue;
      const draft = toParcelEvent({ tenantId: request.tenantId, sourceId: request.sourceId, cameraId: work.cameraId, event, codes, footageOf: (p) => footage.get(p)!, clip: { state: 'pending', s3Key: null, bytes: null, error: null }, clipLeadSec: 0, processedAt: now });
      const key = clipKeyOf(request.tenantId, request.sourceId, draft.id);
      let clip: ParcelEvent['clip'];
      let leadSec = 0;
      try {
        const cut = await deps.clips.store({ parts: event.files.map((p) => ({ path: p.path, fromSec: p.fromSec, toSec: p.toSec })), key, cameraId: work.cameraId });
        clip = { state: 'ready', s3Key: key, bytes: cut.bytes, error: null };
        leadSec = cut.leadSec;
      } catch (error) {
        clip = { state: 'failed', s3Key: null, bytes: null, error: redactUrls(error instanceof Error ? error.message : String(error), footage) };
      }
      stored.push(toParcelEvent({ tenantId: request.tenantId, sourceId: request.sourceId, cameraId: work.cameraId, event, codes, footageOf: (p) => footage.get(p)!, clip, clipLeadSec: leadSec, processedAt: now }));
    }
    const window = { tenantId: request.tenantId, sourceId: request.sourceId, cameraId: work.cameraId, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
    const removed = await deps.events.replaceWindow(window, stored);
    if (removed.length > 0) await deps.clips.remove(removed.map((id) => clipKeyOf(request.tenantId, request.sourceId, id)));
  }
  const unreadable = slice !== null && segmentOf(own[0]!) === undefined;
  if (slice !== null && !slice.last && !unreadable) {
    // More of this recording to read: the next step takes its next slice; the file is recorded after its last.
    const sliceEvents = (request.sliceEvents ?? 0) + stored.length;
    await deps.progress.add(request, { processed: 0, unprocessable: 0, events: stored.length });
    return { ...result, offset: start, remaining: true, sliceFromSec: slice.toSec, sliceEvents, events: stored.length };
  }
  for (const file of own) {
    const reason = segmentOf(file) === undefined ? (failureOf(file) ?? 'could not be read') : null;
    const events = stored.filter((event) => event.files[0]?.providerFileId === file.providerFileId).length + (slice === null ? 0 : (request.sliceEvents ?? 0));
    await deps.records.put({
      tenantId: request.tenantId,
      sourceId: request.sourceId,
      providerFileId: file.providerFileId,
      revisionTag: revisionTagOf(file),
      state: reason === null ? 'processed' : 'unprocessable',
      reason,
      events,
      runId: request.runId,
      at: now,
    });
    const segment = segmentOf(file);
    await deps.cameraReads?.record({
      tenantId: request.tenantId,
      sourceId: request.sourceId,
      cameraId: work.cameraId,
      agentId: null,
      unitId: file.providerFileId,
      day: new Date(segment?.startMs ?? (Date.parse(file.recordingStartAt ?? file.modifiedTime ?? '') || deps.clock.now().getTime())).toISOString().slice(0, 10),
      codes: events,
      failures: reason === null ? 0 : 1,
      footageSec: segment === undefined ? 0 : Math.round(segment.durationSec),
    });
    if (reason === null) result.processed += 1;
    else result.unprocessable += 1;
  }
  result.events = stored.length;
  if (deps.clipsOnly !== undefined && settings.keep === 'clips_only') {
    const afterSettled = after !== null && work.files[end]?.todo === false;
    await settleClipsOnlyFootage(deps.clipsOnly, { tenantId: request.tenantId, sourceId: request.sourceId }, await clipsOnlyRecordings(deps, ref, { before, own, read: (file) => segmentOf(file) !== undefined, afterSettled }));
  }
  await deps.progress.add(request, { processed: result.processed, unprocessable: result.unprocessable, events: result.events });
  return result;
}

/**
 * The recordings of a clips-only source this step settled: each one it read,
 * whose next is read too when it is not the step's last (or the last's next
 * neighbour was read before), and the recording before, whose next the step
 * just read, if processing read that one.
 */
async function clipsOnlyRecordings(
  deps: Pick<ProcessCameraDeps, 'records'>,
  ref: (providerFileId: string) => { tenantId: string; sourceId: string; providerFileId: string },
  step: { readonly before: TrackedFile | null; readonly own: readonly TrackedFile[]; readonly read: (file: TrackedFile) => boolean; readonly afterSettled: boolean },
): Promise<ClipsOnlyRecording[]> {
  const recordings: ClipsOnlyRecording[] = [];
  if (step.before !== null) {
    const record = await deps.records.get(ref(step.before.providerFileId));
    if (record?.state === 'processed' && record.revisionTag === revisionTagOf(step.before)) recordings.push({ providerFileId: step.before.providerFileId, s3Key: step.before.s3Key!, nextSettled: true });
  }
  step.own.forEach((file, i) => {
    // Unreadable footage is kept under the footage retention: no clip was cut from it.
    if (step.read(file)) recordings.push({ providerFileId: file.providerFileId, s3Key: file.s3Key!, nextSettled: i + 1 < step.own.length || step.afterSettled });
  });
  return recordings;
}

/**
 * The step ran out of time. Several files: nothing is written, and the camera
 * goes on one file a step from the same place. One file: it is longer than one
 * step can read, and is recorded unprocessable for this revision rather than
 * retried on every sync (reading a recording in time slices is planned).
 */
async function outOfTimeResult(
  deps: ProcessCameraDeps,
  request: ProcessCameraRequest,
  own: readonly TrackedFile[],
  start: number,
  result: ProcessCameraResult,
): Promise<ProcessCameraResult> {
  if (own.length > 1) return { ...result, offset: start, remaining: true, single: true };
  const file = own[0]!;
  await deps.records.put({
    tenantId: request.tenantId,
    sourceId: request.sourceId,
    providerFileId: file.providerFileId,
    revisionTag: revisionTagOf(file),
    state: 'unprocessable',
    reason: `${file.name} is longer than one processing step can read, even one slice of it at a time`,
    events: 0,
    runId: request.runId,
    at: deps.clock.now().toISOString(),
  });
  await deps.progress.add(request, { processed: 0, unprocessable: 1, events: 0 });
  return { ...result, unprocessable: 1 };
}

/**
 * For a slice after the first: the orders the slice before kept (starting in
 * the overlap before `fromMs`). An order of this slice with one of their codes
 * that touches one of them in time is that order seen again, not a new one:
 * a safety net in case both slices timed its start on either side of the boundary.
 */
async function keptByEarlierSlice(
  deps: ProcessCameraDeps,
  camera: { tenantId: string; sourceId: string; cameraId: string },
  fromMs: number,
  builder: { readonly maxPackingSec: number; readonly preBufferSec: number; readonly postBufferSec: number; readonly gapToleranceSec: number },
): Promise<(codes: readonly string[], startMs: number) => boolean> {
  const lookBackMs = sliceOverlapSec(builder) * 1000;
  const earlier = await deps.events.listByCamera({ ...camera, from: new Date(fromMs - lookBackMs).toISOString(), to: new Date(fromMs).toISOString() }, 1000);
  const toleranceMs = (builder.gapToleranceSec + 1) * 1000;
  return (codes, startMs) => earlier.some((event) => Date.parse(event.end) + toleranceMs >= startMs && event.trackingCodes.some((code) => codes.includes(code)));
}

/** Error texts name the file, never the presigned URL it was read through (the URL carries a signature). */
function redactUrls(message: string, footage: ReadonlyMap<string, { name: string }>): string {
  let text = message;
  for (const [url, { name }] of footage) text = text.split(url).join(name);
  return text.replace(/https?:\/\/\S+/g, '<url>');
}
