import type { BarcodeReader } from '../../ports/barcodeReader';
import type { FrameSamplingOptions, FrameSource } from '../../ports/frameSource';
import type { TrackingCodeMatcher } from '../trackingCodes/createTrackingCodeMatcher';
import type { Detection } from '../types/detection';
import type { GrayFrame } from '../types/grayFrame';
import type { Segment } from '../types/segment';
import type { BBox } from '../types/bBox';
import type { BarcodeRead } from '../types/barcodeRead';

export interface DetectCodesInput {
  readonly segment: Segment;
  readonly frameSource: FrameSource;
  readonly reader: BarcodeReader;
  readonly matcher: TrackingCodeMatcher;
  readonly sampling: FrameSamplingOptions;
  readonly signal?: AbortSignal;
  /** Called after each analysed frame with its time in the file, for progress display. */
  readonly onFrame?: (timeSec: number) => void;
}

export interface DetectCodesResult {
  readonly detections: Detection[];
  readonly framesAnalysed: number;
  /** Symbols decoded but not shaped like any tracking code (product barcodes, misreads). */
  readonly rejectedReads: number;
}

/** Samples one segment and keeps the reads that are tracking codes, stamped with absolute time. */
export async function detectCodes(input: DetectCodesInput): Promise<DetectCodesResult> {
  const { segment, frameSource, reader, matcher, sampling, signal, onFrame } = input;
  const detections: Detection[] = [];
  let framesAnalysed = 0;
  let rejectedReads = 0;
  const take = async ({ frame, reads }: InFlight): Promise<void> => {
    framesAnalysed += 1;
    const seen = new Set<string>();
    for (const read of await reads) {
      const match = matcher(read.text);
      if (!match) {
        rejectedReads += 1;
        continue;
      }
      if (seen.has(match.code)) continue;
      seen.add(match.code);
      detections.push({
        code: match.code,
        carrier: match.carrier,
        symbology: read.symbology,
        atMs: Math.round(segment.startMs + frame.timeSec * 1000),
        file: segment.name,
        bbox: toSourceBox(read.bbox, frame),
      });
    }
    onFrame?.(frame.timeSec);
  };
  // Reads are pipelined: the next frames are handed to the reader before the
  // current one's answer is back, so a reader on another thread (or several)
  // never waits for this loop's round trip. Results are still taken in frame order.
  const inFlight: InFlight[] = [];
  const read = segment.range === undefined ? sampling : { ...sampling, fromSec: segment.range.fromSec, toSec: segment.range.toSec };
  for await (const frame of frameSource.frames(segment.path, read, signal)) {
    const reads = reader.read(frame);
    // Handled when its turn comes; this only stops an early failure of a later
    // frame from being reported as unhandled while an earlier one is awaited.
    reads.catch(() => undefined);
    inFlight.push({ frame, reads });
    if (inFlight.length >= READS_IN_FLIGHT) await take(inFlight.shift()!);
  }
  for (const next of inFlight.splice(0)) await take(next);
  return { detections, framesAnalysed, rejectedReads };
}

interface InFlight {
  readonly frame: GrayFrame;
  readonly reads: Promise<readonly BarcodeRead[]>;
}

/** Frames handed to the reader ahead of the one being taken (memory: this many frames). */
const READS_IN_FLIGHT = 4;

function toSourceBox(box: BBox, frame: GrayFrame): BBox {
  const { scaleX, scaleY, offsetX, offsetY } = frame.toSource;
  return {
    x: Math.round(box.x * scaleX + offsetX),
    y: Math.round(box.y * scaleY + offsetY),
    width: Math.round(box.width * scaleX),
    height: Math.round(box.height * scaleY),
  };
}
