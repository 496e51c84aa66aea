import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runTool } from './runTool';

/**
 * One frame of a video file as a JPEG, `atSec` into it, or its first frame if
 * it is shorter. Written to a private temporary file because runTool reads
 * stdout as text.
 */
export async function extractStill(ffmpegPath: string, videoFile: string, options: { readonly atSec?: number; readonly timeoutMs?: number } = {}): Promise<Buffer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vtrack-still-'));
  const out = path.join(dir, 'still.jpg');
  const frameAt = async (seekSec: number | null): Promise<{ jpeg: Buffer | null; why: string }> => {
    const seek = seekSec === null ? [] : ['-ss', String(seekSec)];
    const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...seek, '-i', videoFile, '-frames:v', '1', '-q:v', '4', out];
    const result = await runTool(ffmpegPath, args, { timeoutMs: options.timeoutMs ?? 20_000, tool: 'ffmpeg', file: videoFile });
    const jpeg = result.code === 0 ? await readFile(out).catch(() => null) : null;
    return { jpeg: jpeg !== null && jpeg.length > 0 ? jpeg : null, why: result.stderr.trim().split('\n').at(-1) || `ffmpeg exited ${result.code}` };
  };
  try {
    const at = await frameAt(options.atSec ?? 1);
    if (at.jpeg !== null) return at.jpeg;
    const first = await frameAt(null);
    if (first.jpeg !== null) return first.jpeg;
    throw new Error(`no frame could be taken from ${path.basename(videoFile)}: ${first.why}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
