import { ValidationError } from '../../errors';
import type { Detection } from '../types/detection';
import type { Segment } from '../types/segment';
import type { ProcessingEvent } from '../types/processingEvent';
import { resolveEventBuilderOptions, type EventBuilderOptions } from './eventBuilderOptions';
import { groupVisits } from './groupVisits';
import { clusterVisits } from './clusterVisits';
import { continuousRange, planEventFiles, segmentEndMs, type Footage } from './planEventFiles';

export interface BuildEventsInput {
  /** Every analysed segment, of any cameras; detections name their segment in `file`. */
  readonly segments: readonly Segment[];
  readonly detections: readonly Detection[];
  readonly options?: Partial<EventBuilderOptions>;
}

/**
 * Detections → one event per packed order, per camera, ordered by camera then start.
 * Times are absolute, so an order that runs across two consecutive segment files is
 * one event whose `files` lists both slices.
 */
export function buildEvents(input: BuildEventsInput): ProcessingEvent[] {
  const options = resolveEventBuilderOptions(input.options);
  const cameraOf = new Map<string, string>();
  const byCamera = new Map<string, { segments: Segment[]; detections: Detection[] }>();
  for (const s of input.segments) {
    cameraOf.set(s.name, s.camera);
    const entry = byCamera.get(s.camera) ?? { segments: [], detections: [] };
    entry.segments.push(s);
    byCamera.set(s.camera, entry);
  }
  for (const d of input.detections) {
    const camera = cameraOf.get(d.file);
    if (camera === undefined) throw new ValidationError('detections', `detection names unknown segment ${d.file}`);
    byCamera.get(camera)!.detections.push(d);
  }
  const events: ProcessingEvent[] = [];
  for (const camera of [...byCamera.keys()].sort()) {
    const { segments, detections } = byCamera.get(camera)!;
    segments.sort((a, b) => a.startMs - b.startMs);
    events.push(...buildCameraEvents(camera, { segments, joinToleranceMs: options.gapToleranceSec * 1000 }, detections, options));
  }
  return events;
}

function buildCameraEvents(
  camera: string,
  footage: Footage,
  detections: readonly Detection[],
  options: EventBuilderOptions,
): ProcessingEvent[] {
  const visits = groupVisits(detections, options.gapToleranceSec * 1000).filter(
    (v) => v.detections.length >= options.minDetections,
  );
  const clusters = clusterVisits(visits, options.mergeOverlapSec * 1000);
  const lastFootageMs = Math.max(...footage.segments.map(segmentEndMs));
  const maxMs = options.maxPackingSec * 1000;
  const events: ProcessingEvent[] = [];
  clusters.forEach((cluster, index) => {
    const startMs = Math.min(...cluster.map((v) => v.firstMs));
    const lastSeenMs = Math.max(...cluster.map((v) => v.lastMs));
    const range = continuousRange(footage, startMs) ?? { startMs, endMs: lastFootageMs };
    let endMs = lastSeenMs;
    if (options.endAt === 'nextCode') {
      const next = clusters[index + 1];
      const nextStart = next ? Math.min(...next.map((v) => v.firstMs)) : range.endMs;
      endMs = Math.max(lastSeenMs, Math.min(nextStart, range.endMs));
    }
    const truncated = endMs - startMs > maxMs;
    if (truncated) endMs = startMs + maxMs;
    if (endMs - startMs < options.minPackingSec * 1000) return;
    const clipStartMs = Math.max(startMs - options.preBufferSec * 1000, range.startMs);
    const clipEndMs = Math.min(endMs + options.postBufferSec * 1000, range.endMs);
    const inEvent = cluster
      .flatMap((v) => v.detections)
      .filter((d) => d.atMs <= endMs)
      .sort((a, b) => a.atMs - b.atMs || a.code.localeCompare(b.code));
    events.push({
      trackingCodes: [...new Set(inEvent.map((d) => d.code))],
      camera,
      startMs,
      endMs,
      clipStartMs,
      clipEndMs,
      files: planEventFiles(footage, clipStartMs, clipEndMs),
      detections: inEvent,
      truncated,
    });
  });
  return events;
}
