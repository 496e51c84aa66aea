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
 * Loads the .wasm from node_modules (zxing-wasm would otherwise fetch it from a
 * CDN, and sites have no internet) and returns a reader that copies each gray
 * frame into one reused wasm buffer and calls ZXing's luminance entry point,
 * skipping the RGBA round trip of the library's ImageData path.
 */
export async function createPixmapReader(options = {}) {
  const require = createRequire(import.meta.url);
  const wasm = await readFile(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
  const zxing = await prepareZXingModule({
    overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) },
    fireImmediately: true,
  });
  const zxingOptions = {
    formats: encodeFormats([...(options.formats ?? LABEL_FORMATS)]),
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
  };
  let pointer = 0;
  let capacity = 0;
  return {
    read(data, width, height) {
      const size = width * height;
      if (data.length < size) throw new RangeError(`frame has ${data.length} bytes, ${size} expected`);
      if (size > capacity) {
        if (pointer) zxing._free(pointer);
        pointer = zxing._malloc(size);
        if (!pointer) throw new Error(`could not allocate ${size} bytes in WebAssembly memory`);
        capacity = size;
      }
      zxing.HEAPU8.set(data.subarray(0, size), pointer);
      const results = zxing.readBarcodesFromPixmap(pointer, width, height, zxingOptions);
      const reads = [];
      for (let i = 0; i < results.size(); i += 1) {
        const r = results.get(i);
        if (!r || !r.isValid || r.text.length === 0) continue;
        const { topLeft, topRight, bottomLeft, bottomRight } = r.position;
        const xs = [topLeft.x, topRight.x, bottomLeft.x, bottomRight.x];
        const ys = [topLeft.y, topRight.y, bottomLeft.y, bottomRight.y];
        const x = Math.min(...xs);
        const y = Math.min(...ys);
        reads.push({ text: r.text, symbology: r.format, bbox: { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y } });
      }
      // Embind vectors own C++ memory; free it when the binding exposes delete().
      if (typeof results.delete === 'function') results.delete();
      return reads;
    },
  };
}
