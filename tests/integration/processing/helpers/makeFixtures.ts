import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sharedMedia, tmpRoot } from './paths';

const fixturesRoot = resolve(tmpRoot, 'fixtures');
const run = (bin: string, args: string[], cwd?: string): void => {
  execFileSync(bin, args, { stdio: ['ignore', 'ignore', 'pipe'], ...(cwd ? { cwd } : {}) });
};

/**
 * Runs ../shared/media/make-packing-video.sh into tests/.tmp (git-ignored) once
 * per argument set; later runs reuse the output (same seed, same video).
 */
export function generatedFixture(name: string, args: readonly string[]): string {
  const dir = join(fixturesRoot, name);
  const marker = join(dir, '.done');
  if (!existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    run(join(sharedMedia, 'make-packing-video.sh'), [dir, ...args]);
    writeFileSync(marker, args.join(' '));
  }
  return dir;
}

export const videosIn = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.mp4'))
    .sort()
    .map((f) => join(dir, f));

/** A generated fixture filmed in poor light: darker, flatter, noisier (same truth file). */
export function lowLightFixture(name: string, args: readonly string[]): string {
  const source = generatedFixture(`${name}-source`, args);
  const dir = join(fixturesRoot, name);
  const marker = join(dir, '.done');
  if (!existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const file of readdirSync(source)) {
      if (file.endsWith('.json')) execFileSync('cp', [join(source, file), join(dir, file)]);
      if (!file.endsWith('.mp4')) continue;
      run('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-i', join(source, file), '-vf', 'eq=brightness=-0.28:contrast=0.45,noise=alls=8:allf=t',
        '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '30', '-g', '30', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', join(dir, file)]);
    }
    writeFileSync(marker, 'done');
  }
  return dir;
}

export interface SceneLabel {
  readonly code: string;
  /** zint symbology number: 58 QR, 20 Code128, 71 DataMatrix, 55 PDF417, 8 Code39. */
  readonly zint: number;
  readonly start: number;
  readonly end: number;
  readonly x: number;
  readonly y: number;
}

/**
 * A packing scene the shared generator cannot make (it never shows two labels
 * at once, and draws only QR and Code128): labels of any symbology at chosen
 * places and times, on the same noisy table.
 */
export function sceneFixture(name: string, fileName: string, durationSec: number, labels: readonly SceneLabel[]): string {
  const dir = join(fixturesRoot, name);
  const marker = join(dir, '.done');
  if (existsSync(marker)) return join(dir, fileName);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const inputs: string[] = [];
  let filter = `[0:v]null[v0];`;
  labels.forEach((label, i) => {
    const png = join(dir, `label${i}.png`);
    const scale = label.zint === 58 || label.zint === 71 ? ['--scale', '4'] : ['--scale', '2', '--height', '40'];
    run('zint', ['-b', String(label.zint), ...scale, '--whitesp', '4', '--vwhitesp', '4', '-o', png, '-d', label.code]);
    inputs.push('-loop', '1', '-framerate', '15', '-i', png);
    filter += `[v${i}][${i + 1}:v]overlay=x=${label.x}+8*sin(t*1.3):y=${label.y}:enable='between(t,${label.start},${label.end})':shortest=1[v${i + 1}];`;
  });
  filter += `[v${labels.length}]format=yuv420p[out]`;
  const bg = `color=c=0x6e5f50:s=1280x720:r=15:d=${durationSec},format=yuv420p,noise=alls=10:allf=t`;
  run('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', bg, ...inputs, '-filter_complex', filter, '-map', '[out]', '-t', String(durationSec),
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '28', '-g', '30', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', join(dir, fileName)]);
  writeFileSync(marker, 'done');
  return join(dir, fileName);
}

/** `source` re-encoded with the given ffmpeg output options, once, as `dir/fileName`. */
export function transcodedFixture(name: string, source: string, fileName: string, outputArgs: readonly string[]): string {
  const dir = join(fixturesRoot, name);
  const marker = join(dir, '.done');
  const out = join(dir, fileName);
  if (existsSync(marker)) return out;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  run('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-i', source, ...outputArgs, out]);
  writeFileSync(marker, outputArgs.join(' '));
  return out;
}

/**
 * `source` cut into files of `lengthSec`, each re-encoded (a stream copy would
 * carry a few frames past the cut, so files would overlap in time), named
 * `<camera>_<start>.mp4` by their own start times from `startStamp`
 * (YYYYMMDD_HHMMSS), as a camera or NVR writing short segment files does.
 * Returns the files in time order.
 */
export function segmentFiles(name: string, source: string, durationSec: number, lengthSec: number, camera: string, startStamp: string): string[] {
  const dir = join(fixturesRoot, name);
  const marker = join(dir, '.done');
  const stampAt = (offsetSec: number): string => {
    const m = /^(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})$/.exec(startStamp);
    if (m === null) throw new Error(`startStamp ${startStamp} is not YYYYMMDD_HHMMSS`);
    const at = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]! + offsetSec));
    const two = (n: number): string => String(n).padStart(2, '0');
    return `${at.getUTCFullYear()}${two(at.getUTCMonth() + 1)}${two(at.getUTCDate())}_${two(at.getUTCHours())}${two(at.getUTCMinutes())}${two(at.getUTCSeconds())}`;
  };
  const files: string[] = [];
  for (let from = 0; from < durationSec; from += lengthSec) files.push(join(dir, `${camera}_${stampAt(from)}.mp4`));
  if (existsSync(marker)) return files;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  files.forEach((file, i) => {
    run('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-ss', String(i * lengthSec), '-t', String(lengthSec), '-i', source,
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '28', '-g', '30', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', file]);
  });
  writeFileSync(marker, `${durationSec} ${lengthSec}`);
  return files;
}
