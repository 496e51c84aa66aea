import type { BBox } from '../types/bBox';
import type { ProcessingEvent } from '../types/processingEvent';
import { eventId } from './eventId';

/** The JSON shape of one event in events.json (and later in the events table). */
export interface EventRecord {
  readonly id: string;
  readonly trackingCodes: readonly string[];
  readonly camera: string;
  readonly start: string;
  readonly end: string;
  readonly clip?: string;
  readonly clipStart: string;
  readonly clipEnd: string;
  readonly files: readonly { readonly name: string; readonly fromSec: number; readonly toSec: number }[];
  readonly detections: readonly {
    readonly code: string;
    readonly carrier: string;
    readonly symbology: string;
    readonly at: string;
    readonly file: string;
    readonly bbox: BBox;
  }[];
  readonly truncated: boolean;
}

/**
 * Absolute times become ISO-8601 UTC. `clip` is where the clip was written,
 * relative to the output folder; `clipStartMs` is the clip's real first frame
 * when the cutter started earlier (keyframe alignment).
 */
export function toEventRecord(event: ProcessingEvent, clip?: { path: string; clipStartMs: number }): EventRecord {
  const iso = (ms: number): string => new Date(ms).toISOString();
  return {
    id: eventId(event),
    trackingCodes: event.trackingCodes,
    camera: event.camera,
    start: iso(event.startMs),
    end: iso(event.endMs),
    ...(clip ? { clip: clip.path } : {}),
    clipStart: iso(clip?.clipStartMs ?? event.clipStartMs),
    clipEnd: iso(event.clipEndMs),
    files: event.files.map(({ name, fromSec, toSec }) => ({ name, fromSec, toSec })),
    detections: event.detections.map((d) => ({
      code: d.code,
      carrier: d.carrier,
      symbology: d.symbology,
      at: iso(d.atMs),
      file: d.file,
      bbox: d.bbox,
    })),
    truncated: event.truncated,
  };
}
