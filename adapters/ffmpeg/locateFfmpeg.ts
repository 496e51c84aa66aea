import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { ToolNotFoundError } from '../../core/processing/errors';
import type { FfmpegTools } from './ffmpegTools';
import { ffmpegInstallHint } from './ffmpegInstallHint';
import { runTool } from './runTool';

export interface LocateFfmpegOptions {
  /** Explicit binary paths (the wiring reads VTRACK_FFMPEG / VTRACK_FFPROBE and passes them here). */
  readonly ffmpegPath?: string | undefined;
  readonly ffprobePath?: string | undefined;
  /** The PATH to search when no explicit path is given. */
  readonly searchPath?: string | undefined;
  /**
   * A folder that may hold `ffmpeg` and `ffprobe` binaries shipped with the code
   * (the processing Lambda's bundle, copied there from @ffmpeg-installer and
   * @ffprobe-installer); taken before PATH when both are there.
   */
  readonly bundledDir?: string | undefined;
}

/**
 * Finds ffmpeg and ffprobe and proves they run (`-version`), so a missing or broken
 * install fails at start with the install hint instead of on the first video.
 */
export async function locateFfmpeg(options: LocateFfmpegOptions): Promise<FfmpegTools> {
  const bundled = options.bundledDir === undefined ? undefined : await findOnPath('ffmpeg', options.bundledDir).then(async (ffmpegBin) => {
    const ffprobeBin = await findOnPath('ffprobe', options.bundledDir);
    return ffmpegBin !== undefined && ffprobeBin !== undefined ? { ffmpeg: ffmpegBin, ffprobe: ffprobeBin } : undefined;
  });
  const ffmpeg = options.ffmpegPath ?? bundled?.ffmpeg ?? (await findOnPath('ffmpeg', options.searchPath));
  const ffprobe = options.ffprobePath ?? bundled?.ffprobe ?? (await findOnPath('ffprobe', options.searchPath));
  for (const [tool, bin] of [['ffmpeg', ffmpeg], ['ffprobe', ffprobe]] as const) {
    if (bin === undefined) {
      throw new ToolNotFoundError(tool, `${tool} was not found on PATH. ${ffmpegInstallHint}`);
    }
    const result = await runTool(bin, ['-version'], { timeoutMs: 10_000, tool, file: bin });
    if (result.code !== 0) {
      throw new ToolNotFoundError(tool, `${bin} -version failed (exit ${result.code}). ${ffmpegInstallHint}`, {
        context: { path: bin },
      });
    }
  }
  return { ffmpeg: ffmpeg!, ffprobe: ffprobe! };
}

async function findOnPath(name: string, searchPath: string | undefined): Promise<string | undefined> {
  const names = process.platform === 'win32' ? [`${name}.exe`, name] : [name];
  for (const dir of (searchPath ?? '').split(delimiter).filter(Boolean)) {
    for (const candidate of names.map((n) => join(dir, n))) {
      try {
        await access(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not in this directory; keep looking
      }
    }
  }
  return undefined;
}
