// ZXing-C++ (zxing-wasm) reading 8-bit gray frames. Plain JavaScript on purpose:
// the barcode worker thread loads it without a TypeScript loader (tsx and vitest
// do not reach into worker threads). Types: zxingPixmapReader.d.mts.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  BINARIZERS,
  CHARACTER_SETS,
  EAN_ADD_ON_SYMBOLS,
  TEXT_MODES,
  encodeFormats,
  prepareZXingModule,
} from 'zxing-wasm/reader';

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
 * to 2x (640x180) all are read. The default frame (3x, 1280x240) is narrowed to
 * 640x240 (1.5x).
 */
const MATRIX_MAX_ASPECT = 2;

/**
 * Loads the .wasm from node_modules (zxing-wasm would otherwise fetch it from a
 * CDN, and sites have no internet) and returns a reader that copies each gray
 * frame into a reused wasm buffer and calls ZXing's luminance entry point,
 * skipping the RGBA round trip of the library's ImageData path.
 *
 * Two passes per frame, each asking only for its own symbologies:
 * - linear symbols (Code128, Code39) on the frame as it is: full horizontal
 *   detail (~2 px per bar module on the fixtures), few rows;
 * - matrix symbols (QR, DataMatrix, PDF417) on a copy narrowed by averaging
 *   neighbouring pixels until pixels are at most 2x taller than wide. Their
 *   modules span several pixels, so half the width loses nothing, and halves
 *   the cost of their (dearer) detectors.
 * On the default 1280x240 frame both passes together cost 1.4 ms, against 3.3 ms
 * for one all-formats pass on the former 1280x360 frame, and read more of the
 * hard labels.
 */
export async function createPixmapReader(options = {}) {
  const require = createRequire(import.meta.url);
  const wasm = await readFile(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
  const zxing = await prepareZXingModule({
    overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) },
    fireImmediately: true,
  });
  const formats = [...(options.formats ?? LABEL_FORMATS)];
  const linear = formats.filter((f) => LINEAR_FORMATS.includes(f));
  const matrix = formats.filter((f) => !LINEAR_FORMATS.includes(f));
  const zxingOptions = (names) => ({
    formats: encodeFormats(names),
    tryHarder: options.tryHarder ?? true,
    tryRotate: options.tryRotate ?? false,
    tryInvert: options.tryInvert ?? false,
    tryDownscale: false,
    tryDenoise: false,
    binarizer: BINARIZERS.indexOf('LocalAverage'),
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
  const linearOptions = linear.length > 0 ? zxingOptions(linear) : undefined;
  const matrixOptions = matrix.length > 0 ? zxingOptions(matrix) : undefined;

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
  const decode = (at, width, height, zxOptions, stretchX, reads) => {
    const results = zxing.readBarcodesFromPixmap(at, width, height, zxOptions);
    for (let i = 0; i < results.size(); i += 1) {
      const r = results.get(i);
      if (!r || !r.isValid || r.text.length === 0) continue;
      const { topLeft, topRight, bottomLeft, bottomRight } = r.position;
      const xs = [topLeft.x, topRight.x, bottomLeft.x, bottomRight.x];
      const ys = [topLeft.y, topRight.y, bottomLeft.y, bottomRight.y];
      const x = Math.min(...xs);
      const y = Math.min(...ys);
      reads.push({
        text: r.text,
        symbology: r.format,
        bbox: { x: x * stretchX, y, width: (Math.max(...xs) - x) * stretchX, height: Math.max(...ys) - y },
      });
    }
    // Embind vectors own C++ memory; free it when the binding exposes delete().
    if (typeof results.delete === 'function') results.delete();
  };

  return {
    read(data, width, height, pixelAspect = 1) {
      const size = width * height;
      if (data.length < size) throw new RangeError(`frame has ${data.length} bytes, ${size} expected`);
      // The smallest whole factor that brings the pixel aspect to at most 2 (a little
      // slack for the rounding of even frame sizes).
      const narrow = matrixOptions ? Math.max(1, Math.min(Math.floor(width / 16), Math.ceil(pixelAspect / MATRIX_MAX_ASPECT - 0.05))) : 1;
      const narrowWidth = Math.floor(width / narrow);
      // One allocation holds the frame and, behind it, its narrowed copy.
      const base = heapFor(size + (narrow > 1 ? narrowWidth * height : 0));
      // Both images are written before ZXing runs: a read may grow wasm memory,
      // which replaces HEAPU8 and detaches any view taken before.
      const heap = zxing.HEAPU8;
      heap.set(data.subarray(0, size), base);
      if (narrow > 1) narrowInto(heap, base, width, height, narrow, base + size, narrowWidth);
      const reads = [];
      if (linearOptions) decode(base, width, height, linearOptions, 1, reads);
      if (matrixOptions) {
        if (narrow === 1) decode(base, width, height, matrixOptions, 1, reads);
        else decode(base + size, narrowWidth, height, matrixOptions, narrow, reads);
      }
      return reads;
    },
  };
}

/** Averages each run of `factor` pixels of a row into one (box filter, horizontal only). */
function narrowInto(heap, from, width, height, factor, to, outWidth) {
  if (factor === 2 && width % 4 === 0 && (heap.byteOffset + from) % 4 === 0 && (heap.byteOffset + to) % 2 === 0) {
    // Rows of a multiple of 4 pixels: the image is one run of pixel pairs. Four
    // pixels in, two out per step (little-endian, as WebAssembly memory is): half
    // the time of the byte loop below.
    const count = (width * height) >> 2;
    const src = new Uint32Array(heap.buffer, heap.byteOffset + from, count);
    const dst = new Uint16Array(heap.buffer, heap.byteOffset + to, count);
    for (let i = 0; i < count; i += 1) {
      const v = src[i];
      dst[i] = (((v & 255) + ((v >>> 8) & 255) + 1) >> 1) | (((((v >>> 16) & 255) + (v >>> 24) + 1) >> 1) << 8);
    }
    return;
  }
  const half = factor >> 1;
  for (let y = 0; y < height; y += 1) {
    let s = from + y * width;
    let d = to + y * outWidth;
    const end = d + outWidth;
    while (d < end) {
      let sum = half;
      for (let k = 0; k < factor; k += 1) sum += heap[s + k];
      heap[d++] = (sum / factor) | 0;
      s += factor;
    }
  }
}
