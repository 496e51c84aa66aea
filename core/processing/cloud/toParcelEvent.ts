import { normalizeTrackingCode } from '../../events/normalizeTrackingCode';
import type { ParcelEvent } from '../../events/parcelEvent';
import { parcelEventId } from '../../events/parcelEventId';
import type { ProcessingEvent } from '../types/processingEvent';

export interface StoredFootage {
  readonly providerFileId: string;
  readonly s3Key: string;
  readonly name: string;
}

/** Normalised, each once, in the order found; null when none is left (no event). */
export function eventCodes(event: ProcessingEvent): string[] | null {
  const codes = [...new Set(event.trackingCodes.map(normalizeTrackingCode).filter((code) => code !== ''))];
  return codes.length === 0 ? null : codes;
}

/**
 * A processing event placed on a source's camera as stored: deterministic id,
 * normalised codes, file slices named by stored file, the clip as cut (its real
 * first frame, a keyframe in copy mode), and the largest label sighting for the
 * player's zoom, in seconds into the clip.
 */
export function toParcelEvent(input: {
  readonly tenantId: string;
  readonly sourceId: string;
  readonly cameraId: string;
  readonly event: ProcessingEvent;
  readonly codes: readonly string[];
  readonly footageOf: (path: string) => StoredFootage;
  readonly clip: ParcelEvent['clip'];
  readonly clipLeadSec: number;
  readonly processedAt: string;
}): ParcelEvent {
  const { event } = input;
  const clipStartMs = event.clipStartMs - Math.round(input.clipLeadSec * 1000);
  const best = [...event.detections].sort((a, b) => b.bbox.width * b.bbox.height - a.bbox.width * a.bbox.height)[0];
  return {
    tenantId: input.tenantId,
    id: parcelEventId({ sourceId: input.sourceId, cameraId: input.cameraId, startMs: event.startMs, firstCode: input.codes[0] }),
    sourceId: input.sourceId,
    cameraId: input.cameraId,
    trackingCodes: input.codes,
    start: new Date(event.startMs).toISOString(),
    end: new Date(event.endMs).toISOString(),
    clipStart: new Date(clipStartMs).toISOString(),
    clipEnd: new Date(event.clipEndMs).toISOString(),
    files: event.files.map((part) => {
      const footage = input.footageOf(part.path);
      return { providerFileId: footage.providerFileId, s3Key: footage.s3Key, name: footage.name, fromSec: part.fromSec, toSec: part.toSec };
    }),
    labelSighting: best === undefined ? null : { atClipSec: Math.max(0, Math.round((best.atMs - clipStartMs) / 10) / 100), bbox: best.bbox },
    clip: input.clip,
    truncated: event.truncated,
    processedAt: input.processedAt,
  };
}
