import type { BBox } from '../processing/types/bBox';

/** Where a clip stands. `footage_expired`: retention removed the footage before the clip was cut. */
export const clipStates = ['pending', 'ready', 'failed', 'footage_expired'] as const;
export type ClipState = (typeof clipStates)[number];

/** The slice of one stored footage file an event covers, in seconds from that file's start. */
export interface ParcelEventFilePart {
  readonly providerFileId: string;
  readonly s3Key: string;
  readonly name: string;
  readonly fromSec: number;
  readonly toSec: number;
}

/**
 * The detection the player zooms into: the label's box in the camera's own
 * pixels, and when (seconds into the clip) it was seen.
 */
export interface LabelSighting {
  readonly atClipSec: number;
  readonly bbox: BBox;
}

/**
 * One packed order as stored for search and playback: what `processRecordings()`
 * found, placed on a source's camera, with where its clip is. Ids are deterministic
 * (`eventId()` of camera, start and first code), so processing the same footage
 * again writes the same items. Tracking codes are normalised (`normalizeTrackingCode`).
 */
export interface ParcelEvent {
  readonly tenantId: string;
  readonly id: string;
  readonly sourceId: string;
  readonly cameraId: string;
  readonly trackingCodes: readonly string[];
  /** When the codes were in view, ISO UTC. */
  readonly start: string;
  readonly end: string;
  /** The window the clip shows (codes in view plus the source's pre/post buffers), ISO UTC. */
  readonly clipStart: string;
  readonly clipEnd: string;
  readonly files: readonly ParcelEventFilePart[];
  readonly labelSighting: LabelSighting | null;
  readonly clip: {
    readonly state: ClipState;
    readonly s3Key: string | null;
    readonly bytes: number | null;
    /** Why the clip failed, in words; null otherwise. */
    readonly error: string | null;
  };
  /** The codes stayed in view longer than the maximum packing time and the event was cut short. */
  readonly truncated: boolean;
  readonly processedAt: string;
}
