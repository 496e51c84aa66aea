import type { BarcodeRead } from '../../../core/processing/types/BarcodeRead';

export interface PixmapReaderOptions {
  /** zxing-wasm format names; defaults to the label symbologies. */
  readonly formats?: readonly string[];
  readonly tryHarder?: boolean;
  readonly tryRotate?: boolean;
  readonly tryInvert?: boolean;
}

export interface PixmapReader {
  /**
   * Reads every symbol on one gray frame. `pixelAspect` is how much taller than
   * wide one frame pixel is in the source (the vertical squeeze); matrix symbols
   * are read on a copy narrowed to keep it at most 2.
   */
  read(data: Uint8Array, width: number, height: number, pixelAspect?: number): BarcodeRead[];
}

export declare const LABEL_FORMATS: readonly string[];
export declare const LINEAR_FORMATS: readonly string[];
export declare function createPixmapReader(options?: PixmapReaderOptions): Promise<PixmapReader>;
