import type { BarcodeReader } from '../../core/ports/barcodeReader';
import type { BarcodeRead } from '../../core/processing/types/barcodeRead';
import type { GrayFrame } from '../../core/processing/types/grayFrame';
import type { ReaderSettings } from '../../core/processing/pipeline/readerSettings';
import { createPixmapReader, type PixmapReader, type PixmapReaderOptions } from './zxingPixmapReader.mjs';

/**
 * Options, all defaults tuned on the fixtures: `search: 'regions'` (only crops with
 * barcode-like texture are read, at full resolution), `tryHarder` on, `tryRotate` on
 * for region crops (parcels lie any way up; crops are small) and off for the other
 * searches, `tryInvert` off (paper labels are dark on light), `reuse` on (a region
 * unchanged since the previous frame gets its earlier reads; see regionSearch.mjs).
 * See zxingPixmapReader.mjs.
 */
export type ZxingBarcodeReaderOptions = PixmapReaderOptions;

/** The processing settings' reader part as options for the zxing readers. */
export const zxingOptionsFor = (settings: ReaderSettings): ZxingBarcodeReaderOptions => ({
  search: settings.search,
  tryRotate: settings.tryRotate,
  binarizer: settings.binarizer,
  formats: settings.symbologies,
  straighten: settings.straighten,
});

/** How much taller than wide one frame pixel is in the source picture (the vertical squeeze). */
export const pixelAspect = (frame: GrayFrame): number => frame.toSource.scaleY / frame.toSource.scaleX;

/** BarcodeReader on ZXing-C++ (WebAssembly) in the calling thread. See WorkerBarcodeReader for the threaded one. */
export class ZxingBarcodeReader implements BarcodeReader {
  private constructor(private readonly reader: PixmapReader) {}

  static async create(options: ZxingBarcodeReaderOptions = {}): Promise<ZxingBarcodeReader> {
    return new ZxingBarcodeReader(await createPixmapReader(options));
  }

  async read(frame: GrayFrame): Promise<readonly BarcodeRead[]> {
    return this.reader.read(frame.data, frame.width, frame.height, pixelAspect(frame));
  }
}
