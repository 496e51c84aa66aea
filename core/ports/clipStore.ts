import type { ClipPart } from './clipCutter';

/**
 * Cuts one order's clip from footage (stream copy, +faststart) and stores it
 * under the given object key; removes clips of orders that no longer exist.
 */
export interface ClipStore {
  /** `cameraId`: whose usage the clip counts in (storage accounting). */
  store(request: { readonly parts: readonly ClipPart[]; readonly key: string; readonly cameraId?: string }, signal?: AbortSignal): Promise<{ readonly bytes: number; readonly leadSec: number }>;
  remove(keys: readonly string[]): Promise<void>;
}

/** A short-lived URL a reader (ffmpeg) can fetch an object through, with Range requests. */
export interface FootageUrls {
  readUrl(s3Key: string, ttlSec: number): Promise<string>;
}
