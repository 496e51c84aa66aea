import type { GrayFrame } from '../processing/types/grayFrame';
import type { BarcodeRead } from '../processing/types/barcodeRead';

/**
 * Finds every barcode symbol on one frame: its decoded text, its symbology
 * (a LABEL_SYMBOLOGIES name) and a box around it in frame pixels. A frame
 * without a symbol gives an empty list. Matrix symbols (QR, DataMatrix) are
 * read at any angle; linear ones (Code128, Code39) upright, upside down, or
 * tilted as far as a frame row still crosses every bar (about ±10° for a label
 * four times wider than its bars are tall); sideways linear symbols only by
 * readers that look for them (the default `regions` search does). Reads may be in
 * flight at once; each answers for its own frame. A reader may remember earlier
 * frames to skip work where the picture did not change, but never a frame's buffer:
 * a buffer the caller refills is read as its new picture. Every implementation passes
 * tests/contracts/barcodeReaderContract.ts.
 */
export interface BarcodeReader {
  read(frame: GrayFrame): Promise<readonly BarcodeRead[]>;
}
