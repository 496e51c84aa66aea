import { orderReachSec } from '../events/neighbourWindow';

/**
 * One time slice of a recording too long for one processing step. Slices are
 * `lengthSec` long and start at whole multiples of it; each is read with
 * `overlapSec` more on both sides, so an order that crosses a slice boundary is
 * seen whole by both slices and kept by the one it starts in (its start decides,
 * as for a whole file's window). Whole seconds keep every read on the same frame
 * grid as a whole-file read (1/fps divides a second), so both slices time an
 * order alike and its deterministic id is the same.
 */
export interface Slice {
  /** Where the slice's own stretch begins and ends, seconds from the file's start. */
  readonly fromSec: number;
  readonly toSec: number;
  /** What is read: the slice with the overlap, inside the file. */
  readonly readFromSec: number;
  readonly readToSec: number;
  readonly first: boolean;
  readonly last: boolean;
}

export function planSlice(input: { readonly durationSec: number; readonly fromSec: number; readonly lengthSec: number; readonly overlapSec: number }): Slice {
  const lengthSec = Math.max(1, Math.round(input.lengthSec));
  const overlapSec = Math.max(0, Math.ceil(input.overlapSec));
  const fromSec = Math.max(0, Math.floor(input.fromSec / lengthSec) * lengthSec);
  // A last stretch shorter than a second is not worth a step of its own.
  const last = fromSec + lengthSec >= input.durationSec - 1;
  const toSec = last ? input.durationSec : fromSec + lengthSec;
  return {
    fromSec,
    toSec,
    readFromSec: Math.max(0, fromSec - overlapSec),
    readToSec: last ? input.durationSec : Math.min(input.durationSec, toSec + overlapSec),
    first: fromSec === 0,
    last,
  };
}

/** Overlap that lets a slice see whole every order starting in it: the longest order, its buffers and the gap an order may have, rounded up. */
export function sliceOverlapSec(options: { readonly maxPackingSec: number; readonly preBufferSec: number; readonly postBufferSec: number; readonly gapToleranceSec: number }): number {
  return orderReachSec(options);
}
