import { ValidationError } from '../errors';

export const MiB = 1024 * 1024;
/** S3's minimum size of every part but the last. */
export const S3_MIN_PART_SIZE = 5 * MiB;
export const S3_MAX_PART_SIZE = 5 * 1024 * MiB;
export const S3_MAX_PARTS = 10_000;
export const S3_MAX_OBJECT_SIZE = 5 * 1024 * 1024 * MiB;
/** Large enough that per-request overhead stays small, small enough for a 3-buffer pipeline in a Lambda. */
export const DEFAULT_PART_SIZE = 8 * MiB;

export interface PartPlan {
  readonly partSize: number;
  /** Number of parts of a multipart upload; 1 for a single put. */
  readonly partCount: number;
  /** The whole file fits in one part: one PutObject, no multipart upload. */
  readonly singlePut: boolean;
}

/**
 * Part size for a file: `minPartSize` (default 8 MiB) unless that would need
 * more than S3's 10,000 parts, then the smallest whole number of MiB that fits.
 * Memory is partSize × (1 + upload concurrency), so it grows only past 80 GiB.
 */
export function planParts(size: number, minPartSize: number = DEFAULT_PART_SIZE): PartPlan {
  if (!Number.isSafeInteger(size) || size < 0) throw new ValidationError('size', `size must be a non-negative integer, got ${size}`);
  if (size > S3_MAX_OBJECT_SIZE) throw new ValidationError('size', `size ${size} exceeds S3's 5 TiB object limit`);
  if (!Number.isSafeInteger(minPartSize) || minPartSize < S3_MIN_PART_SIZE || minPartSize > S3_MAX_PART_SIZE) {
    throw new ValidationError('minPartSize', `part size must be between 5 MiB and 5 GiB, got ${minPartSize}`);
  }
  const partSize = Math.max(minPartSize, Math.ceil(size / S3_MAX_PARTS / MiB) * MiB);
  if (size <= partSize) return { partSize, partCount: 1, singlePut: true };
  return { partSize, partCount: Math.ceil(size / partSize), singlePut: false };
}
