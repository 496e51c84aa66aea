import { describe, expect, it } from 'vitest';
import { planSlice, sliceOverlapSec } from '../../../../../core/processing/cloud/planSlice';

describe('planSlice', () => {
  it('reads each slice with the overlap on both sides, inside the file, and marks the first and the last', () => {
    // Act
    const slices = [0, 1200, 2400, 3600].map((fromSec) => planSlice({ durationSec: 3700.4, fromSec, lengthSec: 1200, overlapSec: 613.5 }));

    // Assess
    expect(slices.map((s) => [s.fromSec, s.toSec, s.readFromSec, s.readToSec, s.first, s.last])).toEqual([
      [0, 1200, 0, 1814, true, false],
      [1200, 2400, 586, 3014, false, false],
      [2400, 3600, 1786, 3700.4, false, false],
      [3600, 3700.4, 2986, 3700.4, false, true],
    ]);
  });

  it('starts slices on whole multiples of the slice length, so every read is on the whole-file frame grid', () => {
    // Act
    const slice = planSlice({ durationSec: 500, fromSec: 130.7, lengthSec: 60, overlapSec: 10 });

    // Assess
    expect([slice.fromSec, slice.readFromSec]).toEqual([120, 110]);
  });

  it('leaves no step for a tail shorter than a second: the slice before reads to the end', () => {
    // Act
    const slice = planSlice({ durationSec: 3600.6, fromSec: 2400, lengthSec: 1200, overlapSec: 10 });

    // Assess
    expect([slice.toSec, slice.readToSec, slice.last]).toEqual([3600.6, 3600.6, true]);
  });

  it('overlaps by the longest order with its buffers and gap, so an order across a boundary is seen whole', () => {
    expect(sliceOverlapSec({ maxPackingSec: 600, preBufferSec: 2, postBufferSec: 2, gapToleranceSec: 3 })).toBe(609);
  });
});
