// ZXing-C++ (zxing-wasm) reading 8-bit gray frames. Plain JavaScript on purpose:
// the barcode worker thread loads it without a TypeScript loader (tsx and vitest
// do not reach into worker threads). Types: zxingPixmapReader.d.mts.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  BINARIZERS,
  CHARACTER_SETS,
  EAN_ADD_ON_SYMBOLS,
  TEXT_MODES,
  encodeFormats,
  prepareZXingModule,
} from 'zxing-wasm/reader';
import { createRegionSearch } from './regionSearch.mjs';

/**
 * How a frame is searched: `rows` (linear symbols on every other row, matrix symbols
 * on a narrowed copy: made for squeezed frames, reads no sideways 1D code), `regions`
 * (only crops with barcode-like texture, at full resolution, at every right angle,
 * tilted 1D symbols straightened), `full` (the whole frame in one pass: slowest).
 */
export const SEARCH_MODES = ['rows', 'regions', 'full'];

export const LABEL_FORMATS = ['QRCode', 'Code128', 'DataMatrix', 'PDF417', 'Code39'];

/**
 * Symbologies whose bars only carry information across the picture: they are read
 * on every pixel of the frame however squeezed its height is. Everything else
 * (QR, DataMatrix, PDF417, Aztec) is a "matrix" symbol.
 */
export const LINEAR_FORMATS = ['Codabar', 'Code39', 'Code93', 'Code128', 'DataBar', 'DataBarExpanded', 'DataBarLimited', 'EAN8', 'EAN13', 'ITF', 'UPCA', 'UPCE'];

/**
 * Matrix symbols are read on pixels at most this much taller than wide (in
 * source pixels). On a frame squeezed 4x (1280x180 from 720p) QR finder patterns
 * are too flat for ZXing (5 of 14 QR labels lost on the shared fixtures); narrowed
 * to 2x (640x180) all are read. The `rows` search's frame (3x, 1280x240) is narrowed to
 * 640x240 (1.5x).
 */
const MATRIX_MAX_ASPECT = 2;

/**
 * Loads the .wasm from node_modules (zxing-wasm would otherwise fetch it from a
 * CDN, and sites have no internet) and returns a reader that copies each gray
 * frame into a reused wasm buffer and calls ZXing's luminance entry point,
 * skipping the RGBA round trip of the library's ImageData path.
 *
 * The `regions` search (default) reads crops only; see its comment below. The
 * `rows` search (the former default, for squeezed frames) makes two passes per
 * frame, each asking only for its own symbologies:
 * - linear symbols (Code128, Code39) on every other row of the frame: full
 *   horizontal detail (~2 px per bar module on the fixtures), few rows;
 * - matrix symbols (QR, DataMatrix, PDF417) on a copy narrowed by averaging
 *   neighbouring pixels until pixels are at most 2x taller than wide. Their
 *   modules span several pixels, so half the width loses nothing, and halves
 *   the cost of their (dearer) detectors.
 * On a 1280x240 frame both passes together cost about 1.0 ms, against
 * 3.3 ms for one all-formats pass on the former 1280x360 frame, and read more of
 * the hard labels.
 */
/**
 * The reader's .wasm: beside this module when it was bundled with one (the
 * processing Lambda's bundle gets it copied there, catalog `binaries`), else
 * from node_modules.
 */
function wasmPath() {
  const beside = fileURLToPath(new URL('./zxing_reader.wasm', import.meta.url));
  if (existsSync(beside)) return beside;
  return createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
}

export async function createPixmapReader(options = {}) {
  const wasm = await readFile(wasmPath());
  const zxing = await prepareZXingModule({
    overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) },
    fireImmediately: true,
  });
  const formats = [...(options.formats ?? LABEL_FORMATS)];
  const linear = formats.filter((f) => LINEAR_FORMATS.includes(f));
  const matrix = formats.filter((f) => !LINEAR_FORMATS.includes(f));
  const binarizer = options.binarizer ?? 'LocalAverage';
  if (!BINARIZERS.includes(binarizer)) throw new RangeError(`binarizer must be one of ${BINARIZERS.join(', ')}, got ${binarizer}`);
  const zxingOptions = (names, tryHarder, tryRotate = options.tryRotate ?? false) => ({
    formats: encodeFormats(names),
    tryHarder,
    tryRotate,
    tryInvert: options.tryInvert ?? false,
    tryDownscale: options.tryDownscale ?? false,
    tryDenoise: false,
    binarizer: BINARIZERS.indexOf(binarizer),
    isPure: false,
    downscaleThreshold: 500,
    downscaleFactor: 3,
    minLineCount: 2,
    maxNumberOfSymbols: 16,
    validateOptionalChecksum: false,
    returnErrors: false,
    eanAddOnSymbol: EAN_ADD_ON_SYMBOLS.indexOf('Ignore'),
    textMode: TEXT_MODES.indexOf('Plain'),
    characterSet: CHARACTER_SETS.indexOf('Unknown'),
    tryCode39ExtendedMode: false,
  });
  const search = options.search ?? 'regions';
  if (!SEARCH_MODES.includes(search)) throw new RangeError(`search must be one of ${SEARCH_MODES.join(', ')}, got ${search}`);
  const linearOptions = linear.length > 0 ? zxingOptions(linear, options.tryHarder ?? true) : undefined;
  const matrixOptions = matrix.length > 0 ? zxingOptions(matrix, options.tryHarder ?? true) : undefined;

  let pointer = 0;
  let capacity = 0;
  const heapFor = (size) => {
    if (size > capacity) {
      if (pointer) zxing._free(pointer);
      pointer = zxing._malloc(size);
      if (!pointer) throw new Error(`could not allocate ${size} bytes in WebAssembly memory`);
      capacity = size;
    }
    return pointer;
  };
  /** Decodes the image at `at`; `place(x, y)` maps its pixel coordinates to frame pixels. */
  const decode = (at, width, height, zxOptions, place, reads) => {
    const results = zxing.readBarcodesFromPixmap(at, width, height, zxOptions);
    for (let i = 0; i < results.size(); i += 1) {
      const r = results.get(i);
      if (!r || !r.isValid || r.text.length === 0) continue;
      const corners = [r.position.topLeft, r.position.topRight, r.position.bottomLeft, r.position.bottomRight].map((p) => place(p.x, p.y));
      const xs = corners.map((p) => p.x);
      const ys = corners.map((p) => p.y);
      const x = Math.min(...xs);
      const y = Math.min(...ys);
      reads.push({ text: r.text, symbology: r.format, bbox: { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y } });
    }
    // Embind vectors own C++ memory; free it when the binding exposes delete().
    if (typeof results.delete === 'function') results.delete();
  };
  const scaled = (sx, sy, ox = 0, oy = 0) => (x, y) => ({ x: x * sx + ox, y: y * sy + oy });

  if (search === 'full') {
    const allOptions = zxingOptions(formats, options.tryHarder ?? true);
    return {
      read(data, width, height) {
        const size = width * height;
        if (data.length < size) throw new RangeError(`frame has ${data.length} bytes, ${size} expected`);
        const base = heapFor(size);
        zxing.HEAPU8.set(data.subarray(0, size), base);
        const reads = [];
        decode(base, width, height, allOptions, scaled(1, 1), reads);
        return reads;
      },
    };
  }
  if (search === 'regions') return createRegionSearch({ zxing, heapFor, decode, zxingOptions, linearFormats: LINEAR_FORMATS }, formats, options);

  const linearRowStep = Math.max(1, Math.floor(options.linearRowStep ?? 2));

  return {
    read(data, width, height, pixelAspect = 1) {
      const size = width * height;
      if (data.length < size) throw new RangeError(`frame has ${data.length} bytes, ${size} expected`);
      // Linear symbols: every `linearRowStep`-th row. Bars are read along rows, so
      // skipping rows (unlike averaging them) blurs nothing, even on tilted labels;
      // a label still crosses several of the remaining rows.
      const step = linearOptions ? Math.min(linearRowStep, Math.max(1, Math.floor(height / 16))) : 1;
      const linearHeight = Math.ceil(height / step);
      // Matrix symbols: the smallest whole narrowing factor that brings the pixel
      // aspect to at most 2 (a little slack for the rounding of even frame sizes).
      const narrow = matrixOptions ? Math.max(1, Math.min(Math.floor(width / 16), Math.ceil(pixelAspect / MATRIX_MAX_ASPECT - 0.05))) : 1;
      const narrowWidth = Math.floor(width / narrow);
      // The matrix pass shares the linear image when both are the frame itself.
      const shared = step === 1 && narrow === 1;
      const linearSize = linearOptions ? width * linearHeight : 0;
      const matrixSize = matrixOptions && !shared ? narrowWidth * height : 0;
      const base = heapFor(linearSize + matrixSize);
      // Both images are written before ZXing runs: a read may grow wasm memory,
      // which replaces HEAPU8 and detaches any view taken before.
      const heap = zxing.HEAPU8;
      if (linearOptions) {
        if (step === 1) heap.set(data.subarray(0, size), base);
        else for (let y = 0, at = base; y < height; y += step, at += width) heap.set(data.subarray(y * width, y * width + width), at);
      }
      const matrixAt = shared ? base : base + linearSize;
      if (matrixOptions && !shared) {
        if (narrow === 1) heap.set(data.subarray(0, size), matrixAt);
        else narrowInto(data, width, height, narrow, heap.subarray(matrixAt, matrixAt + narrowWidth * height));
      }
      const reads = [];
      if (linearOptions) decode(base, width, linearHeight, linearOptions, scaled(1, step), reads);
      if (matrixOptions) decode(matrixAt, narrowWidth, height, matrixOptions, scaled(narrow, 1), reads);
      return reads;
    },
  };
}

/** Averages each run of `factor` pixels of a row into one (box filter, horizontal only). */
function narrowInto(src, width, height, factor, dst) {
  const outWidth = Math.floor(width / factor);
  if (factor === 2 && width % 4 === 0 && src.byteOffset % 4 === 0 && dst.byteOffset % 2 === 0) {
    // Rows of a multiple of 4 pixels: the image is one run of pixel pairs. Four
    // pixels in, two out per step (little-endian, as WebAssembly memory is): half
    // the time of the byte loop below.
    const count = (width * height) >> 2;
    const from = new Uint32Array(src.buffer, src.byteOffset, count);
    const to = new Uint16Array(dst.buffer, dst.byteOffset, count);
    for (let i = 0; i < count; i += 1) {
      const v = from[i];
      to[i] = (((v & 255) + ((v >>> 8) & 255) + 1) >> 1) | (((((v >>> 16) & 255) + (v >>> 24) + 1) >> 1) << 8);
    }
    return;
  }
  const half = factor >> 1;
  for (let y = 0; y < height; y += 1) {
    let s = y * width;
    let d = y * outWidth;
    const end = d + outWidth;
    while (d < end) {
      let sum = half;
      for (let k = 0; k < factor; k += 1) sum += src[s + k];
      dst[d++] = (sum / factor) | 0;
      s += factor;
    }
  }
}
