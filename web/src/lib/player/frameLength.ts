/**
 * How long one frame of a clip lasts, for the frame-step buttons. Clips keep
 * their camera's rate (15, 20, 25 fps…) and the browser does not say which, so
 * the player learns it from the frames it shows.
 */

/** A step's length until the clip has shown two different frames: 25 fps, the rate most cameras here record at. */
export const FALLBACK_FRAME_SEC = 1 / 25;

/** Timestamps closer than this are the same frame shown again (a repaint, a seek within the frame). */
const SAME_FRAME_SEC = 0.001;

/**
 * The frame length known so far, given the timestamps (`mediaTime`) of two
 * frames shown one after the other: the shortest gap seen. Frames dropped while
 * playing fast and seeks only make a gap longer, never shorter than one frame.
 */
export function learnFrameLength(known: number | null, previousMediaTime: number, mediaTime: number): number | null {
  const gap = Math.abs(mediaTime - previousMediaTime);
  if (gap < SAME_FRAME_SEC) return known;
  return known === null ? gap : Math.min(known, gap);
}
