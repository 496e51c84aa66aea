import { describe, expect, it } from 'vitest';
import type { BarcodeReader } from '../../../../core/ports/barcodeReader';
import type { FrameSamplingOptions, FrameSource } from '../../../../core/ports/frameSource';
import type { MediaProbe } from '../../../../core/ports/mediaProbe';
import { processRecordings, type NeighbourFile, type ProcessingPorts } from '../../../../core/processing/pipeline/processRecordings';
import { createTrackingCodeMatcher } from '../../../../core/processing/trackingCodes/createTrackingCodeMatcher';
import type { GrayFrame } from '../../../../core/processing/types/grayFrame';
import { parseTimeZone } from '../../../../core/time/timeZone';

/** Labels in view per file: code, from, to (seconds in the file). */
type Script = Record<string, readonly (readonly [string, number, number])[]>;

/** Scripted footage: each frame says which file and second it is; the reader answers with the labels in view then. Records every stretch decoded. */
function scripted(script: Script, durationSec = 90) {
  const decoded: { path: string; fromSec: number; toSec: number }[] = [];
  const where = new WeakMap<GrayFrame, { path: string; timeSec: number }>();
  const probe: MediaProbe = { probe: async () => ({ durationSec, width: 1280, height: 720, fps: 15, videoCodec: 'h264' }) };
  const frameSource: FrameSource = {
    async *frames(path: string, options: FrameSamplingOptions) {
      const fromSec = options.fromSec ?? 0;
      const toSec = Math.min(options.toSec ?? durationSec, durationSec);
      decoded.push({ path, fromSec, toSec });
      for (let k = 0; fromSec + k / options.fps < toSec; k += 1) {
        const frame: GrayFrame = { timeSec: fromSec + k / options.fps, width: 1, height: 1, data: new Uint8Array(1), toSource: { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 } };
        where.set(frame, { path, timeSec: frame.timeSec });
        yield frame;
      }
    },
  };
  const reader: BarcodeReader = {
    read: async (frame) => {
      const at = where.get(frame)!;
      return (script[at.path] ?? []).filter(([, from, to]) => from <= at.timeSec + 1e-9 && at.timeSec <= to + 1e-9).map(([text]) => ({ text, symbology: 'QRCode', bbox: { x: 1, y: 2, width: 3, height: 4 } }));
    },
  };
  const ports: ProcessingPorts = { probe, frameSource, reader };
  return { ports, decoded };
}

const P: NeighbourFile = { path: 'p', name: 'Cam1_20250718_093000.mp4' };
const F: NeighbourFile = { path: 'f', name: 'Cam1_20250718_093130.mp4' };
const run = (ports: ProcessingPorts, files: NeighbourFile[], neighbours: NeighbourFile[] = []) =>
  processRecordings(ports, { files, neighbours, timeZone: parseTimeZone('+07:00'), camera: 'cam1', matcher: createTrackingCodeMatcher([{ carrier: 'SPX', pattern: '^SPX\\d{4}$' }]), sampling: { fps: 5, width: 1280 } });
const shape = (result: Awaited<ReturnType<typeof run>>) => result.events.map(({ event }) => event);

describe('processRecordings with neighbours', () => {
  it('reads the previous file back only to a quiet moment, and gives the events of reading it whole', async () => {
    // Prepare: orders at 60–66 s and 80–90 s (across the cut, to 5 s into the next file)
    const script: Script = { p: [['SPX0001', 60, 66], ['SPX0002', 80, 90]], f: [['SPX0002', 0, 5], ['SPX0003', 20, 25]] };
    const whole = await run(scripted(script).ports, [P, F]);
    const { ports, decoded } = scripted(script);

    // Act
    const windowed = await run(ports, [F], [P]);

    // Assess: the first try (84–90 s) shows no quiet moment before SPX0002, the second (68–90 s) does
    expect(decoded.filter((d) => d.path === 'p')).toEqual([{ path: 'p', fromSec: 84, toSec: 90 }, { path: 'p', fromSec: 68, toSec: 90 }]);
    expect(windowed.stats.neighbourSec).toBe(28);
    expect(shape(windowed).map((e) => e.trackingCodes[0])).toEqual(['SPX0002', 'SPX0003']);
    expect(shape(windowed)).toEqual(shape(whole).filter((e) => e.startMs >= windowed.complete.fromMs));
  });

  it('a label in view through the whole previous file: the agent keeps every read and decodes nothing again; without them the file is read whole', async () => {
    // Prepare
    const script: Script = { p: [['SPX0001', 0, 90]], f: [['SPX0001', 0, 5], ['SPX0002', 20, 25]] };
    const whole = await run(scripted(script).ports, [P, F]);
    const first = await run(scripted(script).ports, [P]);
    const kept = scripted(script);
    const fresh = scripted(script);

    // Act
    const withKept = await run(kept.ports, [F], [{ ...P, known: first.tail! }]);
    const withoutKept = await run(fresh.ports, [F], [P]);

    // Assess
    expect(first.tail).toMatchObject({ file: P.name, cutSec: 0 });
    expect(kept.decoded.filter((d) => d.path === 'p')).toEqual([]);
    expect(shape(withKept)).toEqual(shape(whole));
    expect(fresh.decoded.filter((d) => d.path === 'p').map((d) => [d.fromSec, d.toSec])).toEqual([[84, 90], [68, 90], [0, 90]]);
    expect(shape(withoutKept)).toEqual(shape(whole));
    expect(shape(whole)[0]).toMatchObject({ trackingCodes: ['SPX0001'], truncated: false });
  });

  it('reads the next file only up to a quiet moment and leaves its own orders to it', async () => {
    // Prepare
    const script: Script = { p: [['SPX0001', 80, 90]], f: [['SPX0001', 0, 2.6], ['SPX0002', 9.8, 14], ['SPX0003', 60, 70]] };
    const whole = await run(scripted(script).ports, [P, F]);
    const { ports, decoded } = scripted(script);

    // Act
    const windowed = await run(ports, [P], [F]);

    // Assess
    expect(decoded.filter((d) => d.path === 'f').map((d) => [d.fromSec, d.toSec])).toEqual([[0, 4], [0, 16]]);
    expect(shape(windowed).map((e) => e.trackingCodes[0])).toEqual(['SPX0001']);
    expect(shape(windowed)).toEqual(shape(whole).filter((e) => e.startMs < windowed.complete.toMs));
    expect(shape(windowed)[0]!.files.map((f) => f.name)).toEqual([P.name, F.name]);
  });
});
