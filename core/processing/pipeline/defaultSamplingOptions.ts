import type { FrameSamplingOptions } from '../ports/FrameSource';

/**
 * Tuned on the shared fixtures (720p, labels 75-280 px tall): 5 fps puts event
 * boundaries within 0.2 s; full horizontal resolution is what reads Code128 at
 * ~2 px per bar module (960 px misses some), and halving the height costs QR and
 * 1D codes nothing while halving the pixels ZXing scans.
 */
export const defaultSamplingOptions: FrameSamplingOptions = { fps: 5, width: 1280, verticalSqueeze: 2 };
