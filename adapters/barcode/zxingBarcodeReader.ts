import type { BarcodeReader } from '../../core/ports/barcodeReader';
import type { BarcodeRead } from '../../core/processing/types/barcodeRead';
import type { GrayFrame } from '../../core/processing/types/grayFrame';
import { createPixmapReader, type PixmapReader, type PixmapReaderOptions } from './zxingPixmapReader.mjs';

/**
 * Options, all defaults tuned on the fixtures: `tryHarder` on (it is what finds 1D
 * codes at analysis scale, ~2 ms a 640 px frame), `tryRotate` off (90° rotations
 * double the time; labels are rarely sideways), `tryInvert` off (paper labels are
 * dark on light). Linear symbols are read on the frame as it is, matrix symbols on
 * a copy narrowed to pixels at most 2x taller than wide (see zxingPixmapReader.mjs).
 */
export type ZxingBarcodeReaderOptions = PixmapReaderOptions;

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
