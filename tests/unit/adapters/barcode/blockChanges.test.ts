import { describe, expect, it } from 'vitest';
import { anyChanged, markChangedBlocks } from '../../../../adapters/barcode/blockChanges.mjs';

/** A grey table with seeded noise (±`amp` levels) and, optionally, vertical bars (2 px modules) at x0..x0+w, y0..y0+h. */
function frame(width: number, height: number, seed: number, amp: number, bars?: { x0: number; y0: number; w: number; h: number; shift?: number }): Uint8Array {
  const out = new Uint8Array(width * height);
  let s = seed;
  for (let i = 0; i < out.length; i += 1) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = 120 + ((s >>> 16) % (2 * amp + 1)) - amp;
  }
  if (bars) {
    for (let y = bars.y0; y < bars.y0 + bars.h; y += 1) {
      for (let x = bars.x0; x < bars.x0 + bars.w; x += 1) out[y * width + x] = Math.floor((x + (bars.shift ?? 0)) / 2) % 3 === 0 ? 30 : 235;
    }
  }
  return out;
}

describe('markChangedBlocks', () => {
  it('finds no change between two frames that differ by sensor noise only', () => {
    // Prepare
    const changed = new Uint8Array(20 * 15);
    // Act
    const count = markChangedBlocks(frame(320, 240, 1, 4), frame(320, 240, 2, 4), 320, 240, changed);
    // Assess
    expect(count).toBe(0);
    expect(changed.every((c) => c === 0)).toBe(true);
  });

  it('marks exactly the blocks under a label moved by one pixel', () => {
    // Prepare: bars over blocks x 4..7, y 2..4 (64..127, 32..79)
    const before = frame(320, 240, 1, 0, { x0: 64, y0: 32, w: 64, h: 48 });
    const after = frame(320, 240, 1, 0, { x0: 64, y0: 32, w: 64, h: 48, shift: 1 });
    const changed = new Uint8Array(20 * 15);
    // Act
    const count = markChangedBlocks(before, after, 320, 240, changed);
    // Assess
    expect(count).toBe(4 * 3);
    for (let by = 0; by < 15; by += 1) {
      for (let bx = 0; bx < 20; bx += 1) expect(changed[by * 20 + bx], `block ${bx},${by}`).toBe(bx >= 4 && bx <= 7 && by >= 2 && by <= 4 ? 1 : 0);
    }
  });

  it('sees a change in the partial blocks at the right and bottom edges of a frame not a multiple of the block size', () => {
    // Prepare: 330x250 → a 21x16 grid whose last column is 10 px wide and last row 10 px tall
    const before = frame(330, 250, 1, 0);
    const after = frame(330, 250, 1, 0, { x0: 322, y0: 242, w: 8, h: 8 });
    const changed = new Uint8Array(21 * 16);
    // Act
    const count = markChangedBlocks(before, after, 330, 250, changed);
    // Assess
    expect(count).toBe(1);
    expect(changed[15 * 21 + 20]).toBe(1);
    expect(anyChanged(changed, 330, 250, { x: 300, y: 200, width: 30, height: 50 }, 16)).toBe(true);
    expect(anyChanged(changed, 330, 250, { x: 0, y: 0, width: 320, height: 240 }, 16)).toBe(false);
  });

  it('compares frames that do not start on a 4-byte boundary byte by byte', () => {
    // Prepare: views one byte into their buffers (no 32-bit shortcut possible)
    const a = new Uint8Array(320 * 240 + 1);
    const b = new Uint8Array(320 * 240 + 1);
    a.set(frame(320, 240, 1, 0), 1);
    b.set(frame(320, 240, 1, 0, { x0: 0, y0: 0, w: 16, h: 16 }), 1);
    const changed = new Uint8Array(20 * 15);
    // Act
    const count = markChangedBlocks(a.subarray(1), b.subarray(1), 320, 240, changed);
    // Assess
    expect(count).toBe(1);
    expect(changed[0]).toBe(1);
  });
});
