import type { BBox } from './bBox';

/** Symbologies found on shipping labels; the reader is asked for these only. */
export const LABEL_SYMBOLOGIES = ['QRCode', 'Code128', 'DataMatrix', 'PDF417', 'Code39'] as const;
/** One of them; the processing settings' `reader.symbologies` lists these. */
export type LabelSymbology = (typeof LABEL_SYMBOLOGIES)[number];

/** One symbol decoded from one frame, before tracking-code validation. */
export interface BarcodeRead {
  readonly text: string;
  readonly symbology: string;
  /** In frame pixels (the caller maps it to source pixels). */
  readonly bbox: BBox;
}
