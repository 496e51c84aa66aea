import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cachedFixture, fileStamp, textOf } from './fixtureCache';
import { sharedMedia } from './paths';

const run = (bin: string, args: string[], cwd?: string): void => {
  execFileSync(bin, args, { stdio: ['ignore', 'ignore', 'pipe'], ...(cwd ? { cwd } : {}) });
};
const generator = join(sharedMedia, 'make-packing-video.sh');
/** This module's text: a change to how it draws or cuts footage makes new fixtures. */
const thisModule = textOf(import.meta.url);

/**
 * Runs ../shared/media/make-packing-video.sh once per argument set (and script
 * text) into the shared fixture cache (fixtureCache.ts); later calls, in this
 * file or any other, reuse the output (same seed, same video).
 */
export function generatedFixture(name: string, args: readonly string[]): string {
  return cachedFixture(name, [textOf(generator), args], (dir) => run(generator, [dir, ...args]));
}

export const videosIn = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.mp4'))
    .sort()
    .map((f) => join(dir, f));

const LOW_LIGHT = ['-vf', 'eq=brightness=-0.28:contrast=0.45,noise=alls=8:allf=t', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '30', '-g', '30', '-pix_fmt', 'yuv420p', '-movflags', '+faststart'];

/** A generated fixture filmed in poor light: darker, flatter, noisier (same truth file). */
export function lowLightFixture(name: string, args: readonly string[]): string {
  const source = generatedFixture(`${name}-source`, args);
  return cachedFixture(name, [source, LOW_LIGHT], (dir) => {
    for (const file of readdirSync(source)) {
      if (file.endsWith('.json')) copyFileSync(join(source, file), join(dir, file));
      if (file.endsWith('.mp4')) run('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-i', join(source, file), ...LOW_LIGHT, join(dir, file)]);
    }
  });
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
  const dir = cachedFixture(name, [thisModule, fileName, durationSec, labels], (out) => {
    const inputs: string[] = [];
    let filter = `[0:v]null[v0];`;
    labels.forEach((label, i) => {
      const png = join(out, `label${i}.png`);
      const scale = label.zint === 58 || label.zint === 71 ? ['--scale', '4'] : ['--scale', '2', '--height', '40'];
      run('zint', ['-b', String(label.zint), ...scale, '--whitesp', '4', '--vwhitesp', '4', '-o', png, '-d', label.code]);
      inputs.push('-loop', '1', '-framerate', '15', '-i', png);
      filter += `[v${i}][${i + 1}:v]overlay=x=${label.x}+8*sin(t*1.3):y=${label.y}:enable='between(t,${label.start},${label.end})':shortest=1[v${i + 1}];`;
    });
    filter += `[v${labels.length}]format=yuv420p[out]`;
    const bg = `color=c=0x6e5f50:s=1280x720:r=15:d=${durationSec},format=yuv420p,noise=alls=10:allf=t`;
    // A keyframe every 2 s and at no other time, as a camera writes (and as the shared generator does):
    // segmentFiles then cuts at any even second without decoding.
    run('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', bg, ...inputs, '-filter_complex', filter, '-map', '[out]', '-t', String(durationSec),
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '28', '-g', '30', '-keyint_min', '30', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', join(out, fileName)]);
  });
  return join(dir, fileName);
}

/** `source` re-encoded with the given ffmpeg output options, once, as `dir/fileName`. */
export function transcodedFixture(name: string, source: string, fileName: string, outputArgs: readonly string[]): string {
  const dir = cachedFixture(name, [fileStamp(source), fileName, outputArgs], (out) => {
    run('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-i', source, ...outputArgs, join(out, fileName)]);
  });
  return join(dir, fileName);
}

/**
 * `source` cut into files of `lengthSec` without re-encoding, at its keyframes,
 * as a camera or NVR writing short segment files does: `source` needs a
 * keyframe at every multiple of `lengthSec` (sceneFixture puts one every 2 s).
 * Each file holds exactly its own frames (a source without those keyframes
 * fails here rather than giving files that overlap in time), named
 * `<camera>_<start>.mp4` by its own start time from `startStamp`
 * (YYYYMMDD_HHMMSS). Returns the files in time order.
 */
export function segmentFiles(name: string, source: string, durationSec: number, lengthSec: number, camera: string, startStamp: string): string[] {
  const stampAt = (offsetSec: number): string => {
    const m = /^(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})$/.exec(startStamp);
    if (m === null) throw new Error(`startStamp ${startStamp} is not YYYYMMDD_HHMMSS`);
    const at = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]! + offsetSec));
    const two = (n: number): string => String(n).padStart(2, '0');
    return `${at.getUTCFullYear()}${two(at.getUTCMonth() + 1)}${two(at.getUTCDate())}_${two(at.getUTCHours())}${two(at.getUTCMinutes())}${two(at.getUTCSeconds())}`;
  };
  const names: string[] = [];
  for (let from = 0; from < durationSec; from += lengthSec) names.push(`${camera}_${stampAt(from)}.mp4`);
  const dir = cachedFixture(name, [thisModule, fileStamp(source), durationSec, lengthSec, names], (out) => {
    // A cut without a keyframe would start at the one before it: the files would overlap in time.
    const keyframes = new Set(
      execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', source], { encoding: 'utf8' })
        .trim().split('\n').filter((line) => line.includes(',K')).map((line) => Number(line.split(',')[0])),
    );
    const [num, den] = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=r_frame_rate', '-of', 'csv=p=0', source], { encoding: 'utf8' }).trim().split('/').map(Number);
    const frames = Math.round((lengthSec * num!) / (den ?? 1));
    names.forEach((file, i) => {
      if (!keyframes.has(i * lengthSec)) throw new Error(`${source} has no keyframe at ${i * lengthSec} s to cut ${file} at`);
      run('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-ss', String(i * lengthSec), '-i', source, '-frames:v', String(frames), '-c', 'copy', '-movflags', '+faststart', join(out, file)]);
    });
    writeFileSync(join(out, 'segments.txt'), `${durationSec} ${lengthSec}\n`);
  });
  return names.map((file) => join(dir, file));
}
