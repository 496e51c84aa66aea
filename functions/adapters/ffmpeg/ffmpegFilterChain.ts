import type { BBox } from '../../../core/processing/types/BBox';
import { ValidationError } from '../../../core/errors';

export interface FilterPlan {
  readonly filter: string;
  readonly width: number;
  readonly height: number;
  readonly toSource: { scaleX: number; scaleY: number; offsetX: number; offsetY: number };
}

/**
 * Builds `fps → gray → crop → scale`. Gray comes before crop and scale so only the
 * luma plane is touched (a third of the pixels of yuv420p), which keeps ffmpeg's
 * share of the CPU close to plain decoding.
 */
export function ffmpegFilterChain(
  source: { width: number; height: number },
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
  const filters = [`fps=${fps}`, 'format=gray'];
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
