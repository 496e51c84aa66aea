/** What a key does in the clip player. */
export type PlayerAction =
  | { readonly kind: 'toggle' }
  | { readonly kind: 'seek'; readonly seconds: number }
  | { readonly kind: 'frame'; readonly frames: number }
  | { readonly kind: 'speed'; readonly rate: number }
  | { readonly kind: 'zoom' };

export const SPEEDS = [0.5, 1, 2, 4] as const;
/** Default playback: shops skim a packing clip at double speed. */
export const DEFAULT_SPEED = 2;

/**
 * Shortcuts, as video sites have them: Space or K plays and pauses, ← and →
 * jump 5 s, `,` and `.` step one frame, 1–4 pick a speed, Z zooms on the label.
 */
export function playerAction(key: string): PlayerAction | null {
  switch (key) {
    case ' ':
    case 'k':
    case 'K':
      return { kind: 'toggle' };
    case 'ArrowLeft':
      return { kind: 'seek', seconds: -5 };
    case 'ArrowRight':
      return { kind: 'seek', seconds: 5 };
    case ',':
      return { kind: 'frame', frames: -1 };
    case '.':
      return { kind: 'frame', frames: 1 };
    case 'z':
    case 'Z':
      return { kind: 'zoom' };
    default: {
      const index = ['1', '2', '3', '4'].indexOf(key);
      return index === -1 ? null : { kind: 'speed', rate: SPEEDS[index] as number };
    }
  }
}

/**
 * Where to zoom for the label: the box's centre as a CSS transform-origin in
 * percent of the video's own size, and a scale that makes the label fill about
 * half the frame (between 1.5x and 4x).
 */
export function labelZoom(box: { x: number; y: number; width: number; height: number }, videoWidth: number, videoHeight: number): { origin: string; scale: number } {
  if (videoWidth <= 0 || videoHeight <= 0) return { origin: '50% 50%', scale: 1 };
  const cx = Math.min(100, Math.max(0, ((box.x + box.width / 2) / videoWidth) * 100));
  const cy = Math.min(100, Math.max(0, ((box.y + box.height / 2) / videoHeight) * 100));
  const fill = Math.min(videoWidth / Math.max(1, box.width), videoHeight / Math.max(1, box.height)) / 2;
  return { origin: `${cx.toFixed(1)}% ${cy.toFixed(1)}%`, scale: Math.min(4, Math.max(1.5, Math.round(fill * 10) / 10)) };
}
