import { eventId } from '../processing/events/eventId';

/**
 * A stored event's id: the source, then `eventId()` of camera, start and first
 * code. Deterministic, so processing the same footage again writes the same
 * items and clip keys; the source keeps two sources' `cam1` apart inside one
 * tenant. URL- and file-name-safe (`[A-Za-z0-9._-]`).
 */
export function parcelEventId(input: { sourceId: string; cameraId: string; startMs: number; firstCode: string | undefined }): string {
  const safeSource = input.sourceId.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `${safeSource}_${eventId({ camera: input.cameraId, startMs: input.startMs, trackingCodes: input.firstCode === undefined ? [] : [input.firstCode] })}`;
}
