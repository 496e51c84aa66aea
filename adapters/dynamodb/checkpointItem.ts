import { ValidationError } from '../../core/errors';
import type { TransferCheckpoint } from '../../core/sync/trackedFile';

/**
 * The checkpoint as stored: part ETags joined in one string, sizes and numbers
 * left out (parts are 1..n of `partSize`, the last one ending at `bytesDone`),
 * and for an upload with CRC32 part checksums the parts' CRC32s as one binary
 * attribute, 4 big-endian bytes per part (absent while there are no parts).
 * Keeps a 10,000-part ledger near 390 KB (350 KB of ETags, 40 KB of CRC32s),
 * under DynamoDB's 400 KB item limit. Items written before part checksums
 * have neither `partChecksum` nor `crc32s` and read back as such.
 */
export interface CheckpointItem {
  uploadId: string;
  s3Key: string;
  partSize: number;
  etags: string;
  bytesDone: number;
  md5State: string;
  revision: string | null;
  updatedAt: string;
  partChecksum?: 'CRC32';
  crc32s?: Uint8Array;
}

const ETAG_SEPARATOR = ',';
const CRC32_BYTES = 4;

export function toCheckpointItem(checkpoint: TransferCheckpoint): CheckpointItem {
  checkpoint.parts.forEach((part, index) => {
    if (part.partNumber !== index + 1) throw new ValidationError('checkpoint.parts', 'parts must be contiguous from 1');
    if (part.etag.includes(ETAG_SEPARATOR)) throw new ValidationError('checkpoint.parts', 'an ETag contains a comma');
  });
  const item: CheckpointItem = {
    uploadId: checkpoint.uploadId,
    s3Key: checkpoint.s3Key,
    partSize: checkpoint.partSize,
    etags: checkpoint.parts.map((part) => part.etag).join(ETAG_SEPARATOR),
    bytesDone: checkpoint.bytesDone,
    md5State: checkpoint.md5State,
    revision: checkpoint.revision,
    updatedAt: checkpoint.updatedAt,
  };
  if (checkpoint.partChecksum !== 'CRC32') return item;
  item.partChecksum = 'CRC32';
  if (checkpoint.parts.length > 0) item.crc32s = packCrc32s(checkpoint.parts.map((part) => part.checksumCrc32));
  return item;
}

export function fromCheckpointItem(item: CheckpointItem): TransferCheckpoint {
  const etags = item.etags === '' ? [] : item.etags.split(ETAG_SEPARATOR);
  const crc32s = item.partChecksum === 'CRC32' ? unpackCrc32s(item.crc32s, etags.length) : [];
  return {
    uploadId: item.uploadId,
    s3Key: item.s3Key,
    partSize: item.partSize,
    parts: etags.map((etag, index) => ({
      partNumber: index + 1,
      etag,
      size: Math.min(item.partSize, item.bytesDone - index * item.partSize),
      ...(crc32s[index] === undefined ? {} : { checksumCrc32: crc32s[index] }),
    })),
    bytesDone: item.bytesDone,
    md5State: item.md5State,
    revision: item.revision ?? null,
    updatedAt: item.updatedAt,
    ...(item.partChecksum === 'CRC32' ? { partChecksum: 'CRC32' as const } : {}),
  };
}

/** base64 CRC32s (4 bytes each) packed into one binary value. */
function packCrc32s(checksums: ReadonlyArray<string | undefined>): Uint8Array {
  const packed = new Uint8Array(checksums.length * CRC32_BYTES);
  checksums.forEach((checksum, index) => {
    const bytes = checksum === undefined ? undefined : Buffer.from(checksum, 'base64');
    if (bytes?.byteLength !== CRC32_BYTES || bytes.toString('base64') !== checksum) {
      throw new ValidationError('checkpoint.parts', `part ${index + 1} has no valid CRC32 checksum`);
    }
    packed.set(bytes, index * CRC32_BYTES);
  });
  return packed;
}

function unpackCrc32s(packed: Uint8Array | undefined, parts: number): string[] {
  const bytes = packed ?? new Uint8Array(0);
  if (bytes.byteLength !== parts * CRC32_BYTES) {
    throw new Error(`checkpoint holds ${bytes.byteLength} bytes of CRC32s for ${parts} parts`);
  }
  return Array.from({ length: parts }, (_, index) =>
    Buffer.from(bytes.subarray(index * CRC32_BYTES, (index + 1) * CRC32_BYTES)).toString('base64'),
  );
}
