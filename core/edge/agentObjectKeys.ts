import { safeKeySegment } from '../sync/objectKeyNaming';

/**
 * Where a clip cut on site is stored: `<tenant>/clips/<source>/<camera>/<eventId>.mp4`.
 * Chosen by the cloud from ids it checked, never by the agent; every segment is
 * made safe, so nothing can climb out of the tenant's prefix. Event ids are
 * deterministic, so cutting an event again overwrites the same clip.
 */
export function edgeClipKey(parts: { tenantId: string; sourceId: string; cameraId: string; eventId: string }): string {
  return [parts.tenantId, 'clips', parts.sourceId, parts.cameraId, `${parts.eventId}.mp4`].map(safeKeySegment).join('/');
}

/** Every clip cut on site for one source (deleted with the source). */
export function edgeClipPrefix(tenantId: string, sourceId: string): string {
  return `${[tenantId, 'clips', sourceId].map(safeKeySegment).join('/')}/`;
}

/** An agent's footage file is tracked by its content fingerprint, as a Drive file is by its id. */
export const edgeFileId = (fingerprint: string): string => `edge-${fingerprint}`;

const MiB = 1024 * 1024;
/** S3 allows 10,000 parts; parts below 5 MiB only as the last one. */
const MAX_PARTS = 10_000;
const DEFAULT_PART = 8 * MiB;

/** The part size the cloud asks for: 8 MiB, or larger (whole MiB) so a file fits in 10,000 parts. */
export function uploadPartSize(size: number): number {
  return Math.max(DEFAULT_PART, Math.ceil(size / MAX_PARTS / MiB) * MiB);
}

export const uploadPartCount = (size: number, partSize: number): number => Math.max(1, Math.ceil(size / partSize));
