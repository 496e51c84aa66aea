import type { BarcodeRead } from '../../core/processing/types/barcodeRead';

export interface PixmapReaderOptions {
  /** zxing-wasm format names; defaults to the label symbologies. */
  readonly formats?: readonly string[];
  readonly tryHarder?: boolean;
  readonly tryRotate?: boolean;
  readonly tryInvert?: boolean;
  /**
   * Linear symbols are read on every this-many-th row (default 2). Measured on the
   * fixtures: 2 costs 19% less than 1 with the same reads per label (26 of 27
   * frames on the smallest Code128); 3 drops that label to 9 of 27.
   */
  readonly linearRowStep?: number;
  /** How a frame is searched (default `regions`); see SEARCH_MODES in zxingPixmapReader.mjs. */
  readonly search?: SearchMode;
  /** ZXing's binarizer (default LocalAverage). */
  readonly binarizer?: 'LocalAverage' | 'GlobalHistogram' | 'FixedThreshold' | 'BoolCast';
  readonly tryDownscale?: boolean;
  /** `regions` search: the texture test's settings (defaults: DEFAULT_REGION_OPTIONS). */
  readonly regions?: Partial<RegionOptions>;
  /** `regions` search: read tilted 1D symbols once more straightened along their bars (default false). */
  readonly straighten?: boolean;
  /**
   * `regions` search: give a region unchanged since its last read that read's result
   * again (default on, with DEFAULT_REUSE of regionSearch.mjs); `false` reads every
   * region of every frame.
   */
  readonly reuse?: false | Partial<ReuseOptions>;
}

export interface ReuseOptions {
  /** Frames in a row a region's reads are reused when something was read there. */
  readonly maxReuses: number;
  /** The same when nothing was read there. */
  readonly maxEmptyReuses: number;
  /** Every this many frames every block's texture is tested and every region read again. */
  readonly refreshEvery: number;
}

/** What the `regions` search did so far (for benchmarks). */
export interface RegionSearchStats {
  readonly frames: number;
  /** Regions found, and of those answered with an earlier read. */
  readonly regions: number;
  readonly reused: number;
  /** Blocks compared with the previous frame, and of those changed. */
  readonly blocks: number;
  readonly blocksChanged: number;
  /** zxing calls by kind: matrix, rowedMatrixTransposed, linear, linearTransposed, linearStraightened. */
  readonly calls: Readonly<Record<string, number>>;
  /** Milliseconds spent comparing with the previous frame (and keeping it), on the texture test, on directions, copying crops, in zxing. */
  readonly ms: { readonly compare: number; readonly texture: number; readonly direction: number; readonly copy: number; readonly zxing: number };
}

export type SearchMode = 'rows' | 'regions' | 'full';

export interface RegionOptions {
  /** Block edge in pixels. */
  readonly block: number;
  /** A neighbour difference above this many grey levels is an edge. */
  readonly edgeThreshold: number;
  /** Edges (of 60 sampled differences) that make a block busy. */
  readonly minEdges: number;
  /** Busy blocks a region needs. */
  readonly minBlocks: number;
  /** Pixels added around a region. */
  readonly margin: number;
  /** Regions read per frame at most (the busiest first). */
  readonly maxRegions: number;
}

export interface PixmapReader {
  /**
   * Reads every symbol on one gray frame. `pixelAspect` is how much taller than
   * wide one frame pixel is in the source (the vertical squeeze); matrix symbols
   * are read on a copy narrowed to keep it at most 2.
   */
  read(data: Uint8Array, width: number, height: number, pixelAspect?: number): BarcodeRead[];
  /** `regions` search only. */
  readonly stats?: RegionSearchStats;
}

export declare const SEARCH_MODES: readonly SearchMode[];
export declare const LABEL_FORMATS: readonly string[];
export declare const LINEAR_FORMATS: readonly string[];
export declare function createPixmapReader(options?: PixmapReaderOptions): Promise<PixmapReader>;
