import { describe, expect, it } from 'vitest';
import { buildEvents } from '../../../../core/processing/events/buildEvents';
import { ValidationError } from '../../../../core/errors';
import type { Detection } from '../../../../core/processing/types/detection';
import type { Segment } from '../../../../core/processing/types/segment';

const T0 = Date.UTC(2025, 6, 18, 2, 30, 0);
const seg = (name: string, offsetSec: number, durationSec: number, camera = 'Cam1'): Segment => ({
  path: `/v/${name}`,
  name,
  camera,
  startMs: T0 + offsetSec * 1000,
  durationSec,
});
/** Sightings of `code` every 0.2 s from `fromSec` to `toSec` (absolute seconds from T0), attributed to the right segment. */
function seen(code: string, fromSec: number, toSec: number, segments: Segment[]): Detection[] {
  const out: Detection[] = [];
  for (let t = fromSec; t <= toSec + 1e-9; t += 0.2) {
    const atMs = Math.round(T0 + t * 1000);
    const s = segments.find((x) => x.startMs <= atMs && atMs < x.startMs + x.durationSec * 1000) ?? segments[0]!;
    out.push({ code, carrier: 'X', symbology: 'QRCode', atMs, file: s.name, bbox: { x: 1, y: 2, width: 3, height: 4 } });
  }
  return out;
}
const noBuffers = { preBufferSec: 0, postBufferSec: 0 };

describe('buildEvents', () => {
  it('turns one code in view into one event from first to last sighting', () => {
    // Prepare
    const segments = [seg('a.mp4', 0, 60)];
    // Act
    const events = buildEvents({ segments, detections: seen('GHN1', 10, 15, segments), options: noBuffers });
    // Assess
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ trackingCodes: ['GHN1'], camera: 'Cam1', startMs: T0 + 10_000, endMs: T0 + 15_000, truncated: false });
    expect(events[0]!.files).toEqual([{ name: 'a.mp4', path: '/v/a.mp4', fromSec: 10, toSec: 15 }]);
  });

  it('bridges gaps up to the tolerance (a hand over the label) but not longer ones', () => {
    const segments = [seg('a.mp4', 0, 60)];
    const detections = [...seen('GHN1', 10, 12, segments), ...seen('GHN1', 14, 16, segments), ...seen('GHN1', 30, 31, segments)];
    const events = buildEvents({ segments, detections, options: { ...noBuffers, gapToleranceSec: 3 } });
    expect(events.map((e) => [e.startMs - T0, e.endMs - T0])).toEqual([
      [10_000, 16_000],
      [30_000, 31_000],
    ]);
  });

  it('makes the same code seen again later a second event', () => {
    const segments = [seg('a.mp4', 0, 120)];
    const detections = [...seen('GHN1', 5, 8, segments), ...seen('GHN1', 60, 64, segments)];
    const events = buildEvents({ segments, detections, options: noBuffers });
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.trackingCodes.join() === 'GHN1')).toBe(true);
  });

  it('joins two codes in view at the same time into one order with both codes', () => {
    const segments = [seg('a.mp4', 0, 60)];
    const detections = [...seen('GHN1', 10, 16, segments), ...seen('SPXVN2', 11, 17, segments)];
    const events = buildEvents({ segments, detections, options: noBuffers });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ trackingCodes: ['GHN1', 'SPXVN2'], startMs: T0 + 10_000, endMs: T0 + 17_000 });
  });

  it('keeps a label swap (one leaves as the next arrives) as two orders', () => {
    const segments = [seg('a.mp4', 0, 60)];
    const detections = [...seen('GHN1', 10, 16, segments), ...seen('SPXVN2', 15.8, 22, segments)];
    const events = buildEvents({ segments, detections, options: noBuffers });
    expect(events.map((e) => e.trackingCodes)).toEqual([['GHN1'], ['SPXVN2']]);
  });

  it('makes an order that runs across two consecutive files one event listing both slices', () => {
    const segments = [seg('a.mp4', 0, 90), seg('b.mp4', 90, 90)];
    const events = buildEvents({ segments, detections: seen('GHN1', 87.4, 92.6, segments), options: { preBufferSec: 1, postBufferSec: 1 } });
    expect(events).toHaveLength(1);
    expect(events[0]!.files).toEqual([
      { name: 'a.mp4', path: '/v/a.mp4', fromSec: 86.4, toSec: 90 },
      { name: 'b.mp4', path: '/v/b.mp4', fromSec: 0, toSec: 3.6 },
    ]);
  });

  it('adds the buffers to the clip window but clamps it to the footage', () => {
    const segments = [seg('a.mp4', 0, 20)];
    const events = buildEvents({ segments, detections: seen('GHN1', 1, 19, segments), options: { preBufferSec: 5, postBufferSec: 5 } });
    expect(events[0]).toMatchObject({ clipStartMs: T0, clipEndMs: T0 + 20_000, startMs: T0 + 1000, endMs: T0 + 19_000 });
  });

  it('does not stretch a clip across a hole in the recording', () => {
    const segments = [seg('a.mp4', 0, 30), seg('b.mp4', 100, 30)];
    const events = buildEvents({ segments, detections: seen('GHN1', 101, 105, segments), options: { preBufferSec: 10, postBufferSec: 0 } });
    expect(events[0]!.clipStartMs).toBe(T0 + 100_000);
    expect(events[0]!.files.map((f) => f.name)).toEqual(['b.mp4']);
  });

  it('drops orders shorter than the minimum packing time and cuts ones longer than the maximum', () => {
    const segments = [seg('a.mp4', 0, 900)];
    const detections = [...seen('GLIMPSE1', 5, 5.4, segments), ...seen('LEFTOUT1', 100, 800, segments)];
    const events = buildEvents({ segments, detections, options: { ...noBuffers, minPackingSec: 1, maxPackingSec: 300 } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ trackingCodes: ['LEFTOUT1'], startMs: T0 + 100_000, endMs: T0 + 400_000, truncated: true });
    expect(events[0]!.detections.every((d) => d.atMs <= T0 + 400_000)).toBe(true);
  });

  it('needs minDetections reads before a code counts', () => {
    const segments = [seg('a.mp4', 0, 60)];
    const detections = [...seen('ONCE1', 5, 5, segments), ...seen('OFTEN1', 20, 22, segments)];
    const events = buildEvents({ segments, detections, options: { ...noBuffers, minDetections: 3 } });
    expect(events.map((e) => e.trackingCodes[0])).toEqual(['OFTEN1']);
  });

  it('in nextCode mode lets an order last until the next code appears, or to the end of the footage', () => {
    const segments = [seg('a.mp4', 0, 60)];
    const detections = [...seen('GHN1', 5, 6, segments), ...seen('GHN2', 30, 31, segments)];
    const events = buildEvents({ segments, detections, options: { ...noBuffers, endAt: 'nextCode' } });
    expect(events.map((e) => [e.startMs - T0, e.endMs - T0])).toEqual([
      [5_000, 30_000],
      [30_000, 60_000],
    ]);
  });

  it('builds events per camera and never mixes cameras', () => {
    const a = [seg('Cam1_a.mp4', 0, 60, 'Cam1')];
    const b = [seg('Cam2_a.mp4', 0, 60, 'Cam2')];
    const detections = [...seen('GHN1', 10, 15, a), ...seen('GHN2', 10, 15, b)];
    const events = buildEvents({ segments: [...a, ...b], detections, options: noBuffers });
    expect(events.map((e) => [e.camera, e.trackingCodes.join()])).toEqual([
      ['Cam1', 'GHN1'],
      ['Cam2', 'GHN2'],
    ]);
  });

  it('returns no events when nothing was detected', () => {
    expect(buildEvents({ segments: [seg('a.mp4', 0, 60)], detections: [] })).toEqual([]);
  });

  it('rejects nonsense options with the field name', () => {
    const run = (): unknown => buildEvents({ segments: [], detections: [], options: { preBufferSec: -1 } });
    expect(run).toThrow(ValidationError);
    expect(run).toThrow(/preBufferSec/);
    expect(() => buildEvents({ segments: [], detections: [], options: { minPackingSec: 10, maxPackingSec: 5 } })).toThrow(/maxPackingSec/);
  });
});
