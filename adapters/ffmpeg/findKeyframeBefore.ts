import type { FfmpegTools } from './ffmpegTools';
import { runTool } from './runTool';

/**
 * The time of the last keyframe at or before `atSec`, from packet flags (no
 * decoding), looking back at most `lookBackSec` (camera GOPs are a few seconds).
 * Falls back to 0, the start of the file, which is always a keyframe.
 */
export async function findKeyframeBefore(
  tools: FfmpegTools,
  path: string,
  atSec: number,
  options: { lookBackSec?: number; signal?: AbortSignal | undefined } = {},
): Promise<number> {
  if (atSec <= 0) return 0;
  const from = Math.max(0, atSec - (options.lookBackSec ?? 30));
  const args = [
    '-v', 'error', '-select_streams', 'v:0',
    '-read_intervals', `${from.toFixed(3)}%${(atSec + 0.001).toFixed(3)}`,
    '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', path,
  ];
  const result = await runTool(tools.ffprobe, args, { timeoutMs: 30_000, signal: options.signal, tool: 'ffprobe', file: path });
  let best = 0;
  for (const line of result.stdout.split('\n')) {
    const [pts, flags] = line.split(',');
    const t = Number(pts);
    if (flags?.includes('K') && Number.isFinite(t) && t <= atSec + 1e-6 && t > best) best = t;
  }
  return best;
}
