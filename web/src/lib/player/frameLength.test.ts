import { describe, expect, it } from 'vitest';
import { learnFrameLength } from './frameLength';

describe('learnFrameLength', () => {
  it('learns a 15 fps clip\'s frame from the frames shown, even when playing fast dropped some', () => {
    // Prepare: frames at 15 fps, the second one dropped.
    const shown = [0, 2 / 15, 3 / 15, 4 / 15];

    // Act
    const learnt = shown.slice(1).reduce<number | null>((known, mediaTime, index) => learnFrameLength(known, shown[index] ?? 0, mediaTime), null);

    // Assess
    expect(learnt).toBeCloseTo(1 / 15, 6);
  });

  it('ignores the same frame shown again and keeps the shortest gap across a seek back', () => {
    expect(learnFrameLength(null, 1, 1.0004)).toBeNull();
    expect(learnFrameLength(1 / 15, 4, 1)).toBeCloseTo(1 / 15, 6);
    expect(learnFrameLength(null, 4, 4 - 1 / 20)).toBeCloseTo(1 / 20, 6);
  });
});
