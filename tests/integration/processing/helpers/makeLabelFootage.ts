import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cachedFixture, textOf } from './fixtureCache';

/** Orientation classes of the label test set: the four right angles (±4° of jitter) and tilted 20–30°. */
export const ORIENTATIONS = ['0', '90', '180', '270', 'tilted'] as const;
export type Orientation = (typeof ORIENTATIONS)[number];

export interface LabelAppearance {
  readonly code: string;
  readonly symbology: 'QRCode' | 'Code128';
  readonly orientation: Orientation;
  /** Clockwise rotation of the label in degrees, jitter and tilt included. */
  readonly angleDeg: number;
  /** Width of the printed symbol (without quiet zone) before rotation, in video pixels. */
  readonly symbolWidthPx: number;
  /** Seconds from the start of the file. */
  readonly start: number;
  readonly end: number;
  /** Top-left of the (rotated) label picture in the video, at rest. */
  readonly x: number;
  readonly y: number;
  /** What was done to the label picture. */
  readonly degradation: readonly string[];
}

export interface LabelFootage {
  readonly path: string;
  readonly name: string;
  readonly durationSec: number;
  readonly fps: number;
  readonly appearances: readonly LabelAppearance[];
}

export interface LabelFootageOptions {
  readonly seed: number;
  /** Appearances per orientation class and symbology (two labels of each at least). */
  readonly perClass: number;
  /** x264 constant rate factor of the footage (23 good camera … 30 cheap NVR). */
  readonly crf?: number;
}

const run = (bin: string, args: string[]): void => {
  execFileSync(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
};

/** mulberry32: a small seeded generator, so the same seed gives the same footage. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pngSize = (path: string): { width: number; height: number } => {
  const b = readFileSync(path);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
};

const CARRIERS: readonly ((digits: string) => string)[] = [
  (d) => `SPXVN${d.slice(0, 11)}`,
  (d) => `GHN${d.slice(0, 10)}`,
  (d) => `JNTVN${d.slice(0, 12)}`,
  (d) => `LZDVN${d.slice(0, 10)}`,
  (d) => `VNP${d.slice(0, 11)}`,
  (d) => `NJVVN${d.slice(0, 9)}`,
];

const FPS = 15;
const VISIBLE_SEC = 2;
const SLOT_PERIOD_SEC = 2.8;

/**
 * Packing footage with labels at every orientation, made from scratch (no third-party
 * pictures): zint draws each QR / Code128 symbol at a realistic size (QR 80–200 px,
 * Code128 1.6–2.6 px per bar module, 200–450 px wide), ffmpeg prints it on a
 * paper label with text lines, then photographs it badly — glare, low contrast, JPEG,
 * curved paper, perspective, rotation (0/90/180/270 ± 4°, or 20–30° off), blur — and
 * lays it on a wood-grain table in 1280x720 H.264 (15 fps, keyframe every 2 s). Two
 * labels are in view at a time (left and right half) with known times; the truth
 * is in `labels.json` beside it. Deterministic by seed; made once into the
 * shared fixture cache (fixtureCache.ts), keyed by the options and this module's text.
 */
export function makeLabelFootage(name: string, options: LabelFootageOptions): LabelFootage {
  const fileName = `Cam9_20250718_${name.replace(/\W/g, '').slice(0, 6).padEnd(6, '0').replace(/\D/g, '0')}.mp4`;
  const dir = cachedFixture(name, [textOf(import.meta.url), fileName, options], (out) => drawLabelFootage(out, fileName, options));
  const footage = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Omit<LabelFootage, 'path'>;
  return { ...footage, path: join(dir, fileName) };
}

/** Writes the footage and its truth (`labels.json`, without the path: the folder is renamed into place) into `dir`. */
function drawLabelFootage(dir: string, fileName: string, options: LabelFootageOptions): void {
  const rand = seeded(options.seed);
  const between = (lo: number, hi: number): number => lo + (hi - lo) * rand();
  const digits = (): string => Array.from({ length: 14 }, () => Math.floor(rand() * 10)).join('');

  const plan: { symbology: 'QRCode' | 'Code128'; orientation: Orientation }[] = [];
  for (let k = 0; k < options.perClass; k += 1) {
    for (const orientation of ORIENTATIONS) for (const symbology of ['QRCode', 'Code128'] as const) plan.push({ symbology, orientation });
  }
  // Shuffle so neither slot nor time correlates with the class.
  for (let i = plan.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [plan[i], plan[j]] = [plan[j]!, plan[i]!];
  }

  const appearances: LabelAppearance[] = [];
  const inputs: string[] = [];
  plan.forEach(({ symbology, orientation }, i) => {
    const code = CARRIERS[i % CARRIERS.length]!(digits());
    const raw = join(dir, `raw${i}.png`);
    const paper = join(dir, `paper${i}.jpg`);
    const label = join(dir, `label${i}.png`);
    const isQr = symbology === 'QRCode';
    // zint at 8 px per module; ffmpeg shrinks it to the printed size (area averaging:
    // edges as sharp as the pixel grid allows, like a printed label seen in focus).
    run('zint', ['-b', isQr ? '58' : '20', '--scale', '4', '--whitesp', '0', '--vwhitesp', '0', '--notext',
      ...(isQr ? [] : ['--height', String(Math.round(between(28, 45)))]), '-o', raw, '-d', code]);
    const rawSize = pngSize(raw);
    const modules = rawSize.width / 8;
    // Printed size: QR 80–200 px; Code128 1.6–2.6 px per module (200–450 px for these codes).
    const width = Math.round(isQr ? between(80, 200) : Math.min(450, Math.max(200, modules * between(1.6, 2.6))));
    const height = Math.round((rawSize.height * width) / rawSize.width);
    // Quiet zone: 4 modules for QR, 12 for Code128 (the standard asks for 10).
    const margin = Math.round(isQr ? width * 0.2 : (12 * width) / modules);
    const textRows = Math.round(Math.max(14, height * 0.5));
    const degradation: string[] = [];
    // Paper, the symbol, and a few text lines under it (dark bars of varied length).
    const lines = [0, 1, 2].map((r) => {
      const w = Math.round(width * between(0.3, 0.95));
      return `drawbox=x=${margin}:y=${margin + height + 6 + r * Math.round(textRows / 3)}:w=${w}:h=${Math.max(2, Math.round(textRows / 10))}:color=0x333333:t=fill`;
    });
    const paperFilters = [
      `scale=${width}:${height}:flags=area`,
      `pad=${width + 2 * margin}:${height + 2 * margin + textRows + 6}:${margin}:${margin}:color=0xf4f1ea`,
      'format=rgb24',
      ...lines,
    ];
    if (rand() < 0.35) {
      const gx = Math.round(between(0.2, 0.8) * width);
      const gy = Math.round(between(0.2, 0.8) * height);
      const r = Math.round(width * between(0.25, 0.5));
      const amp = Math.round(between(70, 140));
      const bump = `${amp}*exp(-((X-${gx})*(X-${gx})+(Y-${gy})*(Y-${gy}))/${2 * r * r})`;
      paperFilters.push(`geq=r='min(255,r(X,Y)+${bump})':g='min(255,g(X,Y)+${bump})':b='min(255,b(X,Y)+${bump})'`);
      degradation.push('glare');
    }
    if (rand() < 0.35) {
      paperFilters.push(`eq=contrast=${between(0.4, 0.6).toFixed(2)}:brightness=${between(-0.15, 0.05).toFixed(2)}`);
      degradation.push('low contrast');
    }
    const jpegQ = Math.round(between(3, 12));
    degradation.push(`jpeg q${jpegQ}`);
    run('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-i', raw, '-vf', paperFilters.join(','), '-q:v', String(jpegQ), paper]);

    // Photograph it: curved paper, perspective, rotation, focus blur.
    const quarter = { '0': 0, '90': 90, '180': 180, '270': 270, tilted: Math.floor(rand() * 4) * 90 }[orientation];
    const offset = orientation === 'tilted' ? (rand() < 0.5 ? -1 : 1) * between(20, 30) : between(-4, 4);
    const angleDeg = quarter + offset;
    const photo: string[] = ['format=gbrap'];
    if (rand() < 0.5) {
      const k = between(0.04, 0.12).toFixed(3);
      photo.push(`lenscorrection=k1=${k}:k2=0`);
      degradation.push(`curved k1=${k}`);
    }
    const pw = width + 2 * margin;
    const ph = height + 2 * margin + textRows + 6;
    const pad = Math.round(Math.max(pw, ph) * 0.12);
    photo.push(`pad=${pw + 2 * pad}:${ph + 2 * pad}:${pad}:${pad}:color=0x00000000`);
    const j = (s: number): string => String(Math.round(between(-s, s)));
    // Corners moved by up to 4 % of the label: a camera looking down, slightly off-axis.
    const d = pad * 0.35;
    // sense=destination moves the corners of the whole (padded) picture: the label keeps its size.
    photo.push(`perspective=x0=${j(d)}:y0=${j(d)}:x1=W+${j(d)}:y1=${j(d)}:x2=${j(d)}:y2=H+${j(d)}:x3=W+${j(d)}:y3=H+${j(d)}:sense=destination:interpolation=cubic`);
    degradation.push('perspective');
    photo.push(`rotate=${((angleDeg * Math.PI) / 180).toFixed(5)}:ow=rotw(${((angleDeg * Math.PI) / 180).toFixed(5)}):oh=roth(${((angleDeg * Math.PI) / 180).toFixed(5)}):c=none:bilinear=1`);
    const sigma = between(0.3, 0.9).toFixed(2);
    photo.push(`gblur=sigma=${sigma}`);
    degradation.push(`blur ${sigma}`);
    run('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-i', paper, '-vf', photo.join(','), '-pix_fmt', 'rgba', label]);

    const size = pngSize(label);
    const slot = i % 2;
    const k = Math.floor(i / 2);
    const start = Number((0.8 + slot * (SLOT_PERIOD_SEC / 2) + k * SLOT_PERIOD_SEC).toFixed(2));
    const x = Math.round(slot * 640 + between(10, Math.max(11, 630 - size.width)));
    const y = Math.round(between(10, Math.max(11, 710 - size.height)));
    appearances.push({ code, symbology, orientation, angleDeg: Number(angleDeg.toFixed(1)), symbolWidthPx: width, start, end: Number((start + VISIBLE_SEC).toFixed(2)), x, y, degradation });
    inputs.push('-i', label);
  });
  const durationSec = Math.ceil(Math.max(...appearances.map((a) => a.end)) + 1);

  // A wood-grain table: coloured noise smeared along x, one still picture.
  const table = join(dir, 'table.png');
  run('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=0x8a6848:s=1280x720,noise=alls=60:allf=u,gblur=sigma=9:sigmaV=0.6,eq=contrast=1.6`, '-frames:v', '1', table]);
  // Each still picture is decoded once and repeated by `loop` (an input looped with
  // `-loop 1` would be decoded again for every frame: most of the generation time).
  const still = (input: number): string => `[${input}:v]loop=loop=-1:size=1:start=0,setpts=N/${FPS}/TB`;
  let filter = `${still(0)},format=yuv420p[v0];`;
  appearances.forEach((a, i) => {
    const sway = `${a.x}+3*sin(t*1.7+${i})`;
    filter += `${still(i + 1)}[l${i}];[v${i}][l${i}]overlay=x='${sway}':y=${a.y}:enable='between(t,${a.start},${a.end})':format=yuv420[v${i + 1}];`;
  });
  filter += `[v${appearances.length}]noise=alls=3:allf=t,format=yuv420p[out]`;
  const path = join(dir, fileName);
  run('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-i', table, ...inputs, '-filter_complex', filter, '-map', '[out]',
    '-t', String(durationSec), '-r', String(FPS),
    // A fixed thread count: x264's output (and so every read) then does not depend on the machine's cores.
    '-threads', '3', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', String(options.crf ?? 26), '-g', String(2 * FPS),
    '-pix_fmt', 'yuv420p', '-movflags', '+faststart', path]);
  const footage: Omit<LabelFootage, 'path'> = { name: fileName, durationSec, fps: FPS, appearances };
  writeFileSync(join(dir, 'labels.json'), `${JSON.stringify(footage, null, 2)}\n`);
}
