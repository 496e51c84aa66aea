/** Axis-aligned box in source-video pixels. */
export interface BBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}
