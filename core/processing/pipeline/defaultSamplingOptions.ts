import type { FrameSamplingOptions } from '../../ports/frameSource';

/**
 * 5 fps puts event boundaries within 0.3 s. Frames are analysed at full resolution
 * (1280 wide, no vertical squeeze): the default `regions` search reads only the crops
 * where a label can be, so the whole frame is never read at every angle, and full
 * resolution is what reads QR codes under 140 px and sideways Code128 (the former
 * 3x squeeze lost both). See docs/PROCESSING.md, "Sampling and speed".
 */
export const defaultSamplingOptions: FrameSamplingOptions = { fps: 5, width: 1280, verticalSqueeze: 1 };

/** The former default (`rows` search on frames squeezed 3x to 1280x240), kept for comparison and `--search rows`. */
export const squeezedSamplingOptions: FrameSamplingOptions = { fps: 5, width: 1280, verticalSqueeze: 3 };
