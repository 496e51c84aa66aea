import { describe, expect, it } from 'vitest';
import { buildEvents } from '../../../../core/processing/events/buildEvents';
import { defaultEventBuilderOptions, type EventBuilderOptions } from '../../../../core/processing/events/eventBuilderOptions';
import { headComplete, headReads, SEEK_SETTLE_SEC, tailCut, tailReads } from '../../../../core/processing/events/neighbourWindow';
import type { Detection } from '../../../../core/processing/types/detection';
import type { ProcessingEvent } from '../../../../core/processing/types/processingEvent';
import type { Segment } from '../../../../core/processing/types/segment';

const rules = defaultEventBuilderOptions;
const P: Segment = { path: 'p.mp4', name: 'p.mp4', camera: 'cam1', startMs: 1_000_000, durationSec: 90 };
const F: Segment = { path: 'f.mp4', name: 'f.mp4', camera: 'cam1', startMs: 1_090_000, durationSec: 90 };
const read = (segment: Segment, code: string, fromSec: number, toSec: number): Detection[] =>
  Array.from({ length: Math.floor((toSec - fromSec) * 5) + 1 }, (_, k) => ({
    code,
    carrier: 'X',
    symbology: 'QRCode',
    atMs: segment.startMs + Math.round((fromSec + k / 5) * 1000),
    file: segment.name,
    bbox: { x: 0, y: 0, width: 1, height: 1 },
  }));
const secs = (segment: Segment, detections: readonly Detection[]) => detections.filter((d) => d.file === segment.name).map((d) => (d.atMs - segment.startMs) / 1000);

describe('neighbourWindow', () => {
  it('tries short reads first, four times longer each time, on whole seconds, and the whole file once a try would pass half of it', () => {
    // Act
    const tails = tailReads(600, rules);
    const heads = headReads(600, rules);

    // Assess
    expect(tails).toEqual([
      { fromSec: 594, toSec: 600 },
      { fromSec: 578, toSec: 600 },
      { fromSec: 512, toSec: 600 },
      { fromSec: 0, toSec: 600 },
    ]);
    expect(heads).toEqual([
      { fromSec: 0, toSec: 4 },
      { fromSec: 0, toSec: 16 },
      { fromSec: 0, toSec: 64 },
      { fromSec: 0, toSec: 256 },
      { fromSec: 0, toSec: 600 },
    ]);
    expect(tailReads(5, rules)).toEqual([{ fromSec: 0, toSec: 5 }]);
  });

  it('cuts the tail in the last quiet moment before the order that runs across the boundary', () => {
    // Prepare: an order at 73–78.4 s, then one from 87.4 s to the end of the file
    const reads = [...read(P, 'A', 73, 78.4), ...read(P, 'B', 87.4, 89.8)];

    // Act
    const tooShort = tailCut(secs(P, reads.filter((d) => d.atMs >= P.startMs + 84_000)), { fromSec: 84, toSec: 90 }, 90, rules);
    const cut = tailCut(secs(P, reads.filter((d) => d.atMs >= P.startMs + 78_000)), { fromSec: 78, toSec: 90 }, 90, rules);
    const whole = tailCut(secs(P, reads), { fromSec: 0, toSec: 90 }, 90, rules);

    // Assess
    expect(tooShort).toBeNull();
    expect(cut).toBeCloseTo((78 + SEEK_SETTLE_SEC + 87.4) / 2);
    expect(whole).toBeCloseTo((78.4 + 87.4) / 2);
  });

  it('needs nothing of a tail whose last order ends early enough that its clip cannot reach the next file', () => {
    // Prepare
    const reads = read(P, 'A', 80, 84);

    // Act
    const cut = tailCut(secs(P, reads), { fromSec: 78, toSec: 90 }, 90, rules);
    const longPost = tailCut(secs(P, reads), { fromSec: 78, toSec: 90 }, 90, { ...rules, postBufferSec: 6 });

    // Assess: the quiet moment runs to the end, so no order of this file starts after it
    expect(cut).toBeCloseTo(87);
    expect(longPost, 'a 6 s post-buffer after 84 s reaches the next file').toBeNull();
  });

  it('finds no quiet moment while a label lies in view, so the read grows', () => {
    // Prepare: one code seen the whole time
    const reads = read(P, 'A', 0, 89.8);

    // Act
    const partial = tailReads(90, rules).map((r) => tailCut(secs(P, reads.filter((d) => d.atMs >= P.startMs + r.fromSec * 1000)), r, 90, rules));

    // Assess
    expect(partial.every((cut) => cut === null)).toBe(true);
  });

  it('with endAt nextCode, a quiet moment counts only when the next order starts inside the read', () => {
    // Prepare
    const reads = read(P, 'A', 70, 75);

    // Act
    const nextCode = tailCut(secs(P, reads), { fromSec: 69, toSec: 90 }, 90, { ...rules, endAt: 'nextCode' });
    const lastSeen = tailCut(secs(P, reads), { fromSec: 69, toSec: 90 }, 90, rules);

    // Assess: A lasts until the next code, which may be in the next file; seen last at 75 s, it ends there
    expect(nextCode).toBeNull();
    expect(lastSeen).toBeCloseTo(82.5);
  });

  it('knows the head is complete once a quiet moment follows the reads that continue an order', () => {
    // Prepare: B continues to 2.6 s, C starts at 9.8 s
    const reads = [...read(F, 'B', 0, 2.6), ...read(F, 'C', 9.8, 14.2)];

    // Act
    const short = headComplete(secs(F, reads.filter((d) => d.atMs <= F.startMs + 4000)), { fromSec: 0, toSec: 4 }, 90, rules);
    const enough = headComplete(secs(F, reads.filter((d) => d.atMs <= F.startMs + 16_000)), { fromSec: 0, toSec: 16 }, 90, rules);

    // Assess
    expect(short).toBe(false);
    expect(enough).toBe(true);
  });

  describe('events equal reading the neighbour whole (random packing days)', () => {
    const shape = (e: ProcessingEvent) => JSON.stringify({ ...e, files: e.files.map((f) => [f.name, f.fromSec, f.toSec]) });
    const options: Partial<EventBuilderOptions>[] = [{}, { postBufferSec: 8, gapToleranceSec: 5 }, { endAt: 'nextCode' }, { maxPackingSec: 20 }];

    for (const [n, opts] of options.entries()) {
      it(`rules ${JSON.stringify(opts)}`, () => {
        const full = { ...rules, ...opts };
        let seed = 7 + n;
        const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
        for (let day = 0; day < 80; day += 1) {
          // Prepare: orders of random length and gaps across both files, sometimes two labels at once
          const reads: Detection[] = [];
          let t = random() * 10;
          let code = 0;
          while (t < 175) {
            const length = 1 + random() * (random() < 0.1 ? 60 : 8);
            const end = Math.min(t + length, 179.8);
            for (const [segment, from, to] of [[P, t, Math.min(end, 89.8)], [F, Math.max(t, 90) - 90, end - 90]] as const) {
              if (to >= from) reads.push(...read(segment, `C${code}`, Math.round(from * 5) / 5, to));
            }
            const second = Math.round((t + 1) * 5) / 5;
            if (random() < 0.2) reads.push(...read(second < 90 ? P : F, `D${code}`, second % 90, Math.min((second % 90) + 0.6, 89.8)));
            code += 1;
            t = end + 0.4 + random() * 12;
          }
          const inP = reads.filter((d) => d.file === P.name);
          const inF = reads.filter((d) => d.file === F.name);
          const whole = buildEvents({ segments: [P, F], detections: reads, options: opts });

          // Act + Assess: the previous file's tail beside the new file
          const tail = tailReads(90, full).map((r) => ({ r, cut: tailCut(secs(P, inP.filter((d) => d.atMs >= P.startMs + r.fromSec * 1000)), r, 90, full) })).find((x) => x.cut !== null || x.r.fromSec === 0)!;
          const cutMs = tail.cut === null ? P.startMs : P.startMs + tail.cut * 1000;
          const windowed = buildEvents({ segments: [P, F], detections: [...inP.filter((d) => d.atMs >= cutMs), ...inF], options: opts }).filter((e) => e.startMs >= cutMs);
          expect(windowed.map(shape), `day ${day}: tail from ${tail.r.fromSec}`).toEqual(whole.filter((e) => e.startMs >= cutMs).map(shape));
          const alone = buildEvents({ segments: [P], detections: inP, options: opts });
          expect(whole.filter((e) => e.startMs < cutMs).map(shape), `day ${day}: orders before the cut do not change with the next file`).toEqual(alone.filter((e) => e.startMs < cutMs).map(shape));

          // Act + Assess: the next file's head beside the previous file
          const head = headReads(90, full).find((r) => headComplete(secs(F, inF.filter((d) => d.atMs <= F.startMs + r.toSec * 1000)), r, 90, full))!;
          const headed = buildEvents({ segments: [P, F], detections: [...inP, ...inF.filter((d) => d.atMs <= F.startMs + head.toSec * 1000)], options: opts }).filter((e) => e.startMs < F.startMs);
          expect(headed.map(shape), `day ${day}: head to ${head.toSec}`).toEqual(whole.filter((e) => e.startMs < F.startMs).map(shape));
        }
      });
    }
  });
});
