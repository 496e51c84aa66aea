import { readdir, readFile } from 'node:fs/promises';

export interface FfmpegChild {
  readonly pid: number;
  /** User + system CPU seconds so far. */
  readonly cpuSeconds: number;
  readonly rssBytes: number;
}

const TICKS = 100; // USER_HZ on Linux
const PAGE = 4096;

/** This process's ffmpeg children, read from /proc (CPU time and resident memory). */
export async function ffmpegChildren(): Promise<FfmpegChild[]> {
  const children: FfmpegChild[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const close = stat.lastIndexOf(')');
    if (close < 0 || !stat.slice(0, close).includes('(ffmpeg')) continue;
    const fields = stat.slice(close + 2).split(' ');
    if (Number(fields[1]) !== process.pid) continue;
    children.push({ pid: Number(entry), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS, rssBytes: Number(fields[21]) * PAGE });
  }
  return children;
}
