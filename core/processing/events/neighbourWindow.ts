import type { EventBuilderOptions } from './eventBuilderOptions';

/**
 * Which part of a neighbour file an order across the boundary can need.
 *
 * A camera's new file is processed with its stored neighbours so an order
 * packed across the cut between two files becomes one event. Only the orders
 * touching the boundary need the neighbour: the previous file's tail back to a
 * quiet moment, the next file's head up to one. A quiet moment is a stretch
 * with no tracking-code read longer than the gap tolerance (no visit runs
 * across it, and visits on either side cannot overlap, so no order joins
 * across it) that ends early enough that an order before it cannot reach the
 * other file, even through its post-buffer. Events are then the same as
 * reading the neighbour whole: every order that starts after the quiet moment
 * is read in full, every order before it is left as its own file's processing
 * built it.
 *
 * How much to read is found by trying: a short stretch first, four times
 * longer each time it shows no quiet moment, the whole file once a try would
 * pass half of it (a label left lying in view for minutes). The agent, which processed the previous file
 * itself, keeps its reads after the quiet moment and decodes nothing again.
 */
export type BoundaryRules = Pick<EventBuilderOptions, 'gapToleranceSec' | 'postBufferSec' | 'endAt' | 'minDetections'>;

/** A read, seconds from the file's start; `toSec` at the file's duration reads to its end. */
export interface NeighbourRead {
  readonly fromSec: number;
  readonly toSec: number;
}

/**
 * Reads just after a seek are not trusted to show a quiet moment: the barcode
 * reader reuses a region's read for up to 9 frames (1.8 s at 5 fps) in a
 * continuous read, so a fresh start can differ from it for that long.
 */
export const SEEK_SETTLE_SEC = 2;
const GROWTH = 4;

/** Tail reads of a previous neighbour to try, shortest first, the whole file last. Starts are whole seconds, so frames fall on the whole read's 1/fps grid. */
export function tailReads(durationSec: number, rules: BoundaryRules): NeighbourRead[] {
  const reads: NeighbourRead[] = [];
  let length = SEEK_SETTLE_SEC + Math.max(rules.gapToleranceSec + 0.5, rules.postBufferSec + 1);
  for (;;) {
    const fromSec = Math.max(0, Math.floor(durationSec - length));
    // Past half the file, the whole of it costs little more than another try.
    if (fromSec <= durationSec / 2) break;
    reads.push({ fromSec, toSec: durationSec });
    length *= GROWTH;
  }
  reads.push({ fromSec: 0, toSec: durationSec });
  return reads;
}

/** Head reads of a next neighbour to try, shortest first, the whole file last. */
export function headReads(durationSec: number, rules: BoundaryRules): NeighbourRead[] {
  const reads: NeighbourRead[] = [];
  for (let length = Math.ceil(rules.gapToleranceSec + 1); length < durationSec / 2; length *= GROWTH) reads.push({ fromSec: 0, toSec: length });
  reads.push({ fromSec: 0, toSec: durationSec });
  return reads;
}

/**
 * For the previous neighbour: from `readsSec` (times of every tracking-code
 * read found in `read`, seconds from the file's start), the cut — orders
 * starting at or after it are whole in these reads and are all the orders the
 * next file can change; orders before it are not rebuilt. Null when the read
 * shows no quiet moment: read more.
 */
export function tailCut(readsSec: readonly number[], read: NeighbourRead, durationSec: number, rules: BoundaryRules): number | null {
  // A seek's first moments are unknown, like the time before the file: a virtual read-free point after them.
  const from = read.fromSec > 0 ? read.fromSec + SEEK_SETTLE_SEC : 0;
  const points = [from, ...readsSec.filter((t) => t > from).sort((a, b) => a - b)];
  // A visit below minDetections is dropped before orders are formed, which moves "the next order's start" (endAt nextCode).
  const nextCodeExact = rules.endAt === 'lastSeen' || rules.minDetections <= 1;
  for (let i = points.length - 1; i >= 0; i -= 1) {
    const quietFrom = points[i]!;
    const real = i + 1 < points.length;
    const quietTo = real ? points[i + 1]! : durationSec;
    if (quietTo - quietFrom <= rules.gapToleranceSec) continue;
    // The latest end an order before the quiet moment can have, and its clip with it.
    const endBound = rules.endAt === 'lastSeen' ? quietFrom : real && nextCodeExact ? quietTo : null;
    if (endBound === null || endBound + rules.postBufferSec + 1 > durationSec) continue;
    return (quietFrom + quietTo) / 2;
  }
  return null;
}

/**
 * For the next neighbour: true when `readsSec` (every read in `read`, which
 * starts at the file's start) reach a quiet moment, so every read of an order
 * that began before the file is among them; or when `read` is the whole file.
 */
export function headComplete(readsSec: readonly number[], read: NeighbourRead, durationSec: number, rules: BoundaryRules): boolean {
  if (read.fromSec > 0) return false;
  return read.toSec >= durationSec || headQuiet(readsSec, read, durationSec, rules);
}

/**
 * For the next neighbour: true when `readsSec` show a quiet moment inside
 * `read` (from the file's start). False for a whole file without one: an order
 * from before it may still be open at its end and go on into the file after it.
 */
export function headQuiet(readsSec: readonly number[], read: NeighbourRead, durationSec: number, rules: BoundaryRules): boolean {
  if (read.fromSec > 0) return false;
  const points = [0, ...readsSec.filter((t) => t > 0).sort((a, b) => a - b)];
  for (let i = 0; i < points.length; i += 1) {
    const real = i + 1 < points.length;
    const quietTo = real ? points[i + 1]! : Math.min(read.toSec, durationSec);
    if (quietTo - points[i]! <= rules.gapToleranceSec) continue;
    // endAt nextCode: an order lasts until the next one starts, which must be among the reads.
    if (rules.endAt === 'nextCode' && (!real || rules.minDetections > 1)) return false;
    return true;
  }
  return false;
}

/**
 * How far from a file's boundary an order touching it can need footage: the
 * longest order (`maxPackingSec`, after which it is cut), its buffers and the
 * gap an order may have, rounded up with a margin. Neighbour files further out
 * than this are never read.
 */
export function orderReachSec(options: { readonly maxPackingSec: number; readonly preBufferSec: number; readonly postBufferSec: number; readonly gapToleranceSec: number }): number {
  return Math.ceil(options.maxPackingSec + options.preBufferSec + options.postBufferSec + options.gapToleranceSec) + 2;
}
