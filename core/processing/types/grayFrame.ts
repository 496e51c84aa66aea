/**
 * One sampled video frame, 8-bit luma, row-major, `width * height` bytes.
 * `timeSec` is seconds from the start of the file it came from; `scale` maps frame
 * pixels back to source-video pixels (source = frame * scale + offset) so bounding
 * boxes can be reported in the camera's own coordinates whatever the analysis size.
 */
export interface GrayFrame {
  readonly timeSec: number;
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
  readonly toSource: { readonly scaleX: number; readonly scaleY: number; readonly offsetX: number; readonly offsetY: number };
}
