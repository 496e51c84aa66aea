import type { GrayFrame } from '../processing/types/grayFrame';
import type { BBox } from '../processing/types/bBox';
import type { PictureRegion } from '../processing/region/pictureRegion';

export interface FrameSamplingOptions {
  /** Frames analysed per second of footage. */
  readonly fps: number;
  /** Width of the analysed frame in pixels (height keeps the aspect ratio); never upscaled. */
  readonly width: number;
  /**
   * How much more to shrink vertically than horizontally (1 = keep the aspect).
   * Shipping-label 1D codes need horizontal detail (bar widths) but hardly any
   * vertical; 2D codes are read on a copy narrowed back to at most 2:1 (the
   * `rows` search: 3 gives 1280x240 for 720p). The default `regions` search
   * reads full-resolution frames (1).
   */
  readonly verticalSqueeze?: number;
  /** Region of interest in source pixels; only this part of the picture is analysed. */
  readonly roi?: BBox;
  /** Region of interest as fractions of the picture (as drawn on a frame); turned into pixels once the size is known. `roi` wins when both are given. */
  readonly region?: PictureRegion;
  /**
   * Only this stretch of the file (seconds from its start) is read: a long
   * recording processed in time slices. Frame times stay times in the file, on
   * the same 1/fps grid as a whole read when `fromSec` is a multiple of 1/fps.
   */
  readonly fromSec?: number;
  readonly toSec?: number;
}

/**
 * Streams sampled gray frames of one recording. Implementations must not hold
 * the whole video in memory and must end (or throw) on any input, however broken.
 */
export interface FrameSource {
  frames(path: string, options: FrameSamplingOptions, signal?: AbortSignal): AsyncIterable<GrayFrame>;
}
