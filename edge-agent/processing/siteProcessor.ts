import { access, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { eventId } from '../../core/processing/events/eventId';
import { resolveEventBuilderOptions } from '../../core/processing/events/eventBuilderOptions';
import { orderReachSec } from '../../core/processing/events/neighbourWindow';
import { toEventRecord, type EventRecord } from '../../core/processing/events/toEventRecord';
import { processRecordings, type ProcessingPorts } from '../../core/processing/pipeline/processRecordings';
import { createTrackingCodeMatcher, type TrackingCodeMatcher } from '../../core/processing/trackingCodes/createTrackingCodeMatcher';
import { trackingCodePatternsOf, type ProcessingSettings } from '../../core/sources/processingSettings';
import type { FrameSamplingOptions } from '../../core/ports/frameSource';
import { parseTimeZone } from '../../core/time/timeZone';
import { writeFileDurably } from '../state/writeFileDurably';
import { clipVersionName, writeBatch, type BatchFile } from '../uploader/outboxBatch';
import { outboxLockFor } from '../uploader/outboxLock';
import type { CameraHistory, ProcessedFile } from './cameraHistory';
import { writeUnprocessableReport } from './unprocessableReport';

export interface ProcessFileJob {
  readonly sourceId: string;
  /** The camera's stable key (core/cameras/cameraKey): event ids and clip names stay the same after a rename. */
  readonly cameraId: string;
  /** The camera clock's zone (IANA or offset): file-name times are read in it. */
  readonly timeZone: string;
  readonly file: ProcessedFile;
}

export interface SiteProcessorOptions {
  readonly ports: ProcessingPorts;
  readonly history: CameraHistory;
  /** Events and clips wait here for the uploader: <outbox>/<sourceId>/<eventId>.json and <eventId>.v<stamp>.mp4 (clipVersionName), and one batch per run (or a report of a file that could not be read) in <outbox>/batches. */
  readonly outboxDir: string;
  readonly matcher: TrackingCodeMatcher;
  readonly sampling: FrameSamplingOptions;
}

export interface SiteProcessingResult {
  readonly events: readonly EventRecord[];
  /** When the processed file's recording began, ISO UTC (for a file that could not be read: from its name or modification time, as its report says; null when neither is known). */
  readonly recordedAt?: string | null;
  readonly failures: readonly { readonly file: string; readonly error: string }[];
  /** Seconds of the camera's previous file decoded again beside this one (0 when its tail reads were kept). */
  readonly neighbourSec?: number;
}

/**
 * Processes one settled file at the site with the same processRecordings() as
 * the CLI and the cloud. The camera's previous files are its neighbours (as
 * far back as the longest order reaches, cameraHistory.ts), so an order that
 * began in the previous file — or several files back, when it is longer than
 * they are — ends up as one event: their reads after their last quiet moment,
 * kept when they were processed, stand in for decoding them again (without them — another version's history, changed settings — its
 * tail is decoded back to a quiet moment, core/processing/events/neighbourWindow.ts); event ids are
 * deterministic (camera, start, first code), so that event replaces the
 * truncated one the previous file gave rather than adding a second. Only events
 * that reach into the new file are written and cut; the others were written
 * when their own file was processed.
 */
export class SiteProcessor {
  constructor(private readonly options: SiteProcessorOptions) {}

  /** `settings`: the source's processing settings (codes, packing times, buffers, region); the defaults when absent. */
  async process(job: ProcessFileJob, signal?: AbortSignal, settings?: ProcessingSettings): Promise<SiteProcessingResult> {
    const { ports, history, outboxDir } = this.options;
    const matcher = settings === undefined ? this.options.matcher : createTrackingCodeMatcher(trackingCodePatternsOf(settings));
    // The settings keep the region as fractions of the picture: `region`, turned into pixels once the size is known (not `roi`, which is pixels).
    const sampling = settings?.roi == null ? this.options.sampling : { ...this.options.sampling, region: settings.roi };
    const eventOptions =
      settings === undefined ? undefined : { minPackingSec: settings.minPackingSec, maxPackingSec: settings.maxPackingSec, preBufferSec: settings.preBufferSec, postBufferSec: settings.postBufferSec };
    const timeZone = parseTimeZone(job.timeZone);
    // The camera's earlier files, nearest last: an order longer than one file is read back through several (readNeighbourChains.ts).
    const earlier = (await Promise.all(history.recentOf(job.sourceId, job.cameraId).map(async (file) => (file.absolutePath !== job.file.absolutePath && (await exists(file.absolutePath)) ? [file] : [])))).flat();
    const previous = earlier.at(-1);
    // Their tail reads, kept when they were processed with the same settings: they are not decoded again.
    const settingsKey = JSON.stringify({ settings: settings ?? null, sampling });
    const neighbours = earlier.map((file) => ({ path: file.absolutePath, name: file.name, ...(file.tail !== undefined && file.tail.settingsKey === settingsKey ? { known: file.tail } : {}) }));
    const files = [{ path: job.file.absolutePath, name: job.file.name }];
    const result = await processRecordings(
      { ...ports, clipCutter: undefined },
      { files, neighbours, timeZone, camera: job.cameraId, matcher, sampling, ...(eventOptions ? { eventOptions } : {}), ...(signal ? { signal } : {}) },
    );

    const ownFailure = result.failures.find((failure) => failure.file === job.file.name);
    if (ownFailure !== undefined) {
      // The cloud hears of it, so the source's page shows it and its camera's health counts it.
      const recordedAt = await writeUnprocessableReport(outboxDir, job, ownFailure.error.message, timeZone);
      return { events: [], failures: [{ file: job.file.name, error: ownFailure.error.message }], recordedAt };
    }

    const folder = path.join(outboxDir, job.sourceId);
    await mkdir(folder, { recursive: true });
    const written: EventRecord[] = [];
    for (const { event } of result.events) {
      if (!event.files.some((part) => part.name === job.file.name)) continue;
      const id = eventId(event);
      // Each version of a clip has a file of its own: an earlier batch may be uploading the version this one replaces.
      const clipName = clipVersionName(id);
      const clip = ports.clipCutter === undefined ? undefined : await ports.clipCutter.cut({ parts: event.files, outPath: path.join(folder, clipName), mode: 'copy' }, signal);
      written.push(toEventRecord(event, clip === undefined ? undefined : { path: clipName, clipStartMs: event.clipStartMs - clip.leadSec * 1000 }));
    }
    const segment = result.segments.find((candidate) => candidate.name === job.file.name);
    // The files the events refer to (an order across several files names them all) and the previous one.
    const named = new Set(written.flatMap((record) => record.files.map((part) => part.name)));
    const referred = earlier.filter((file) => file === previous || named.has(file.name));
    const batchFiles = segment === undefined ? [] : await Promise.all([...referred, job.file].map(async (file) => batchFile(file, result.segments.find((candidate) => candidate.name === file.name)?.startMs ?? segment.startMs, timeZone.offsetMsAt(segment.startMs))));
    // The event files and the batch naming them are written in one turn of the outbox (outboxLock.ts says why).
    await outboxLockFor(outboxDir).run(async () => {
      for (const record of written) await writeFileDurably(path.join(folder, `${record.id}.json`), JSON.stringify(record));
      if (segment === undefined) return;
      const from = Math.min(segment.startMs, ...written.map((record) => Date.parse(record.start)));
      const to = Math.max(segment.startMs + Math.ceil(segment.durationSec * 1000), ...written.map((record) => Date.parse(record.start) + 1));
      const file = batchFiles[batchFiles.length - 1] as BatchFile;
      await writeBatch(outboxDir, { sourceId: job.sourceId, cameraId: job.cameraId, from: new Date(from).toISOString(), to: new Date(to).toISOString(), eventIds: written.map((record) => record.id), file, files: batchFiles }, Date.now());
    });
    const reachMs = orderReachSec(resolveEventBuilderOptions(eventOptions)) * 1000;
    await history.record(job.sourceId, job.cameraId, job.file, result.tail === undefined ? undefined : { ...result.tail, settingsKey }, segment === undefined ? undefined : { startMs: segment.startMs, reachMs });
    return { events: written, failures: [], neighbourSec: result.stats.neighbourSec, recordedAt: segment === undefined ? null : new Date(segment.startMs).toISOString() };
  }
}

async function batchFile(file: ProcessedFile, startMs: number, offsetMs: number): Promise<BatchFile> {
  const bytes = (await stat(file.absolutePath).catch(() => ({ size: 0 }))).size;
  return { absolutePath: file.absolutePath, name: file.name, fingerprint: file.fingerprint, day: new Date(startMs + offsetMs).toISOString().slice(0, 10), recordedAt: new Date(startMs).toISOString(), bytes };
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
