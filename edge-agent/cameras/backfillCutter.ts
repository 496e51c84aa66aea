import { spawn } from 'node:child_process';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { segmentPrefix } from './recorderArgs';
import { syncFolder } from '../state/writeFileDurably';
import { backfillArgs, clockCuts } from './backfillArgs';

export interface PulledSegment {
  readonly absolutePath: string;
  readonly name: string;
  /** UTC start (from the name), ISO. */
  readonly startedAt: string;
  readonly durationSeconds: number;
}

export interface CutOptions {
  readonly ffmpegPath: string;
  /** An RTSP URL (with credentials: never logged) or a downloaded file. */
  readonly input: string;
  readonly rtsp: boolean;
  /** Wall-clock time of the input's first frame as asked; `actualStartMs` may correct it once known. */
  readonly startMs: number;
  readonly actualStartMs?: () => number | null;
  readonly durationSeconds: number;
  /** Skip this far into a downloaded file first. */
  readonly seekSeconds?: number;
  readonly segmentSeconds: number;
  readonly cameraId: string;
  /** The camera's recordings folder (the recorder's segments are there too). */
  readonly cameraDir: string;
  /** Where parts are written before they get their names (inside cameraDir, so the rename is atomic). */
  readonly workDir: string;
  /** Shown instead of the input in errors (the input may carry a password). */
  readonly label: string;
  readonly signal?: AbortSignal;
  /**
   * Told the names the finished parts are about to get, before the first is
   * renamed (CameraBackfill keeps them durably, so segments named before a
   * power cut are queued on the next start rather than taken for duplicates).
   */
  readonly beforeNaming?: (names: readonly string[]) => Promise<void>;
}

/** A pull stopped by its signal before it finished; nothing of it was kept. */
export class PullStoppedError extends Error {
  constructor(label: string) {
    super(`${label} was stopped before it finished`);
    this.name = 'PullStoppedError';
  }
}

/** Seconds a pull may sit without data before ffmpeg gives up. */
const IO_TIMEOUT_SECONDS = 20;

/**
 * Stream-copies pulled footage into segments named like the recorder's
 * (`<camera>_YYYYMMDD_HHMMSS.mp4`, UTC start) in the camera's folder. A part
 * whose name a segment already has (recorded, or pulled before) is dropped,
 * so a range pulled twice or overlapping recorded footage adds nothing twice.
 */
export async function cutIntoSegments(options: CutOptions): Promise<{ segments: PulledSegment[]; duplicates: number }> {
  await rm(options.workDir, { recursive: true, force: true });
  await mkdir(options.workDir, { recursive: true });
  try {
    const args = backfillArgs({ input: options.input, rtsp: options.rtsp, ioTimeoutSeconds: IO_TIMEOUT_SECONDS, ...(options.seekSeconds === undefined ? {} : { seekSeconds: options.seekSeconds }), durationSeconds: options.durationSeconds, cutAtSeconds: clockCuts(options.startMs, options.durationSeconds, options.segmentSeconds), dir: options.workDir });
    const parts = await runFfmpeg(options.ffmpegPath, args, options);
    // Stopped part-way (the agent is stopping): nothing is kept, so the range is pulled whole next time (no part of it half-named).
    if (options.signal?.aborted === true) throw new PullStoppedError(options.label);
    const startMs = options.actualStartMs?.() ?? options.startMs;
    const base = parts[0]?.start ?? 0;
    const prefix = segmentPrefix(options.cameraId);
    const existing = new Set(await readdir(options.cameraDir).catch(() => [] as string[]));
    const named: { from: string; segment: PulledSegment }[] = [];
    let duplicates = 0;
    for (const part of parts) {
      const from = path.join(options.workDir, path.basename(part.name));
      const size = (await stat(from).catch(() => null))?.size ?? 0;
      if (size === 0 || part.end - part.start < 0.5) continue;
      const startedAt = new Date(Math.round((startMs + (part.start - base) * 1000) / 1000) * 1000);
      const name = `${prefix}_${startedAt.toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15)}.mp4`;
      if (existing.has(name)) {
        duplicates++;
        continue;
      }
      existing.add(name);
      named.push({ from, segment: { absolutePath: path.join(options.cameraDir, name), name, startedAt: startedAt.toISOString(), durationSeconds: part.end - part.start } });
    }
    if (named.length === 0) return { segments: [], duplicates };
    // On the disk before anything is named: a power cut must not leave a named segment with no footage in it.
    for (const { from } of named) await syncFile(from);
    await options.beforeNaming?.(named.map(({ segment }) => segment.name));
    for (const { from, segment } of named) await rename(from, segment.absolutePath);
    await syncFolder(options.cameraDir);
    return { segments: named.map(({ segment }) => segment), duplicates };
  } finally {
    await rm(options.workDir, { recursive: true, force: true });
  }
}

function runFfmpeg(ffmpegPath: string, args: string[], options: CutOptions): Promise<{ name: string; start: number; end: number }[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const abort = () => child.kill('SIGINT');
    options.signal?.addEventListener('abort', abort, { once: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2_000)));
    child.once('error', (error) => reject(new Error(`ffmpeg could not start: ${error.message}`)));
    child.once('close', (code) => {
      options.signal?.removeEventListener('abort', abort);
      const parts = stdout
        .split('\n')
        .map((line) => line.trim().split(','))
        .filter((fields) => fields.length >= 3 && fields[0] !== '')
        .map(([name = '', start = '0', end = '0']) => ({ name, start: Number(start), end: Number(end) }));
      if (code !== 0 && parts.length === 0) {
        const said = stderr.split(options.input).join(options.label).trim().split('\n').at(-1) ?? '';
        reject(new Error(`pulling ${options.label} failed: ${said || `ffmpeg exited with ${code}`}`));
        return;
      }
      resolve(parts);
    });
  });
}

/** Flushes a file's content to the disk. */
async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
