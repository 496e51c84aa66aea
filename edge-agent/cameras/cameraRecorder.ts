import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { recorderArgs, segmentPrefix, segmentStartMs, withCredentials } from './recorderArgs';

export interface RecorderCamera {
  readonly cameraId: string;
  readonly rtspUrl: string;
  readonly username: string;
  readonly password: string;
  readonly segmentSeconds: number;
}

export interface FinishedSegment {
  readonly cameraId: string;
  readonly absolutePath: string;
  readonly name: string;
  /** UTC start (from the name), ISO. */
  readonly startedAt: string;
  readonly durationSeconds: number;
}

/** Time with no footage between two segments of one recording stretch, with what interrupted it. */
export interface RecordingGap {
  readonly cameraId: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

export type RecorderState = 'starting' | 'recording' | 'reconnecting' | 'stopped';

export interface CameraRecorderOptions {
  readonly camera: RecorderCamera;
  /** Segments are written here (one folder per camera). */
  readonly dir: string;
  readonly ffmpegPath: string;
  readonly logger: Logger;
  readonly onSegment: (segment: FinishedSegment) => Promise<void>;
  readonly onGap?: (gap: RecordingGap) => void;
  /** First wait before a restart; doubles up to maxBackoffMs, and is reset by a finished segment. */
  readonly firstBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** How often the watchdog looks. Default 1 s. */
  readonly watchdogEveryMs?: number;
  readonly now?: () => number;
}

/** Segments shorter than this (a stream that died at once) are dropped rather than processed. */
const MIN_SEGMENT_SECONDS = 0.5;
/** A gap shorter than this is the reconnect's own seam, not missing footage. */
const GAP_TOLERANCE_MS = 2_000;

/**
 * Records one camera: runs ffmpeg (recorderArgs), hands each finished segment
 * on, and keeps it running. A watchdog restarts a recorder that produced no
 * new segment within twice the segment length (a stalled camera keeps the TCP
 * connection open and sends nothing); an ended or killed ffmpeg is restarted
 * after 1, 2, 4 … s (at most a minute). Footage missing between two segments
 * of a stretch is reported as a gap with the reason.
 */
export class CameraRecorder {
  private child: ChildProcess | null = null;
  private stopping = false;
  private running: Promise<void> | null = null;
  private backoffMs: number;
  private lastProgressMs = 0;
  private lastSegmentEndMs: number | null = null;
  private interruption: string | null = null;
  private stderrTail: string[] = [];
  private wake: (() => void) | null = null;
  private readonly pending = new Set<Promise<void>>();
  state: RecorderState = 'stopped';
  restarts = 0;
  segments = 0;
  lastError: string | null = null;

  constructor(private readonly options: CameraRecorderOptions) {
    this.backoffMs = options.firstBackoffMs ?? 1_000;
  }

  private now = (): number => (this.options.now ?? Date.now)();

  start(): void {
    if (this.running !== null) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** Ends ffmpeg gracefully (the open segment is finished and handed on) and waits for it. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    this.terminate();
    await this.running;
    await Promise.all([...this.pending]);
    this.running = null;
    this.state = 'stopped';
    // The next stretch (after the shop closes and opens again) is not a gap.
    this.lastSegmentEndMs = null;
  }

  private async loop(): Promise<void> {
    const { camera, dir, logger } = this.options;
    await mkdir(dir, { recursive: true });
    while (!this.stopping) {
      this.state = this.restarts === 0 && this.segments === 0 ? 'starting' : 'reconnecting';
      const reason = await this.runOnce();
      if (this.stopping) break;
      this.restarts++;
      this.interruption = reason;
      this.lastError = reason;
      this.state = 'reconnecting';
      logger.warn({ cameraId: camera.cameraId, reason, retryInMs: this.backoffMs }, 'recorder stopped; reconnecting');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.backoffMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
      this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs ?? 60_000);
    }
  }

  /** One ffmpeg run; resolves with why it ended. */
  private runOnce(): Promise<string> {
    const { camera, dir, ffmpegPath } = this.options;
    const url = withCredentials(camera.rtspUrl, camera.username, camera.password);
    const args = recorderArgs({ url, dir, filePrefix: segmentPrefix(camera.cameraId), segmentSeconds: camera.segmentSeconds, ioTimeoutSeconds: Math.max(5, camera.segmentSeconds) });
    const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: 'UTC' } });
    this.child = child;
    this.lastProgressMs = this.now();
    this.stderrTail = [];
    let stalled = false;
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      let newline;
      while ((newline = stdout.indexOf('\n')) >= 0) {
        const line = stdout.slice(0, newline).trim();
        stdout = stdout.slice(newline + 1);
        if (line !== '') this.track(this.finished(line));
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      // Never keep the URL: it carries the password.
      const lines = chunk.toString('utf8').split('\n').map((l) => l.split(url).join(camera.rtspUrl).trim()).filter(Boolean);
      this.stderrTail = [...this.stderrTail, ...lines].slice(-5);
    });
    const watchdog = setInterval(() => {
      if (this.now() - this.lastProgressMs > 2 * camera.segmentSeconds * 1000 && !stalled) {
        stalled = true;
        this.options.logger.warn({ cameraId: camera.cameraId, segmentSeconds: camera.segmentSeconds }, 'no new segment within twice the segment length; restarting the recorder');
        this.terminate();
      }
    }, this.options.watchdogEveryMs ?? 1_000);
    return new Promise<string>((resolve) => {
      child.once('error', (error) => {
        clearInterval(watchdog);
        resolve(`ffmpeg could not start: ${error.message}`);
      });
      child.once('close', (code, signal) => {
        clearInterval(watchdog);
        this.child = null;
        if (stdout.trim() !== '') this.track(this.finished(stdout.trim()));
        const said = this.stderrTail.at(-1);
        resolve(stalled ? `no new segment for ${2 * camera.segmentSeconds} s (stream stalled)` : said !== undefined ? `ffmpeg ended: ${said}` : `ffmpeg ended (${signal ?? `code ${code}`})`);
      });
    });
  }

  /** SIGINT lets ffmpeg finish the open segment; SIGKILL if it does not end within 5 s. */
  private terminate(): void {
    const child = this.child;
    if (child === null || child.exitCode !== null) return;
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('close', () => clearTimeout(timer));
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => this.options.logger.error({ cameraId: this.options.camera.cameraId, err: error }, 'a finished segment could not be handed on'));
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  private async finished(csvLine: string): Promise<void> {
    const { camera, dir, logger } = this.options;
    const [name = '', startText = '0', endText = '0'] = csvLine.split(',');
    const absolutePath = path.join(dir, path.basename(name));
    const durationSeconds = Number(endText) - Number(startText);
    const startMs = segmentStartMs(path.basename(name));
    const size = (await stat(absolutePath).catch(() => null))?.size ?? 0;
    if (startMs === null || !(durationSeconds >= MIN_SEGMENT_SECONDS) || size === 0) {
      logger.info({ cameraId: camera.cameraId, file: name, durationSeconds }, 'dropped an empty segment');
      await unlink(absolutePath).catch(() => undefined);
      return;
    }
    this.lastProgressMs = this.now();
    this.segments++;
    this.state = 'recording';
    this.backoffMs = this.options.firstBackoffMs ?? 1_000;
    if (this.lastSegmentEndMs !== null && startMs - this.lastSegmentEndMs > GAP_TOLERANCE_MS) {
      const gap = { cameraId: camera.cameraId, from: new Date(this.lastSegmentEndMs).toISOString(), to: new Date(startMs).toISOString(), reason: this.interruption ?? 'unknown' };
      logger.warn(gap, 'recording gap');
      this.options.onGap?.(gap);
    }
    this.interruption = null;
    this.lastSegmentEndMs = Math.max(this.lastSegmentEndMs ?? 0, startMs + durationSeconds * 1000);
    await this.options.onSegment({ cameraId: camera.cameraId, absolutePath, name: path.basename(name), startedAt: new Date(startMs).toISOString(), durationSeconds });
  }
}
