import type { BarcodeReader } from '../../ports/barcodeReader';
import type { FrameSamplingOptions, FrameSource } from '../../ports/frameSource';
import type { MediaProbe } from '../../ports/mediaProbe';
import type { TimeZone } from '../../time/timeZone';
import type { EventBuilderOptions } from '../events/eventBuilderOptions';
import { orderReachSec } from '../events/neighbourWindow';
import { segmentEndMs } from '../events/planEventFiles';
import { resolveRecordingStart } from '../recording/resolveRecordingStart';
import type { TrackingCodeMatcher } from '../trackingCodes/createTrackingCodeMatcher';
import type { Segment } from '../types/segment';
import { planSegments, type FileFailure, type RecordingFile } from './planSegments';
import { readHead, readTail, type KnownTail, type NeighbourReading } from './readNeighbour';

/** A stored file of the camera next to the files being processed. */
export interface NeighbourFile extends RecordingFile {
  /** Its reads kept from its own processing (the agent's earlier files): nothing is decoded again. */
  readonly known?: KnownTail;
}

export interface NeighbourChainsInput {
  /** The files being processed, placed on the time line, in time order (at least one). */
  readonly own: readonly Segment[];
  readonly neighbours: readonly NeighbourFile[];
  readonly probe: MediaProbe;
  readonly frameSource: FrameSource;
  readonly reader: BarcodeReader;
  readonly matcher: TrackingCodeMatcher;
  readonly sampling: FrameSamplingOptions;
  readonly timeZone: TimeZone;
  readonly camera?: string | undefined;
  readonly rules: EventBuilderOptions;
  readonly signal?: AbortSignal;
}

export interface NeighbourChainsResult {
  readonly readings: readonly NeighbourReading[];
  readonly failures: readonly FileFailure[];
  /** Orders starting in [fromMs, toMs) are read in full (epoch ms; ±Infinity without neighbours on that side). */
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * Reads the neighbours an order across the boundary of `own` needs, outwards
 * from the boundary: the previous file's tail back to a quiet moment and, while
 * a file is read whole without one (an order longer than the file, e.g. 10 s
 * segment files and a 90 s parcel), the file before it too; likewise the next
 * files' heads forwards. A file further than the longest order can reach
 * (orderReachSec: the maximum packing time, buffers and gap) or beyond a hole
 * in the footage longer than the gap tolerance is never read. Neighbours are
 * probed only when reached, so a long list costs nothing unless an order
 * needs it.
 */
export async function readNeighbourChains(input: NeighbourChainsInput): Promise<NeighbourChainsResult> {
  const readings: NeighbourReading[] = [];
  const failures: FileFailure[] = [];
  const { own, rules } = input;
  const firstMs = own[0]!.startMs;
  const lastEndMs = Math.max(...own.map(segmentEndMs));
  const reachMs = orderReachSec(rules) * 1000;
  const gapMs = rules.gapToleranceSec * 1000;
  const readPorts = { frameSource: input.frameSource, reader: input.reader, matcher: input.matcher, sampling: input.sampling, ...(input.signal ? { signal: input.signal } : {}) };
  const fail = (file: RecordingFile, error: unknown): void => {
    if (input.signal?.aborted) throw error;
    failures.push({ file: file.name, error: error instanceof Error ? error : new Error(String(error)) });
  };
  const place = async (file: RecordingFile): Promise<Segment> => {
    const planned = await planSegments({ files: [file], probe: input.probe, timeZone: input.timeZone, camera: input.camera, ...(input.signal ? { signal: input.signal } : {}) });
    if (planned.failures[0] !== undefined) throw planned.failures[0].error;
    return planned.segments[0]!;
  };
  const { before, after } = await sides(input.neighbours, firstMs, input.timeZone, place, fail);

  let fromMs = -Infinity;
  let edgeMs = firstMs;
  for (const [k, { file, segment: placed }] of before.entries()) {
    let segment: Segment;
    try {
      segment = placed ?? (await place(file));
    } catch (error) {
      fail(file, error);
      // The orders of a file that cannot be read are unknown: one may go on into the file after it.
      if (k > 0) fromMs = edgeMs + gapMs + 1000;
      break;
    }
    const hole = edgeMs - segmentEndMs(segment) > gapMs;
    if (k > 0 && hole) break;
    if (k > 0 && segmentEndMs(segment) <= firstMs - reachMs) {
      // Out of reach: an order already open at the start of the file after it began too long ago to touch `own`; it is not rebuilt here.
      fromMs = edgeMs + gapMs + 1000;
      break;
    }
    try {
      const reading = await readTail(readPorts, segment, rules, input.neighbours.find((n) => n.path === file.path)?.known);
      readings.push(reading);
      fromMs = reading.fromMs;
      edgeMs = segment.startMs;
      if (!reading.open) break;
    } catch (error) {
      fail(file, error);
      if (k > 0) fromMs = edgeMs + gapMs + 1000;
      break;
    }
  }

  let toMs = Infinity;
  edgeMs = lastEndMs;
  for (const [k, { file, segment: placed }] of after.entries()) {
    try {
      const segment = placed ?? (await place(file));
      if (k > 0 && (segment.startMs - edgeMs > gapMs || segment.startMs >= lastEndMs + reachMs)) break;
      const reading = await readHead(readPorts, segment, rules);
      readings.push(reading);
      // Orders starting in the next files are left to their own processing.
      if (k === 0) toMs = segment.startMs;
      edgeMs = segmentEndMs(segment);
      if (!reading.open) break;
    } catch (error) {
      fail(file, error);
      break;
    }
  }
  return { readings, failures, fromMs, toMs };
}

interface Placed {
  readonly file: NeighbourFile;
  /** Already probed (its start could not be read from its name). */
  readonly segment?: Segment;
}

/**
 * The neighbours before the first own file (nearest first) and after it
 * (nearest first). A start is read from the file name where it has one, so
 * sorting probes nothing; other files are probed here.
 */
async function sides(
  neighbours: readonly NeighbourFile[],
  firstMs: number,
  timeZone: TimeZone,
  place: (file: RecordingFile) => Promise<Segment>,
  fail: (file: RecordingFile, error: unknown) => void,
): Promise<{ before: Placed[]; after: Placed[] }> {
  const dated: (Placed & { startMs: number })[] = [];
  for (const file of neighbours) {
    let startMs: number | undefined;
    try {
      const start = resolveRecordingStart({ fileName: file.name, timeZone });
      if (start.source === 'fileName') startMs = start.startMs;
    } catch {
      // No time in the name: the container's creation time, by probing.
    }
    if (startMs !== undefined) {
      dated.push({ file, startMs });
      continue;
    }
    try {
      const segment = await place(file);
      dated.push({ file, segment, startMs: segment.startMs });
    } catch (error) {
      fail(file, error);
    }
  }
  dated.sort((a, b) => a.startMs - b.startMs);
  return { before: dated.filter((d) => d.startMs < firstMs).reverse(), after: dated.filter((d) => d.startMs >= firstMs) };
}
