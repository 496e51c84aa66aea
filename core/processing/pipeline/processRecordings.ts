import type { BarcodeReader } from '../../ports/barcodeReader';
import type { ClipCutter, ClipResult } from '../../ports/clipCutter';
import type { FrameSamplingOptions, FrameSource } from '../../ports/frameSource';
import type { MediaProbe } from '../../ports/mediaProbe';
import type { TimeZone } from '../../time/timeZone';
import type { TrackingCodeMatcher } from '../trackingCodes/createTrackingCodeMatcher';
import type { Detection } from '../types/detection';
import type { ProcessingEvent } from '../types/processingEvent';
import type { Segment } from '../types/segment';
import { resolveEventBuilderOptions, type EventBuilderOptions } from '../events/eventBuilderOptions';
import { buildEvents } from '../events/buildEvents';
import { tailCut } from '../events/neighbourWindow';
import { detectCodes } from './detectCodes';
import { planSegments, type FileFailure, type RecordingFile } from './planSegments';
import type { KnownTail, NeighbourReading } from './readNeighbour';
import { readNeighbourChains, type NeighbourFile } from './readNeighbourChains';

export type { NeighbourFile } from './readNeighbourChains';

export interface ProcessingPorts {
  readonly probe: MediaProbe;
  readonly frameSource: FrameSource;
  readonly reader: BarcodeReader;
  /** Leave out to only find events. */
  readonly clipCutter?: ClipCutter;
}

export interface ProcessRecordingsInput {
  readonly files: readonly RecordingFile[];
  /**
   * The camera's stored files next to `files`, before and after them, each read
   * only as far as an order across the boundary needs (readNeighbourChains.ts);
   * pass every file within the longest order's reach (orderReachSec) and one
   * more. A neighbour that cannot be read is reported in `failures`.
   */
  readonly neighbours?: readonly NeighbourFile[];
  readonly timeZone: TimeZone;
  readonly camera?: string | undefined;
  readonly matcher: TrackingCodeMatcher;
  readonly sampling: FrameSamplingOptions;
  readonly eventOptions?: Partial<EventBuilderOptions>;
  readonly clips?: { readonly mode: 'copy' | 'accurate'; readonly outPathFor: (event: ProcessingEvent) => string };
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ProcessingProgress) => void;
}

export type ProcessingProgress =
  | { readonly phase: 'analyse'; readonly doneSec: number; readonly totalSec: number; readonly file: string }
  | { readonly phase: 'cut'; readonly done: number; readonly total: number };

export interface ProcessedEvent {
  readonly event: ProcessingEvent;
  readonly clip?: ClipResult;
}

export interface ProcessRecordingsResult {
  readonly segments: readonly Segment[];
  readonly events: readonly ProcessedEvent[];
  readonly failures: readonly FileFailure[];
  /**
   * With neighbours: the orders starting in this stretch are all in `events`,
   * read in full (epoch ms, `toMs` exclusive); orders of the neighbours outside
   * it were left out. Without: the whole time line.
   */
  readonly complete: { readonly fromMs: number; readonly toMs: number };
  /** The last file's reads after its quiet moment near the end (all of them when it has none), for the next file of the camera; absent when it was read in part or has too many. */
  readonly tail?: KnownTail;
  readonly stats: {
    readonly framesAnalysed: number;
    readonly detections: number;
    readonly rejectedReads: number;
    readonly footageSec: number;
    /** Seconds of neighbour footage decoded. */
    readonly neighbourSec: number;
  };
}

/** Reads kept for the next file at most (about 150 bytes each); a longer tail is decoded again instead. */
const MAX_KEPT_READS = 5000;

/**
 * The whole processing run the CLI, the edge agent and the cloud task share:
 * place files on the time line, find codes in each, build events across all of
 * them (so an order spanning two files is one event), then cut one clip per event.
 * A broken file is reported in `failures` and the rest still produce events.
 * Neighbours are read only near the boundary, file after file outwards while an
 * order runs on through them (readNeighbourChains.ts).
 */
export async function processRecordings(ports: ProcessingPorts, input: ProcessRecordingsInput): Promise<ProcessRecordingsResult> {
  const neighbourFiles = input.neighbours ?? [];
  const planned = await planSegments({ files: input.files, probe: ports.probe, timeZone: input.timeZone, camera: input.camera, ...(input.signal ? { signal: input.signal } : {}) });
  const failures = [...planned.failures];
  const own = planned.segments;
  const totalSec = own.reduce((sum, s) => sum + s.durationSec, 0);
  const analysed: Segment[] = [];
  const detections: Detection[] = [];
  let framesAnalysed = 0;
  let rejectedReads = 0;
  let doneSec = 0;
  let tail: KnownTail | undefined;
  const rules = resolveEventBuilderOptions(input.eventOptions);
  for (const segment of own) {
    try {
      const result = await detectCodes({
        segment,
        frameSource: ports.frameSource,
        reader: ports.reader,
        matcher: input.matcher,
        sampling: input.sampling,
        ...(input.signal ? { signal: input.signal } : {}),
        onFrame: (t) => input.onProgress?.({ phase: 'analyse', doneSec: doneSec + t, totalSec, file: segment.name }),
      });
      analysed.push(segment);
      detections.push(...result.detections);
      if (segment === own.at(-1) && segment.range === undefined) {
        // No quiet moment (a label in view throughout): every read is kept, as reading the file whole again would find them.
        const cutSec = tailCut(result.detections.map((d) => (d.atMs - segment.startMs) / 1000), { fromSec: 0, toSec: segment.durationSec }, segment.durationSec, rules) ?? 0;
        const reads = result.detections.filter((d) => d.atMs >= segment.startMs + cutSec * 1000);
        if (reads.length <= MAX_KEPT_READS) tail = { file: segment.name, cutSec, reads };
      }
      framesAnalysed += result.framesAnalysed;
      rejectedReads += result.rejectedReads;
    } catch (error) {
      if (input.signal?.aborted) throw error;
      failures.push({ file: segment.name, error: error instanceof Error ? error : new Error(String(error)) });
    }
    doneSec += segment.durationSec;
  }
  const complete = { fromMs: -Infinity, toMs: Infinity };
  let neighbourSec = 0;
  const take = (reading: NeighbourReading): void => {
    analysed.push(reading.segment);
    detections.push(...reading.detections);
    framesAnalysed += reading.framesAnalysed;
    rejectedReads += reading.rejectedReads;
    neighbourSec += reading.decodedSec;
  };
  if (own.length > 0 && neighbourFiles.length > 0) {
    const chains = await readNeighbourChains({ own, neighbours: neighbourFiles, ...ports, matcher: input.matcher, sampling: input.sampling, timeZone: input.timeZone, camera: input.camera, rules, ...(input.signal ? { signal: input.signal } : {}) });
    chains.readings.forEach(take);
    failures.push(...chains.failures);
    complete.fromMs = chains.fromMs;
    complete.toMs = chains.toMs;
  }
  analysed.sort((a, b) => a.camera.localeCompare(b.camera) || a.startMs - b.startMs);
  const built = buildEvents({ segments: analysed, detections, ...(input.eventOptions ? { options: input.eventOptions } : {}) });
  const events = built.filter((event) => event.startMs >= complete.fromMs && event.startMs < complete.toMs);
  const processed: ProcessedEvent[] = [];
  for (const [index, event] of events.entries()) {
    if (!ports.clipCutter || !input.clips || event.files.length === 0) {
      processed.push({ event });
      continue;
    }
    const clip = await ports.clipCutter.cut(
      { parts: event.files, outPath: input.clips.outPathFor(event), mode: input.clips.mode },
      input.signal,
    );
    processed.push({ event, clip });
    input.onProgress?.({ phase: 'cut', done: index + 1, total: events.length });
  }
  return {
    segments: analysed,
    events: processed,
    failures,
    complete,
    ...(tail === undefined ? {} : { tail }),
    stats: { framesAnalysed, detections: detections.length, rejectedReads, footageSec: own.filter((s) => analysed.includes(s)).reduce((sum, s) => sum + s.durationSec, 0) + neighbourSec, neighbourSec },
  };
}
