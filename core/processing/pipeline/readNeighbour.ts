import type { BarcodeReader } from '../../ports/barcodeReader';
import type { FrameSamplingOptions, FrameSource } from '../../ports/frameSource';
import { headComplete, headQuiet, headReads, tailCut, tailReads, type BoundaryRules, type NeighbourRead } from '../events/neighbourWindow';
import type { TrackingCodeMatcher } from '../trackingCodes/createTrackingCodeMatcher';
import type { Detection } from '../types/detection';
import type { Segment } from '../types/segment';
import { detectCodes } from './detectCodes';

/** The reads of a file after its quiet moment near the end, kept from its own processing (the agent keeps its last file's). */
export interface KnownTail {
  /** The file these reads are from (its name). */
  readonly file: string;
  /** Orders starting at or after this (seconds from the file's start) are whole in `reads`. */
  readonly cutSec: number;
  readonly reads: readonly Detection[];
}

export interface NeighbourReading {
  /** The neighbour as analysed: its whole footage, with the stretch that was read as `range`. */
  readonly segment: Segment;
  readonly detections: readonly Detection[];
  /** Orders starting before this (epoch ms) were not read in full and are left out. */
  readonly fromMs: number;
  readonly framesAnalysed: number;
  readonly rejectedReads: number;
  /** Seconds of the neighbour decoded (0 when its reads were known). */
  readonly decodedSec: number;
  /**
   * The whole file was read and shows no quiet moment: an order may run through
   * it, so the file beyond it (before a previous neighbour, after a next one) is
   * needed too.
   */
  readonly open: boolean;
}

interface ReadPorts {
  readonly frameSource: FrameSource;
  readonly reader: BarcodeReader;
  readonly matcher: TrackingCodeMatcher;
  readonly sampling: FrameSamplingOptions;
  readonly signal?: AbortSignal;
}

/**
 * The previous neighbour's tail, read back only as far as a quiet moment
 * (core/processing/events/neighbourWindow.ts), or taken from `known` reads.
 * Reads before the cut are dropped: they belong to orders its own processing
 * built, which this file cannot change.
 */
export async function readTail(ports: ReadPorts, segment: Segment, rules: BoundaryRules, known?: KnownTail): Promise<NeighbourReading> {
  const secOf = (d: Detection) => (d.atMs - segment.startMs) / 1000;
  if (known !== undefined && known.file === segment.name && known.cutSec >= 0 && known.cutSec <= segment.durationSec) {
    const fromMs = segment.startMs + known.cutSec * 1000;
    const reads = known.reads.filter((d) => d.file === segment.name && d.atMs >= fromMs);
    // A cut at 0 is "no quiet moment": every read of the file was kept.
    return { segment: { ...segment, range: { fromSec: segment.durationSec, toSec: segment.durationSec } }, detections: reads, fromMs, framesAnalysed: 0, rejectedReads: 0, decodedSec: 0, open: known.cutSec === 0 };
  }
  let open = false;
  const reading = await readUntil(ports, segment, tailReads(segment.durationSec, rules), (reads, read) => {
    const cut = tailCut(reads.map(secOf), read, segment.durationSec, rules);
    // The whole file read and no quiet moment: every order starting in it is whole; one may have begun in the file before.
    if (cut === null && read.fromSec === 0) open = true;
    if (cut === null) return read.fromSec === 0 ? segment.startMs : null;
    return segment.startMs + cut * 1000;
  });
  return { ...reading, open };
}

/** The next neighbour's head, read from its start up to a quiet moment. */
export async function readHead(ports: ReadPorts, segment: Segment, rules: BoundaryRules): Promise<NeighbourReading> {
  const secOf = (d: Detection) => (d.atMs - segment.startMs) / 1000;
  let open = false;
  const reading = await readUntil(ports, segment, headReads(segment.durationSec, rules), (reads, read) => {
    if (!headComplete(reads.map(secOf), read, segment.durationSec, rules)) return null;
    // Read whole for want of a quiet moment: an order from before may go on into the file after this one.
    open = !headQuiet(reads.map(secOf), read, segment.durationSec, rules);
    return segment.startMs;
  });
  return { ...reading, open };
}

async function readUntil(
  ports: ReadPorts,
  segment: Segment,
  reads: readonly NeighbourRead[],
  enough: (detections: readonly Detection[], read: NeighbourRead) => number | null,
): Promise<Omit<NeighbourReading, 'open'>> {
  let framesAnalysed = 0;
  let rejectedReads = 0;
  let decodedSec = 0;
  for (const [index, read] of reads.entries()) {
    const ranged: Segment = { ...segment, range: read };
    const result = await detectCodes({ segment: ranged, frameSource: ports.frameSource, reader: ports.reader, matcher: ports.matcher, sampling: ports.sampling, ...(ports.signal ? { signal: ports.signal } : {}) });
    framesAnalysed += result.framesAnalysed;
    rejectedReads += result.rejectedReads;
    decodedSec += read.toSec - read.fromSec;
    const fromMs = enough(result.detections, read);
    if (fromMs !== null || index === reads.length - 1) {
      const from = fromMs ?? segment.startMs;
      return { segment: ranged, detections: result.detections.filter((d) => d.atMs >= from), fromMs: from, framesAnalysed, rejectedReads, decodedSec };
    }
  }
  throw new Error('unreachable: the last read is the whole file');
}
