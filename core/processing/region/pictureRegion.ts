import type { BBox } from '../types/bBox';

/**
 * A part of the picture as fractions of its width and height (0 to 1), the
 * way a region of interest is drawn on a frame and stored: the same region
 * whatever the camera's resolution, and the same in the CLI and the cloud.
 */
export interface PictureRegion {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The smallest crop the analysis takes (ffmpegFilterChain refuses less). */
const MIN_PIXELS = 16;

/**
 * The region in pixels of a `width` x `height` picture: edges rounded to even
 * pixels (what yuv420 crops need), at least 16 px each way, inside the picture.
 */
export function regionToPixels(region: PictureRegion, width: number, height: number): BBox {
  const axis = (from: number, size: number, full: number): [number, number] => {
    const even = (value: number): number => Math.max(0, Math.floor(value / 2) * 2);
    const start = Math.min(even(from * full), Math.max(0, even(full - MIN_PIXELS)));
    const length = Math.min(Math.max(MIN_PIXELS, even(size * full)), full - start);
    return [start, length];
  };
  const [x, w] = axis(region.x, region.width, width);
  const [y, h] = axis(region.y, region.height, height);
  return { x, y, width: w, height: h };
}
