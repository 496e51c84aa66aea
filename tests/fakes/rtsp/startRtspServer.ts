// Starts tests/fakes/rtsp/rtspServer.py (GStreamer's RTSP server through
// python3-gi) on a loopback port, streaming a packing video at real pace.
// The process can be frozen (SIGSTOP: a stalled camera), killed mid-stream
// and started again on the same port (a camera reboot).
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The fixture's first 90 s segment: 1280x720, 15 fps, H.264, 17 orders across both fixture files. */
export const RTSP_FIXTURE_VIDEO = path.resolve(import.meta.dirname, '../../../../shared/media/fixtures/Cam1_20250718_093000.mp4');
const SCRIPT = path.join(import.meta.dirname, 'rtspServer.py');
/** Debian's python with gi; a pyenv python on PATH has no GStreamer bindings. */
const PYTHON = '/usr/bin/python3';

export interface RtspServerOptions {
  /** A video to stream; default the fixture looped to 9 minutes. */
  readonly file?: string;
  /** One mount point; default both /stream1 and /stream2 (the fake ONVIF device's two profiles). */
  readonly path?: string;
  readonly port?: number;
}

export interface FakeRtspServer {
  readonly port: number;
  /** rtsp://127.0.0.1:port/stream1 */
  readonly url: string;
  readonly pid: number;
  /** SIGSTOP: the socket stays open and nothing more arrives. */
  freeze(): void;
  thaw(): void;
  /** SIGKILL mid-stream. */
  kill(): Promise<void>;
  /** Starts again on the same port after kill(). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The fixture stream-copied into one long file (cached in the temp dir). */
export async function loopedFixture(loops = 6): Promise<string> {
  const target = path.join(os.tmpdir(), `vtrack-rtsp-fixture-x${loops}.mp4`);
  if (existsSync(target)) return target;
  const partial = `${target}.${process.pid}.partial.mp4`;
  await run('ffmpeg', ['-v', 'error', '-y', '-stream_loop', String(loops - 1), '-i', RTSP_FIXTURE_VIDEO, '-c', 'copy', '-an', partial]);
  await rename(partial, target);
  return target;
}

export async function startRtspServer(options: RtspServerOptions = {}): Promise<FakeRtspServer> {
  const file = options.file ?? (await loopedFixture());
  const mount = options.path ?? '/stream1';
  const mounts = options.path === undefined ? [] : ['--path', options.path];
  let child = await launch(file, mounts, options.port ?? 0);
  const port = child.port;
  const waitExit = (proc: ChildProcess) => new Promise<void>((resolve) => (proc.exitCode !== null || proc.signalCode !== null ? resolve() : proc.once('exit', () => resolve())));
  const server: FakeRtspServer = {
    port,
    url: `rtsp://127.0.0.1:${port}${mount}`,
    get pid() {
      return child.proc.pid ?? -1;
    },
    freeze: () => void child.proc.kill('SIGSTOP'),
    thaw: () => void child.proc.kill('SIGCONT'),
    kill: async () => {
      child.proc.kill('SIGKILL');
      await waitExit(child.proc);
    },
    restart: async () => {
      child = await launch(file, mounts, port);
    },
    stop: async () => {
      child.proc.kill('SIGCONT');
      child.proc.kill('SIGTERM');
      const timer = setTimeout(() => child.proc.kill('SIGKILL'), 3000);
      await waitExit(child.proc);
      clearTimeout(timer);
    },
  };
  return server;
}

async function launch(file: string, mounts: readonly string[], port: number): Promise<{ proc: ChildProcess; port: number }> {
  for (let attempt = 0; ; attempt++) {
    const proc = spawn(PYTHON, [SCRIPT, '--file', file, ...mounts, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const ready = await new Promise<number | null>((resolve) => {
      let out = '';
      proc.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const match = /READY (\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      proc.once('exit', () => resolve(null));
    });
    if (ready !== null && ready > 0) return { proc, port: ready };
    proc.kill('SIGKILL');
    // The port of a killed server can take a moment to be free again.
    if (attempt >= 20) throw new Error(`the RTSP server did not start: ${stderr.trim()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
