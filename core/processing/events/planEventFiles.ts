import type { Segment } from '../types/segment';
import type { EventFilePart } from '../types/processingEvent';

/** Segments of one camera sorted by start; consecutive ones closer than `joinToleranceMs` form one stretch of footage. */
export interface Footage {
  readonly segments: readonly Segment[];
  readonly joinToleranceMs: number;
}

export const segmentEndMs = (s: Segment): number => s.startMs + s.durationSec * 1000;

/**
 * The stretch of continuous footage around an instant: the clip window must not
 * reach into a hole in the recording, where there is nothing to show.
 */
export function continuousRange(footage: Footage, atMs: number): { startMs: number; endMs: number } | null {
  const { segments, joinToleranceMs } = footage;
  const index = segments.findIndex((s) => s.startMs <= atMs && atMs <= segmentEndMs(s));
  if (index < 0) return null;
  let first = index;
  while (first > 0 && segments[first]!.startMs - segmentEndMs(segments[first - 1]!) <= joinToleranceMs) first -= 1;
  let last = index;
  while (last < segments.length - 1 && segments[last + 1]!.startMs - segmentEndMs(segments[last]!) <= joinToleranceMs) last += 1;
  return { startMs: segments[first]!.startMs, endMs: segmentEndMs(segments[last]!) };
}

/** The per-file slices, in order, that together show `[fromMs, toMs]`. */
export function planEventFiles(footage: Footage, fromMs: number, toMs: number): EventFilePart[] {
  const parts: EventFilePart[] = [];
  for (const s of footage.segments) {
    const from = Math.max(fromMs, s.startMs);
    const to = Math.min(toMs, segmentEndMs(s));
    // Ignore slivers under a frame: an event ending exactly on a file boundary is not in the next file.
    if (to - from < 1) continue;
    parts.push({ name: s.name, path: s.path, fromSec: round3((from - s.startMs) / 1000), toSec: round3((to - s.startMs) / 1000) });
  }
  return parts;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
