import type { BarcodeReader } from '../../ports/barcodeReader';
import type { ClipCutter, ClipResult } from '../../ports/clipCutter';
import type { FrameSamplingOptions, FrameSource } from '../../ports/frameSource';
import type { MediaProbe } from '../../ports/mediaProbe';
import type { TimeZone } from '../../time/timeZone';
import type { TrackingCodeMatcher } from '../trackingCodes/createTrackingCodeMatcher';
import type { Detection } from '../types/detection';
import type { ProcessingEvent } from '../types/processingEvent';
import type { Segment } from '../types/segment';
import type { EventBuilderOptions } from '../events/eventBuilderOptions';
import { buildEvents } from '../events/buildEvents';
import { detectCodes } from './detectCodes';
import { planSegments, type FileFailure, type RecordingFile } from './planSegments';

export interface ProcessingPorts {
  readonly probe: MediaProbe;
  readonly frameSource: FrameSource;
  readonly reader: BarcodeReader;
  /** Leave out to only find events. */
  readonly clipCutter?: ClipCutter;
}

export interface ProcessRecordingsInput {
  readonly files: readonly RecordingFile[];
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
  readonly stats: { readonly framesAnalysed: number; readonly detections: number; readonly rejectedReads: number; readonly footageSec: number };
}

/**
 * The whole processing run the CLI, the edge agent and the cloud task share:
 * place files on the time line, find codes in each, build events across all of
 * them (so an order spanning two files is one event), then cut one clip per event.
 * A broken file is reported in `failures` and the rest still produce events.
 */
export async function processRecordings(ports: ProcessingPorts, input: ProcessRecordingsInput): Promise<ProcessRecordingsResult> {
  const planned = await planSegments({ files: input.files, probe: ports.probe, timeZone: input.timeZone, camera: input.camera, ...(input.signal ? { signal: input.signal } : {}) });
  const failures = [...planned.failures];
  const totalSec = planned.segments.reduce((sum, s) => sum + s.durationSec, 0);
  const analysed: Segment[] = [];
  const detections: Detection[] = [];
  let framesAnalysed = 0;
  let rejectedReads = 0;
  let doneSec = 0;
  for (const segment of planned.segments) {
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
      framesAnalysed += result.framesAnalysed;
      rejectedReads += result.rejectedReads;
    } catch (error) {
      if (input.signal?.aborted) throw error;
      failures.push({ file: segment.name, error: error instanceof Error ? error : new Error(String(error)) });
    }
    doneSec += segment.durationSec;
  }
  const events = buildEvents({ segments: analysed, detections, ...(input.eventOptions ? { options: input.eventOptions } : {}) });
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
    stats: { framesAnalysed, detections: detections.length, rejectedReads, footageSec: analysed.reduce((s, x) => s + x.durationSec, 0) },
  };
}
