// Which parts of a frame changed since the previous analysed frame, block by block,
// so the reader can keep what it found where nothing moved. Plain JavaScript for the
// same reason as zxingPixmapReader.mjs. Types: blockChanges.d.mts.

/**
 * A 16 px block has changed when the mean absolute difference of its sampled pixels
 * (rows 2, 6, 10 and 14 of the block, every pixel of each) exceeds 8 grey levels.
 * Measured on the generated label footage (H.264, CRF 26, temporal noise): a still
 * picture differs by 0–2 levels (most blocks of a still area are bit-identical
 * between P-frames), while a label shifted by one pixel, a hand, a new parcel or
 * motion blur differ by 15 to over 100. Rows are enough: bars moved across the rows
 * change every sampled row, bars moved along them do not change the picture a
 * reader sees.
 */
export const DEFAULT_CHANGE_OPTIONS = Object.freeze({ block: 16, threshold: 8 });

/** Sampled rows per block, evenly spaced: block/8 + k * block/4. */
const SAMPLED_ROWS = 4;

/**
 * Compares `data` with `previous` (both `width * height` 8-bit luma) on the block
 * grid `ceil(width / block)` x `ceil(height / block)` (edge blocks may be partial)
 * and sets changed[i] to 1 or 0. Returns how many blocks changed. Rows of four
 * identical pixels are compared as one 32-bit word first (still areas of H.264
 * footage mostly are), so a still frame costs about 16 comparisons per block.
 */
export function markChangedBlocks(previous, data, width, height, changed, options = DEFAULT_CHANGE_OPTIONS) {
  const B = options.block;
  const limit = options.threshold;
  const cw = Math.ceil(width / B);
  const ch = Math.ceil(height / B);
  const wordWise = width % 4 === 0 && B % 4 === 0 && data.byteOffset % 4 === 0 && previous.byteOffset % 4 === 0;
  const size = (width * height) >> 2;
  const now32 = wordWise ? new Uint32Array(data.buffer, data.byteOffset, size) : undefined;
  const was32 = wordWise ? new Uint32Array(previous.buffer, previous.byteOffset, size) : undefined;
  const step = Math.max(1, Math.floor(B / SAMPLED_ROWS));
  let count = 0;
  for (let by = 0; by < ch; by += 1) {
    const y0 = by * B;
    const y1 = Math.min(height, y0 + B);
    for (let bx = 0; bx < cw; bx += 1) {
      const x0 = bx * B;
      const x1 = Math.min(width, x0 + B);
      let sum = 0;
      let samples = 0;
      for (let y = Math.min(y0 + (step >> 1), y1 - 1); y < y1; y += step) {
        const row = y * width;
        samples += x1 - x0;
        if (wordWise && x1 - x0 === B) {
          let w = (row + x0) >> 2;
          const end = w + (B >> 2);
          while (w < end && now32[w] === was32[w]) w += 1;
          if (w === end) continue;
        }
        for (let i = row + x0, end = row + x1; i < end; i += 1) {
          const d = data[i] - previous[i];
          sum += d < 0 ? -d : d;
        }
      }
      const moved = sum > limit * samples ? 1 : 0;
      changed[by * cw + bx] = moved;
      count += moved;
    }
  }
  return count;
}

/** Whether any block of the `ceil(width / block)` wide grid under `rect` is flagged in `changed`. */
export function anyChanged(changed, width, height, rect, block) {
  const cw = Math.ceil(width / block);
  const ch = Math.ceil(height / block);
  const bx0 = Math.max(0, Math.floor(rect.x / block));
  const by0 = Math.max(0, Math.floor(rect.y / block));
  const bx1 = Math.min(cw - 1, Math.floor((rect.x + rect.width - 1) / block));
  const by1 = Math.min(ch - 1, Math.floor((rect.y + rect.height - 1) / block));
  for (let by = by0; by <= by1; by += 1) {
    for (let bx = bx0, i = by * cw + bx0; bx <= bx1; bx += 1, i += 1) if (changed[i]) return true;
  }
  return false;
}
