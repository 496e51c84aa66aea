// The `regions` search of zxingPixmapReader.mjs: read only where a label can be, and
// only again where the picture changed. Plain JavaScript for the same reason as
// zxingPixmapReader.mjs (the worker thread loads it without a TypeScript loader).
import { anyChanged, DEFAULT_CHANGE_OPTIONS, markChangedBlocks } from './blockChanges.mjs';
import { DEFAULT_REGION_OPTIONS, gradientDirection, groupBusyBlocks, markBusyBlocks, rotateInto, rotatedSize } from './findLabelRegions.mjs';

/** Symbologies whose detectors find a symbol at any rotation (no tryRotate needed). */
const ROTATION_FREE_FORMATS = ['QRCode', 'MicroQRCode', 'rMQRCode', 'DataMatrix', 'Aztec'];
/** 2D symbols are read on the busy blocks plus this margin (their quiet zone is 1–4 modules). */
const MATRIX_MARGIN = 16;
/** Below this coherence a region has no dominant direction; its 1D pass runs both ways. */
const AMBIGUOUS_COHERENCE = 0.2;
/** A tilted 1D symbol is straightened when its bars dominate (coherence) and lie this far off the axes. */
const STRAIGHTEN_MIN_COHERENCE = 0.35;
const STRAIGHTEN_MIN_TILT = (8 * Math.PI) / 180;

/**
 * Reuse of earlier reads where nothing changed (DEFAULT_REUSE): a region whose
 * every block is unchanged since its last read (blockChanges.mjs) gets that read's
 * result again instead of a new one, at most `maxReuses` frames in a row when
 * something was read there (re-confirmed every 2 s at 5 fps) and `maxEmptyReuses`
 * when nothing was (so a label that became readable without visibly changing
 * waits at most 0.6 s). The texture test of unchanged blocks is kept too; every
 * `refreshEvery` frames all blocks are tested again.
 */
export const DEFAULT_REUSE = Object.freeze({ maxReuses: 9, maxEmptyReuses: 2, refreshEvery: 25 });

/**
 * `session` is the zxing module and helpers of createPixmapReader: `zxing`, `heapFor(size)`
 * (a reused wasm buffer), `decode(at, width, height, zxOptions, place, reads)` and
 * `zxingOptions(formats, tryHarder, tryRotate)`; `linearFormats` names the 1D symbologies.
 *
 * Per crop, instead of zxing's tryRotate (which, when nothing is found, runs every
 * detector again at 90°, 180° and 270°: 4x the cost on every crop that holds no
 * readable code):
 * - 2D symbols on the busy blocks plus a small margin: QR / DataMatrix / Aztec
 *   detectors find a symbol at any rotation, so once; PDF417 (read along its rows)
 *   also transposed when the region's bars lie sideways;
 * - 1D symbols on the whole crop (its wide margin is their quiet zone), every row
 *   (every other row lost a glared Code128 that only a few rows read: zxing wants
 *   two agreeing rows), once in the
 *   orientation that puts the region's bars upright (the crop transposed when its
 *   dominant gradient is vertical), both ways when the region has no dominant
 *   direction.
 * A region unchanged since its last read is not read again (see DEFAULT_REUSE;
 * `options.reuse: false` reads every region of every frame).
 */
export function createRegionSearch(session, formats, options) {
  const { zxing, heapFor, decode, zxingOptions } = session;
  const tryHarder = options.tryHarder ?? true;
  const rotate = options.tryRotate ?? true;
  const linear = formats.filter((f) => session.linearFormats.includes(f));
  const matrixFormats = formats.filter((f) => !session.linearFormats.includes(f));
  const rowedMatrix = matrixFormats.filter((f) => !ROTATION_FREE_FORMATS.includes(f));
  const matrixCropOptions = matrixFormats.length > 0 ? zxingOptions(matrixFormats, tryHarder, false) : undefined;
  const rowedMatrixOptions = rowedMatrix.length > 0 ? zxingOptions(rowedMatrix, tryHarder, false) : undefined;
  const linearCropOptions = linear.length > 0 ? zxingOptions(linear, tryHarder, false) : undefined;
  const regionOptions = { ...DEFAULT_REGION_OPTIONS, ...options.regions };
  const straighten = options.straighten ?? false;
  const reuse = options.reuse === false ? undefined : { ...DEFAULT_REUSE, ...(typeof options.reuse === 'object' ? options.reuse : {}) };
  const changeOptions = { ...DEFAULT_CHANGE_OPTIONS, block: regionOptions.block };

  /** Copies a rectangle of the frame into wasm memory, transposed or not. */
  const copyRect = (data, width, r, transpose) => {
    const outW = transpose ? r.height : r.width;
    const outH = transpose ? r.width : r.height;
    const at = heapFor(outW * outH);
    const heap = zxing.HEAPU8;
    if (!transpose) {
      for (let v = 0, to = at; v < outH; v += 1, to += outW) {
        const from = (r.y + v) * width + r.x;
        heap.set(data.subarray(from, from + outW), to);
      }
    } else {
      transposeInto(data, width, r, heap, at);
    }
    const place = transpose ? (x, y) => ({ x: r.x + y, y: r.y + x }) : (x, y) => ({ x: r.x + x, y: r.y + y });
    return { at, width: outW, height: outH, place };
  };
  const read1 = (data, width, r, transpose, zxOptions, reads) => {
    const t0 = performance.now();
    const image = copyRect(data, width, r, transpose);
    const t1 = performance.now();
    decode(image.at, image.width, image.height, zxOptions, image.place, reads);
    ms.copy += t1 - t0;
    ms.zxing += performance.now() - t1;
    count(zxOptions === matrixCropOptions ? 'matrix' : zxOptions === rowedMatrixOptions ? 'rowedMatrixTransposed' : transpose ? 'linearTransposed' : 'linear');
  };
  const readRegion = (data, width, height, region, reads) => {
    const start = reads.length;
    const upright = Math.abs(Math.cos(region.angle)) >= Math.abs(Math.sin(region.angle));
    const ambiguous = region.coherence < AMBIGUOUS_COHERENCE;
    if (matrixCropOptions) {
      read1(data, width, matrixCrop(region), false, matrixCropOptions, reads);
      if (rotate && rowedMatrixOptions && !upright && reads.length === start) read1(data, width, matrixCrop(region), true, rowedMatrixOptions, reads);
    }
    if (linearCropOptions) {
      const before = reads.length;
      if (upright || ambiguous || !rotate) read1(data, width, region, false, linearCropOptions, reads);
      if (rotate && (!upright || (ambiguous && reads.length === before))) read1(data, width, region, true, linearCropOptions, reads);
    }
    // A 1D symbol tilted away from the rows and columns: no scan line crosses
    // all its bars, so read it once more straightened along its bars (only when
    // nothing at all was read there).
    const tilt = Math.abs(region.angle - Math.round(region.angle / (Math.PI / 2)) * (Math.PI / 2));
    if (straighten && linearCropOptions && reads.length === start && region.coherence >= STRAIGHTEN_MIN_COHERENCE && tilt >= STRAIGHTEN_MIN_TILT) {
      const out = rotatedSize(region, region.angle);
      const rotAt = heapFor(out.width * out.height);
      const t0 = performance.now();
      const place = rotateInto(data, width, height, region, region.angle, zxing.HEAPU8.subarray(rotAt, rotAt + out.width * out.height), out);
      const t1 = performance.now();
      decode(rotAt, out.width, out.height, linearCropOptions, place, reads);
      ms.copy += t1 - t0;
      ms.zxing += performance.now() - t1;
      count('linearStraightened');
    }
  };

  // What the previous frame left: its pixels, its blocks' texture verdicts, and per
  // region (keyed by its exact box) the reads made there and how often they were reused.
  let previous;
  let frameWidth = 0;
  let frameHeight = 0;
  let busy;
  let changed;
  let cache = new Map();
  let frames = 0;
  // What was done and where the time went (milliseconds), for benchmarks.
  const ms = { compare: 0, texture: 0, direction: 0, copy: 0, zxing: 0 };
  const calls = {};
  const count = (kind) => {
    calls[kind] = (calls[kind] ?? 0) + 1;
  };
  const stats = { frames: 0, regions: 0, reused: 0, blocksChanged: 0, blocks: 0, calls, ms };

  return {
    stats,
    read(data, width, height) {
      const size = width * height;
      if (data.length < size) throw new RangeError(`frame has ${data.length} bytes, ${size} expected`);
      const B = regionOptions.block;
      if (Math.floor(width / B) === 0 || Math.floor(height / B) === 0) return [];
      const sameSize = width === frameWidth && height === frameHeight;
      if (!sameSize) {
        frameWidth = width;
        frameHeight = height;
        busy = new Uint8Array(Math.floor(width / B) * Math.floor(height / B));
        changed = new Uint8Array(Math.ceil(width / B) * Math.ceil(height / B));
        previous = reuse ? new Uint8Array(size) : undefined;
        cache = new Map();
        frames = 0;
      }
      // Texture test: only on the blocks that changed, unless this is a first frame or a refresh.
      const compare = reuse !== undefined && sameSize && frames % reuse.refreshEvery !== 0;
      const t0 = performance.now();
      if (compare) {
        stats.blocksChanged += markChangedBlocks(previous, data, width, height, changed, changeOptions);
        stats.blocks += changed.length;
      } else changed.fill(1);
      frames += 1;
      stats.frames += 1;
      if (reuse) previous.set(data.subarray(0, size));
      const t1 = performance.now();
      markBusyBlocks(data, width, height, regionOptions, busy, compare ? changed : undefined);
      const regions = groupBusyBlocks(busy, width, height, regionOptions);
      ms.compare += t1 - t0;
      ms.texture += performance.now() - t1;
      const reads = [];
      const next = new Map();
      for (const region of regions) {
        stats.regions += 1;
        const key = `${region.x},${region.y},${region.width},${region.height}:${region.core.x},${region.core.y},${region.core.width},${region.core.height}`;
        const earlier = compare ? cache.get(key) : undefined;
        if (earlier && earlier.reuses < (earlier.reads.length > 0 ? reuse.maxReuses : reuse.maxEmptyReuses) && !anyChanged(changed, width, height, footprint(region, straighten), B)) {
          earlier.reuses += 1;
          stats.reused += 1;
          for (const read of earlier.reads) reads.push(read);
          next.set(key, earlier);
          continue;
        }
        const t2 = performance.now();
        Object.assign(region, gradientDirection(data, width, region));
        ms.direction += performance.now() - t2;
        const start = reads.length;
        readRegion(data, width, height, region, reads);
        next.set(key, { reads: reads.slice(start), reuses: 0 });
      }
      cache = next;
      return reads;
    },
  };
}

/** The crop 2D symbols are read on: the busy blocks plus MATRIX_MARGIN, inside the region. */
function matrixCrop(region) {
  const m = MATRIX_MARGIN;
  const x = Math.max(region.x, region.core.x - m);
  const y = Math.max(region.y, region.core.y - m);
  const x2 = Math.min(region.x + region.width, region.core.x + region.core.width + m);
  const y2 = Math.min(region.y + region.height, region.core.y + region.core.height + m);
  return { x, y, width: x2 - x, height: y2 - y };
}

/**
 * The pixels a region's reads depend on: its box, or with straightening the box a
 * rotated copy of it samples (at any angle, at most half its height more on the
 * left and right and half its width more above and below).
 */
function footprint(region, straighten) {
  if (!straighten) return region;
  const gx = Math.ceil(region.height / 2);
  const gy = Math.ceil(region.width / 2);
  return { x: region.x - gx, y: region.y - gy, width: region.width + 2 * gx, height: region.height + 2 * gy };
}

/**
 * Writes `rect` of the frame transposed (its columns become rows) into `heap` at `at`.
 * Four source rows at a time, as one 32-bit word per output row when the output is
 * word-aligned: about 2.5x faster than a byte per step.
 */
function transposeInto(data, width, r, heap, at) {
  const outW = r.height;
  let u = 0;
  if ((at & 3) === 0 && (outW & 3) === 0 && (heap.byteOffset & 3) === 0) {
    const words = new Uint32Array(heap.buffer, heap.byteOffset, heap.byteLength >> 2);
    const wordsPerRow = outW >> 2;
    for (; u + 4 <= outW; u += 4) {
      const f0 = (r.y + u) * width + r.x;
      const f1 = f0 + width;
      const f2 = f1 + width;
      const f3 = f2 + width;
      // Little-endian, as WebAssembly memory is: the first row lands in the low byte.
      for (let v = 0, to = (at + u) >> 2; v < r.width; v += 1, to += wordsPerRow) {
        words[to] = data[f0 + v] | (data[f1 + v] << 8) | (data[f2 + v] << 16) | (data[f3 + v] << 24);
      }
    }
  }
  for (; u < outW; u += 1) {
    for (let v = 0, from = (r.y + u) * width + r.x, to = at + u; v < r.width; v += 1, from += 1, to += outW) heap[to] = data[from];
  }
}
