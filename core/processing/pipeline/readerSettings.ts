import { LABEL_SYMBOLOGIES, type LabelSymbology } from '../types/barcodeRead';

/**
 * How the barcode reader searches a frame:
 * - `regions` (default): a cheap texture test finds where a label can be; only those
 *   crops are read, at full resolution, at every right angle (and, with `straighten`,
 *   tilted 1D codes straightened). Needs unsqueezed frames (`verticalSqueeze` 1).
 * - `rows`: the former default, made for frames squeezed 3x: 1D codes on every other
 *   row, 2D codes on a half-width copy. Fast, but reads no sideways 1D code and loses
 *   QR codes under ~140 px.
 * - `full`: the whole frame in one pass (what zxing reads on its own); slowest.
 */
export const BARCODE_SEARCHES = ['regions', 'rows', 'full'] as const;
export type BarcodeSearch = (typeof BARCODE_SEARCHES)[number];

export const BINARIZERS = ['LocalAverage', 'GlobalHistogram', 'FixedThreshold', 'BoolCast'] as const;
export type Binarizer = (typeof BINARIZERS)[number];

/** The reader's settings that matter for recall and speed; part of the processing settings. */
export interface ReaderSettings {
  readonly search: BarcodeSearch;
  /** Also read at 90°, 180° and 270° (zxing's tryRotate). */
  readonly tryRotate: boolean;
  /** zxing's grey-to-black-and-white step. */
  readonly binarizer: Binarizer;
  /** Symbologies asked for; fewer is faster. */
  readonly symbologies: readonly LabelSymbology[];
  /** `regions` search: read tilted 1D codes once more straightened along their bars. */
  readonly straighten: boolean;
}

/**
 * Chosen by measurement on the generated label footage at all orientations
 * (docs/PROCESSING.md, "Reading labels at any angle"; docs/BENCHMARKS.md).
 */
export const defaultReaderSettings: ReaderSettings = {
  search: 'regions',
  tryRotate: true,
  binarizer: 'LocalAverage',
  symbologies: LABEL_SYMBOLOGIES,
  // Off: on the label bench it found 1 more of 40 labels (a tilted Code128 zxing does
  // not read on the full frame either) for ~15 % more CPU. `--straighten on` for
  // stations whose 1D labels lie at odd angles.
  straighten: false,
};
