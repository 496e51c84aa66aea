import { describe, expect, it } from 'vitest';
import { regionToPixels } from '../../../../../core/processing/region/pictureRegion';

describe('regionToPixels', () => {
  it('turns a drawn region into even pixel edges of the picture it is applied to, whatever its resolution', () => {
    const region = { x: 0.25, y: 0.1, width: 0.5, height: 0.6 };
    expect(regionToPixels(region, 1280, 720)).toEqual({ x: 320, y: 72, width: 640, height: 432 });
    expect(regionToPixels(region, 1920, 1080)).toEqual({ x: 480, y: 108, width: 960, height: 648 });
  });

  it('keeps a tiny or edge-touching region inside the picture and at least 16 px each way', () => {
    expect(regionToPixels({ x: 0.999, y: 0.999, width: 0.001, height: 0.001 }, 641, 359)).toEqual({ x: 624, y: 342, width: 16, height: 16 });
    expect(regionToPixels({ x: 0, y: 0, width: 1, height: 1 }, 1279, 719)).toEqual({ x: 0, y: 0, width: 1278, height: 718 });
  });
});
