import type { BBox } from '../../core/processing/types/bBox';
import { ValidationError } from '../../core/errors';

export interface FilterPlan {
  readonly filter: string;
  readonly width: number;
  readonly height: number;
  readonly toSource: { scaleX: number; scaleY: number; offsetX: number; offsetY: number };
}

/** 8-bit planar YUV: the luma plane is already the gray picture. */
const PLANAR_YUV = /^yuvj?4[0-4][0-4]p$/;

/**
 * Builds `fps → luma → crop → scale`. The luma plane is taken with `extractplanes=y`
 * (a plane copy) rather than `format=gray`, which runs every pixel through swscale's
 * generic converter: on the 720p fixtures that conversion alone cost as much CPU as
 * the sampled frames' decoding (0.4 s of 1.3 s per 90 s file). Other pixel formats
 * (RGB, 10-bit) still go through `format=gray`. Crop and scale then touch only luma.
 */
export function ffmpegFilterChain(
  source: { width: number; height: number; pixelFormat?: string | undefined },
  fps: number,
  targetWidth: number,
  roi?: BBox,
  verticalSqueeze = 1,
): FilterPlan {
  const crop = roi ?? { x: 0, y: 0, width: source.width, height: source.height };
  if (crop.width < 16 || crop.height < 16 || crop.x < 0 || crop.y < 0 || crop.x + crop.width > source.width || crop.y + crop.height > source.height) {
    throw new ValidationError('roi', `region of interest ${crop.x},${crop.y},${crop.width},${crop.height} is not inside the ${source.width}x${source.height} picture`);
  }
  const width = even(Math.min(targetWidth, crop.width));
  const height = even((crop.height * width) / crop.width / verticalSqueeze);
  const filters = [`fps=${fps}`, PLANAR_YUV.test(source.pixelFormat ?? '') ? 'extractplanes=y' : 'format=gray'];
  if (roi) filters.push(`crop=${crop.width}:${crop.height}:${crop.x}:${crop.y}`);
  if (width !== crop.width || height !== crop.height) filters.push(`scale=${width}:${height}:flags=bilinear`);
  return {
    filter: filters.join(','),
    width,
    height,
    toSource: { scaleX: crop.width / width, scaleY: crop.height / height, offsetX: crop.x, offsetY: crop.y },
  };
}

const even = (x: number): number => Math.max(2, Math.round(x / 2) * 2);
