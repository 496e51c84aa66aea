import type { FrameSamplingOptions } from '../../ports/frameSource';

/**
 * Tuned on the shared fixtures (720p, labels 75-280 px tall) and 180 s generated
 * sets (normal and --hard): 5 fps puts event boundaries within 0.3 s; full
 * horizontal resolution is what reads Code128 at ~2 px per bar module (640 px
 * misses some). Squeezing the height 3x (720p → 1280x240) costs 1D codes
 * nothing; the reader narrows the frame to 640x240 for QR/DataMatrix/PDF417,
 * which read best at that aspect (2x squeeze and no narrowing lost 2 of 18 hard
 * QR labels; 4x squeeze lost 1). See docs/PROCESSING.md, "Sampling and speed".
 */
export const defaultSamplingOptions: FrameSamplingOptions = { fps: 5, width: 1280, verticalSqueeze: 3 };
