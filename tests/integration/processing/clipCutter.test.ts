import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { locateFfmpeg } from '../../../adapters/ffmpeg/locateFfmpeg';
import { FfmpegClipCutter } from '../../../adapters/ffmpeg/ffmpegClipCutter';
import { sharedFixtures, tmpRoot } from './helpers/paths';

const dir = resolve(tmpRoot, 'clips');
const a = join(sharedFixtures, 'Cam1_20250718_093000.mp4');
const b = join(sharedFixtures, 'Cam1_20250718_093130.mp4');
let cutter: FfmpegClipCutter;
const frames = (file: string): number =>
  Number(execFileSync('ffprobe', ['-v', 'error', '-count_packets', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', file]).toString().trim());

describe('FfmpegClipCutter', () => {
  beforeAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    cutter = new FfmpegClipCutter(await locateFfmpeg({ searchPath: process.env.PATH }));
  });

  it('copy mode starts at the keyframe at or before the start (keyframes every 2 s here)', async () => {
    const result = await cutter.cut({ parts: [{ path: a, fromSec: 13.1, toSec: 19.4 }], outPath: join(dir, 'copy.mp4'), mode: 'copy' });
    expect(result.leadSec).toBeCloseTo(1.1, 2);
    expect(result.durationSec).toBeGreaterThan(19.4 - 12 - 0.1);
    expect(result.durationSec).toBeLessThan(19.4 - 12 + 0.5);
  });

  it('accurate mode re-encodes from the exact frame', async () => {
    const result = await cutter.cut({ parts: [{ path: a, fromSec: 13.1, toSec: 19.4 }], outPath: join(dir, 'accurate.mp4'), mode: 'accurate' });
    expect(result.leadSec).toBe(0);
    expect(Math.abs(frames(result.outPath) - 6.3 * 15)).toBeLessThanOrEqual(2);
  });

  it.each(['copy', 'accurate'] as const)('%s mode joins two consecutive files into one clip', async (mode) => {
    const result = await cutter.cut(
      { parts: [{ path: a, fromSec: 86, toSec: 90 }, { path: b, fromSec: 0, toSec: 3 }], outPath: join(dir, `joined-${mode}.mp4`), mode },
    );
    expect(result.durationSec).toBeGreaterThan(6.8);
    expect(result.durationSec).toBeLessThan(7.6);
    expect(Math.abs(frames(result.outPath) - 7 * 15)).toBeLessThanOrEqual(mode === 'accurate' ? 2 : 8);
  });
});
