import type { TrackedFileRef } from '../../../core/ports/trackedFileRepository';
import type { TrackedFile, TransferCheckpoint } from '../../../core/sync/trackedFile';

export const T = 'tenant-r';
export const S = 'source-r';

export const at = (second: number): string => new Date(Date.UTC(2025, 6, 18, 9, 0, second)).toISOString();
export const ref = (id: string): TrackedFileRef => ({ tenantId: T, sourceId: S, providerFileId: id });

/** A pending file as the planner writes it. */
export function trackedFile(id: string, overrides: Partial<TrackedFile> = {}): TrackedFile {
  return {
    ...ref(id),
    name: `${id}.mp4`,
    relativePath: `cam1/${id}.mp4`,
    cameraId: 'cam1',
    mimeType: 'video/mp4',
    size: 20_000_000,
    md5: 'a'.repeat(32),
    revision: 'rev-1',
    modifiedTime: at(0),
    recordingStartAt: null,
    s3Key: `${T}/footage/${id}.mp4`,
    status: 'pending',
    attempts: 0,
    lastError: null,
    reason: null,
    bytesTransferred: 0,
    checkpoint: null,
    runId: 'run-plan',
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

/** A distinct, valid base64 CRC32 per part index. */
export const crcOf = (i: number): string => Buffer.from([i >>> 24, (i >>> 16) & 255, (i >>> 8) & 255, (i & 255) ^ 0xa5]).toString('base64');

export const PART_SIZE = 8 * 1024 * 1024;

/** A checkpoint of `parts` full parts with CRC32 part checksums. */
export function checkpoint(parts: number, overrides: Partial<TransferCheckpoint> = {}): TransferCheckpoint {
  return {
    uploadId: 'upload-1',
    s3Key: `${T}/footage/x.mp4`,
    partSize: PART_SIZE,
    parts: Array.from({ length: parts }, (_, i) => ({ partNumber: i + 1, etag: `"${String(i).padStart(32, '0')}"`, size: PART_SIZE, checksumCrc32: crcOf(i) })),
    bytesDone: parts * PART_SIZE,
    md5State: 'c3RhdGU=',
    revision: 'rev-1',
    updatedAt: at(5),
    partChecksum: 'CRC32',
    ...overrides,
  };
}

export const idsOf = (page: { readonly items: readonly TrackedFile[] }): string[] => page.items.map((item) => item.providerFileId);
