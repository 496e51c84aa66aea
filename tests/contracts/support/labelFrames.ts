import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BBox } from '../../../core/processing/types/bBox';
import type { GrayFrame } from '../../../core/processing/types/grayFrame';

export type LabelKind = 'QRCode' | 'Code128';

export interface Label {
  readonly code: string;
  readonly kind: LabelKind;
  /** Top-left corner of the (unrotated) label image on the frame. */
  readonly x: number;
  readonly y: number;
  /** Clockwise rotation of the label about its centre, in degrees. */
  readonly angleDeg?: number;
}

export interface LabelFrame {
  readonly frame: GrayFrame;
  /** Where each label's image sits on the frame (before rotation). */
  readonly boxes: readonly BBox[];
}

const WIDTH = 640;
const HEIGHT = 480;
const ZINT_SYMBOLOGY: Record<LabelKind, string> = { QRCode: '58', Code128: '20' };
const UNIT = { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 } as const;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const header = readFileSync(path).subarray(16, 24);
  return { width: header.readUInt32BE(0), height: header.readUInt32BE(4) };
}

/**
 * One 640x480 gray frame of a noisy packing table with labels drawn by zint
 * (the real encoder, not our code) and placed, rotated, by ffmpeg. Deterministic:
 * the noise is seeded.
 */
export function labelFrame(labels: readonly Label[]): LabelFrame {
  const dir = mkdtempSync(join(tmpdir(), 'vtrack-labels-'));
  try {
    const inputs: string[] = [];
    const boxes: BBox[] = [];
    let filter = '[0:v]null[v0];';
    labels.forEach((label, i) => {
      const png = join(dir, `label${i}.png`);
      const scale = label.kind === 'QRCode' ? ['--scale', '3'] : ['--scale', '1', '--height', '40', '--whitesp', '10'];
      execFileSync('zint', ['-b', ZINT_SYMBOLOGY[label.kind], '--whitesp', '4', '--vwhitesp', '4', ...scale, '-o', png, '-d', label.code]);
      const { width, height } = pngSize(png);
      boxes.push({ x: label.x, y: label.y, width, height });
      inputs.push('-i', png);
      const angle = label.angleDeg ?? 0;
      const rotate = angle === 0 ? 'null' : `rotate=${angle}*PI/180:ow=rotw(${angle}*PI/180):oh=roth(${angle}*PI/180):c=white`;
      // Rotation grows the image; shift it so the label's centre stays put.
      const shift = `(overlay_w-${width})/2`;
      const shiftY = `(overlay_h-${height})/2`;
      filter += `[${i + 1}:v]format=gray,${rotate}[l${i}];[v${i}][l${i}]overlay=x=${label.x}-${shift}:y=${label.y}-${shiftY}[v${i + 1}];`;
    });
    filter += `[v${labels.length}]format=gray[out]`;
    const background = `color=c=0x6e5f50:s=${WIDTH}x${HEIGHT}:d=1,format=gray,noise=alls=10:all_seed=7`;
    const data = execFileSync(
      'ffmpeg',
      ['-nostdin', '-v', 'error', '-f', 'lavfi', '-i', background, ...inputs, '-filter_complex', filter, '-map', '[out]', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'],
      { maxBuffer: WIDTH * HEIGHT * 2 },
    );
    if (data.byteLength !== WIDTH * HEIGHT) throw new Error(`ffmpeg gave ${data.byteLength} bytes for a ${WIDTH}x${HEIGHT} frame`);
    return { frame: { timeSec: 0, width: WIDTH, height: HEIGHT, data: new Uint8Array(data), toSource: UNIT }, boxes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The table with nothing on it. */
export function blankFrame(): GrayFrame {
  return labelFrame([]).frame;
}

/** How much of `inner` lies inside `outer`, 0..1. */
export function coverage(inner: BBox, outer: BBox): number {
  const w = Math.max(0, Math.min(inner.x + inner.width, outer.x + outer.width) - Math.max(inner.x, outer.x));
  const h = Math.max(0, Math.min(inner.y + inner.height, outer.y + outer.height) - Math.max(inner.y, outer.y));
  return inner.width * inner.height === 0 ? 0 : (w * h) / (inner.width * inner.height);
}
