// Where on a frame a label can be: a cheap texture test on a block grid, so the
// barcode reader only looks at a few crops at full resolution instead of the whole
// frame at every angle. Plain JavaScript for the same reason as zxingPixmapReader.mjs
// (the worker thread loads it without a TypeScript loader). Types: findLabelRegions.d.mts.

/**
 * Defaults measured on the generated label footage (tests/integration/processing/
 * labelRecall.test.ts): a 16 px block is busy when at least 6 of its 56 sampled
 * differences (pixels two apart) exceed 24 grey levels — every symbol tested (QR down to 80 px,
 * Code128 down to ~1.3 px per module, contrast down to 0.4, blurred, JPEG'd) lights
 * its blocks, while a wood-grain table with sensor noise lights almost none. The
 * 64 px margin matters: zxing reads 1D symbols with a threshold per scan line, and a
 * crop tight around a label (12 or 40 px) lost a glared Code128 the whole frame reads.
 */
export const DEFAULT_REGION_OPTIONS = Object.freeze({ block: 16, edgeThreshold: 24, minEdges: 6, minBlocks: 4, margin: 64, maxRegions: 12 });

/**
 * Finds rectangles with barcode-like texture. Each 16x16 block is sampled on two rows
 * (differences between pixels two apart) and two columns (the same vertically):
 * bars and modules give many strong steps, flat paper, table and skin few. Busy
 * blocks are grown by one block (so the quiet gaps inside a symbol do not split it)
 * and grouped into 8-connected regions; each region's bounding box, with a margin,
 * is returned (and `core`, the busy blocks' box without the margin) with the dominant gradient direction of its pixels (radians, for
 * straightening tilted 1D symbols) and how strongly one direction dominates (0..1).
 * Cost: about 56 differences per block, ~1 ms for a 1280x720 frame.
 */
export function findLabelRegions(data, width, height, options = {}) {
  const o = { ...DEFAULT_REGION_OPTIONS, ...options };
  const bw = Math.floor(width / o.block);
  const bh = Math.floor(height / o.block);
  if (bw === 0 || bh === 0) return [];
  const busy = new Uint8Array(bw * bh);
  markBusyBlocks(data, width, height, o, busy);
  const kept = groupBusyBlocks(busy, width, height, o);
  for (const region of kept) Object.assign(region, gradientDirection(data, width, region));
  return kept;
}

/**
 * The texture test of findLabelRegions: busy[i] = 1 for each busy block of the
 * `floor(width / block)` x `floor(height / block)` grid, 0 for the others. A block's
 * verdict depends on its own pixels only, so with `changed` (one flag per block of
 * the `ceil(width / block)` wide grid of blockChanges.mjs) only the blocks flagged there
 * are tested again and the others keep what `busy` already holds.
 */
export function markBusyBlocks(data, width, height, options, busy, changed) {
  const B = options.block;
  const bw = Math.floor(width / B);
  const bh = Math.floor(height / B);
  const cw = Math.ceil(width / B);
  const T = options.edgeThreshold;
  const r1 = B >> 2;
  const r2 = B - r1;
  const w2 = 2 * width;
  for (let by = 0; by < bh; by += 1) {
    const y0 = by * B;
    for (let bx = 0; bx < bw; bx += 1) {
      if (changed && changed[by * cw + bx] === 0) continue;
      const x0 = bx * B;
      let edges = 0;
      for (let k = 0, r = r1; k < 2; k += 1, r = r2) {
        let at = (y0 + r) * width + x0;
        for (let x = 2; x < B; x += 1, at += 1) {
          const d = data[at + 2] - data[at];
          if (d > T || d < -T) edges += 1;
        }
        at = y0 * width + x0 + r;
        for (let y = 2; y < B; y += 1, at += width) {
          const d = data[at + w2] - data[at];
          if (d > T || d < -T) edges += 1;
        }
      }
      busy[by * bw + bx] = edges >= options.minEdges ? 1 : 0;
    }
  }
}

/**
 * Groups busy blocks (grown by one block) into 8-connected regions of at least
 * `minBlocks` busy blocks; returns the `maxRegions` busiest, each boxed with the
 * margin, with `core` (the busy blocks' box) and `busyBlocks`, but no direction yet.
 */
export function groupBusyBlocks(busy, width, height, options) {
  const o = options;
  const B = o.block;
  const bw = Math.floor(width / B);
  const bh = Math.floor(height / B);
  // Grow by one block, then label 8-connected groups.
  const grown = new Uint8Array(bw * bh);
  for (let by = 0; by < bh; by += 1) {
    for (let bx = 0; bx < bw; bx += 1) {
      if (!busy[by * bw + bx]) continue;
      for (let dy = -1; dy <= 1; dy += 1) {
        const y = by + dy;
        if (y < 0 || y >= bh) continue;
        for (let dx = -1; dx <= 1; dx += 1) {
          const x = bx + dx;
          if (x >= 0 && x < bw) grown[y * bw + x] = 1;
        }
      }
    }
  }
  const seen = new Uint8Array(bw * bh);
  const stack = [];
  const regions = [];
  for (let start = 0; start < bw * bh; start += 1) {
    if (!grown[start] || seen[start]) continue;
    let minX = bw;
    let minY = bh;
    let maxX = -1;
    let maxY = -1;
    let busyCount = 0;
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop();
      const x = i % bw;
      const y = (i - x) / bw;
      if (busy[i]) {
        busyCount += 1;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
      for (let dy = -1; dy <= 1; dy += 1) {
        const ny = y + dy;
        if (ny < 0 || ny >= bh) continue;
        for (let dx = -1; dx <= 1; dx += 1) {
          const nx = x + dx;
          if (nx < 0 || nx >= bw) continue;
          const n = ny * bw + nx;
          if (grown[n] && !seen[n]) {
            seen[n] = 1;
            stack.push(n);
          }
        }
      }
    }
    if (busyCount < o.minBlocks) continue;
    const x = Math.max(0, minX * B - o.margin);
    const y = Math.max(0, minY * B - o.margin);
    const x2 = Math.min(width, (maxX + 1) * B + o.margin);
    const y2 = Math.min(height, (maxY + 1) * B + o.margin);
    const core = { x: minX * B, y: minY * B, width: (maxX - minX + 1) * B, height: (maxY - minY + 1) * B };
    regions.push({ x, y, width: x2 - x, height: y2 - y, busyBlocks: busyCount, core });
  }
  regions.sort((a, b) => b.busyBlocks - a.busyBlocks);
  return regions.slice(0, o.maxRegions);
}

/**
 * Dominant gradient direction of a rectangle (structure tensor on every other pixel):
 * for a 1D symbol the direction across its bars. `coherence` is near 1 for parallel
 * bars and near 0 for a QR code or text.
 */
export function gradientDirection(data, width, rect) {
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  const x2 = rect.x + rect.width - 1;
  const y2 = rect.y + rect.height - 1;
  for (let y = rect.y + 1; y < y2; y += 2) {
    let at = y * width + rect.x + 1;
    for (let x = rect.x + 1; x < x2; x += 2, at += 2) {
      const gx = data[at + 1] - data[at - 1];
      const gy = data[at + width] - data[at - width];
      sxx += gx * gx;
      syy += gy * gy;
      sxy += gx * gy;
    }
  }
  const total = sxx + syy;
  if (total === 0) return { angle: 0, coherence: 0 };
  return { angle: 0.5 * Math.atan2(2 * sxy, sxx - syy), coherence: Math.sqrt((sxx - syy) ** 2 + 4 * sxy * sxy) / total };
}

/**
 * Copies `rect` of the frame into `out` rotated by `-angle` (bilinear), so a symbol
 * whose bars run across `angle` ends up with vertical bars. `out` must hold
 * `size.width * size.height` bytes; see rotatedSize. Returns the mapping from output
 * pixels back to frame pixels.
 */
export function rotatedSize(rect, angle) {
  const c = Math.abs(Math.cos(angle));
  const s = Math.abs(Math.sin(angle));
  return { width: Math.ceil(rect.width * c + rect.height * s), height: Math.ceil(rect.width * s + rect.height * c) };
}

export function rotateInto(data, width, height, rect, angle, out, size) {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const cx = rect.x + rect.width / 2;
  const cy = rect.y + rect.height / 2;
  const ox = size.width / 2;
  const oy = size.height / 2;
  let at = 0;
  for (let v = 0; v < size.height; v += 1) {
    const dy = v + 0.5 - oy;
    for (let u = 0; u < size.width; u += 1, at += 1) {
      const dx = u + 0.5 - ox;
      // Output pixel (dx, dy) comes from the frame point rotated by +angle.
      const sx = cx + dx * cos - dy * sin - 0.5;
      const sy = cy + dx * sin + dy * cos - 0.5;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) {
        out[at] = 255;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * width + x0;
      const top = data[i] + (data[i + 1] - data[i]) * fx;
      const bottom = data[i + width] + (data[i + width + 1] - data[i + width]) * fx;
      out[at] = (top + (bottom - top) * fy + 0.5) | 0;
    }
  }
  return (u, v) => {
    const dx = u - ox;
    const dy = v - oy;
    return { x: cx + dx * cos - dy * sin, y: cy + dx * sin + dy * cos };
  };
}
