import type { BBox } from './bBox';

/** A validated tracking code seen on one frame at an absolute time. */
export interface Detection {
  readonly code: string;
  /** Pattern that accepted the code (carrier id), e.g. `GHN`. */
  readonly carrier: string;
  readonly symbology: string;
  /** Epoch milliseconds UTC. */
  readonly atMs: number;
  /** Segment name the frame came from. */
  readonly file: string;
  readonly bbox: BBox;
}
