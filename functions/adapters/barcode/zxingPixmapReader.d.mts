import type { BarcodeRead } from '../../../core/processing/types/BarcodeRead';

export interface PixmapReaderOptions {
  /** zxing-wasm format names; defaults to the label symbologies. */
  readonly formats?: readonly string[];
  readonly tryHarder?: boolean;
  readonly tryRotate?: boolean;
  readonly tryInvert?: boolean;
}

export interface PixmapReader {
  read(data: Uint8Array, width: number, height: number): BarcodeRead[];
}

export declare const LABEL_FORMATS: readonly string[];
export declare function createPixmapReader(options?: PixmapReaderOptions): Promise<PixmapReader>;
