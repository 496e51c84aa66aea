import type { GrayFrame } from '../processing/types/grayFrame';
import type { BarcodeRead } from '../processing/types/barcodeRead';

/** Finds every barcode symbol on one frame. Boxes are in frame pixels. */
export interface BarcodeReader {
  read(frame: GrayFrame): Promise<readonly BarcodeRead[]>;
}
