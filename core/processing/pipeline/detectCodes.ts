import type { BarcodeReader } from '../ports/BarcodeReader';
import type { FrameSamplingOptions, FrameSource } from '../ports/FrameSource';
import type { TrackingCodeMatcher } from '../trackingCodes/createTrackingCodeMatcher';
import type { Detection } from '../types/Detection';
import type { GrayFrame } from '../types/GrayFrame';
import type { Segment } from '../types/Segment';
import type { BBox } from '../types/BBox';

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
  for await (const frame of frameSource.frames(segment.path, sampling, signal)) {
    framesAnalysed += 1;
    const seen = new Set<string>();
    for (const read of await reader.read(frame)) {
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
  }
  return { detections, framesAnalysed, rejectedReads };
}

function toSourceBox(box: BBox, frame: GrayFrame): BBox {
  const { scaleX, scaleY, offsetX, offsetY } = frame.toSource;
  return {
    x: Math.round(box.x * scaleX + offsetX),
    y: Math.round(box.y * scaleY + offsetY),
    width: Math.round(box.width * scaleX),
    height: Math.round(box.height * scaleY),
  };
}
