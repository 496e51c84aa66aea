import type { GrayFrame } from '../types/GrayFrame';
import type { BarcodeRead } from '../types/BarcodeRead';

/** Finds every barcode symbol on one frame. Boxes are in frame pixels. */
export interface BarcodeReader {
  read(frame: GrayFrame): Promise<readonly BarcodeRead[]>;
}
