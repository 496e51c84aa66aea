import type { Detection } from './detection';

/** The slice of one segment file an event covers, in seconds from that file's start. */
export interface EventFilePart {
  readonly name: string;
  readonly path: string;
  readonly fromSec: number;
  readonly toSec: number;
}

/**
 * One packed order: the tracking code(s) in view together, when they were in view
 * (`startMs`..`endMs`), and the window a clip should show (`clipStartMs`..`clipEndMs`,
 * the same plus the pre/post buffers, clamped to the footage).
 */
export interface ProcessingEvent {
  readonly trackingCodes: readonly string[];
  readonly camera: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly clipStartMs: number;
  readonly clipEndMs: number;
  readonly files: readonly EventFilePart[];
  readonly detections: readonly Detection[];
  /** True when the codes stayed in view longer than the maximum packing time and the event was cut short. */
  readonly truncated: boolean;
}
