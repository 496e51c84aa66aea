/** One recording file of one camera, placed on the absolute time line. */
export interface Segment {
  /** Opaque locator handed back to the FrameSource / ClipCutter (a path for the ffmpeg adapters). */
  readonly path: string;
  /** File name as shown to users and written into events. */
  readonly name: string;
  readonly camera: string;
  /** Recording start, epoch milliseconds UTC. */
  readonly startMs: number;
  readonly durationSec: number;
  /** Only this stretch is analysed (a time slice of a long recording). */
  readonly range?: { readonly fromSec: number; readonly toSec: number };
}
