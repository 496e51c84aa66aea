import { describe, expect, it } from 'vitest';
import { findLabelRegions, rotateInto, rotatedSize } from '../../../../adapters/barcode/findLabelRegions.mjs';

const W = 320;
const H = 240;

/** A grey frame with seeded sensor noise (±6 levels). */
function noisyFrame(seed = 1): Uint8Array {
  const frame = new Uint8Array(W * H);
  let s = seed;
  for (let i = 0; i < frame.length; i += 1) {
    s = (s * 1103515245 + 12345) >>> 0;
    frame[i] = 120 + ((s >>> 16) % 13) - 6;
  }
  return frame;
}

/** Draws white paper with vertical bars (2 px modules) at x0..x0+w, y0..y0+h, rotated by `angle` about its centre. */
function drawBars(frame: Uint8Array, x0: number, y0: number, w: number, h: number, angle = 0): void {
  const cx = x0 + w / 2;
  const cy = y0 + h / 2;
  for (let y = 0; y < H; y += 1) {
    for (let x = 0; x < W; x += 1) {
      const u = (x - cx) * Math.cos(angle) + (y - cy) * Math.sin(angle) + w / 2;
      const v = -(x - cx) * Math.sin(angle) + (y - cy) * Math.cos(angle) + h / 2;
      if (u < 0 || u >= w || v < 0 || v >= h) continue;
      const inCode = u >= 10 && u < w - 10 && v >= 6 && v < h - 6;
      frame[y * W + x] = inCode && Math.floor(u / 2) % 3 === 0 ? 30 : 235;
    }
  }
}

/** A 3x3 box blur: a camera's picture is never aliased like the drawing above. */
function blurred(frame: Uint8Array): Uint8Array {
  const out = new Uint8Array(frame);
  for (let y = 1; y < H - 1; y += 1) {
    for (let x = 1; x < W - 1; x += 1) {
      let sum = 0;
      for (let dy = -1; dy <= 1; dy += 1) for (let dx = -1; dx <= 1; dx += 1) sum += frame[(y + dy) * W + x + dx]!;
      out[y * W + x] = Math.round(sum / 9);
    }
  }
  return out;
}

describe('findLabelRegions', () => {
  it('finds nothing on a flat noisy table', () => {
    expect(findLabelRegions(noisyFrame(), W, H)).toEqual([]);
  });

  it('finds a barcode-textured patch and covers it with a margin, bars across the x axis', () => {
    // Prepare
    const frame = noisyFrame();
    drawBars(frame, 100, 80, 120, 50);
    // Act
    const regions = findLabelRegions(frame, W, H, { margin: 8 });
    // Assess
    expect(regions).toHaveLength(1);
    const [r] = regions;
    expect(r!.x).toBeLessThanOrEqual(110);
    expect(r!.x + r!.width).toBeGreaterThanOrEqual(210);
    expect(r!.y).toBeLessThanOrEqual(86);
    expect(r!.y + r!.height).toBeGreaterThanOrEqual(124);
    expect(r!.coherence).toBeGreaterThan(0.5);
    expect(Math.abs(Math.sin(r!.angle))).toBeLessThan(0.1);
  });

  it('measures the tilt of tilted bars and straightens them', () => {
    // Prepare
    const drawn = noisyFrame(2);
    const tilt = (25 * Math.PI) / 180;
    drawBars(drawn, 100, 80, 120, 60, tilt);
    const frame = blurred(drawn);
    // Act
    const [region] = findLabelRegions(frame, W, H, { margin: 8 });
    const size = rotatedSize(region!, region!.angle);
    const out = new Uint8Array(size.width * size.height);
    rotateInto(frame, W, H, region!, region!.angle, out, size);
    // Assess: the measured direction is the tilt within 4° (the paper's outline pulls
    // it a little; a row still crosses every bar of a code 10x wider than that slope
    // is tall), and after straightening one row through the middle crosses bars
    // (many steps) while one column does not.
    expect(Math.abs(region!.angle - tilt)).toBeLessThan((4 * Math.PI) / 180);
    const steps = (values: number[]): number => values.slice(1).filter((v, i) => Math.abs(v - values[i]!) > 60).length;
    const mid = Math.floor(size.height / 2);
    const row = Array.from(out.subarray(mid * size.width, (mid + 1) * size.width));
    const column = Array.from({ length: 30 }, (_, k) => out[(mid - 15 + k) * size.width + Math.floor(size.width / 2)]!);
    expect(steps(row)).toBeGreaterThan(20);
    expect(steps(column)).toBeLessThan(3);
  });
});
