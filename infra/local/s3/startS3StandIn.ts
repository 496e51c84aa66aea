import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RunningService } from '../runningService';
import type { ChildToParent, ParentToChild, S3StandInChildOptions } from './s3StandInProtocol';

export interface S3StandInOptions {
  /** Objects live here (one folder per bucket) and survive restarts. */
  dataDir: string;
  /** 0 or undefined: an ephemeral port. */
  port?: number;
  /** Created when missing; existing content is kept. */
  buckets: readonly string[];
  /** Told when the child died unexpectedly and whether it was restarted; default: stderr. */
  onUnexpectedExit?: (report: S3StandInExit) => void;
}

export interface S3StandInExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** True when a new child serves the same port and data again. */
  readonly restarted: boolean;
  readonly error?: Error;
}

const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
/** More unexpected exits than this within RESTART_WINDOW_MS and the stand-in stays down (and says so). */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;

const CHILD_ENTRY = fileURLToPath(new URL('./s3StandInProcess.ts', import.meta.url));
// The child runs TypeScript through tsx, resolved from here so the caller's cwd does not matter.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * Starts the S3 stand-in (s3rver plus VTrack's extensions, see
 * docs/LOCAL-STACK.md) in a child process on 127.0.0.1. The child has
 * `--openssl-legacy-provider`, which s3rver's ListObjectsV2 paging needs; the
 * caller's process keeps Node's defaults.
 *
 * A child that exits on its own (a crash) is reported loudly and started again
 * on the same port and data folder, so the endpoint stays valid; after
 * MAX_RESTARTS within a minute it stays down and the report says so.
 */
export interface S3StandIn extends RunningService {
  /** The serving child's process id: changes when it is restarted, undefined while it is down. */
  readonly pid: number | undefined;
}

export async function startS3StandIn(options: S3StandInOptions): Promise<S3StandIn> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const report = options.onUnexpectedExit ?? reportToStderr;
  let child: ChildProcess;
  // The child that answers requests: undefined from its death until the next one is ready.
  let serving: ChildProcess | undefined;
  let stopping = false;
  const restarts: number[] = [];
  // Last resort when the caller exits without stop(): the child also exits on its own
  // when the IPC channel closes, but a synchronous kill here leaves no window.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const launch = async (port: number): Promise<number> => {
    child = spawnChild({ dataDir, port, buckets: options.buckets });
    const running = child;
    try {
      const readyPort = await waitUntilReady(running);
      // The running child must not keep the caller alive; stop() takes the reference back.
      running.unref();
      running.channel?.unref();
      serving = running;
      running.once('exit', (code, signal) => {
        if (serving === running) serving = undefined;
        if (!stopping && running === child) void relaunch(readyPort, code, signal);
      });
      return readyPort;
    } catch (error) {
      running.kill('SIGKILL');
      throw error;
    }
  };
  const relaunch = async (port: number, code: number | null, signal: NodeJS.Signals | null): Promise<void> => {
    const now = Date.now();
    while (restarts.length > 0 && (restarts[0] ?? now) < now - RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length >= MAX_RESTARTS) {
      report({ code, signal, restarted: false, error: new Error(`S3 stand-in exited ${MAX_RESTARTS + 1} times within a minute; left down`) });
      return;
    }
    restarts.push(now);
    try {
      await launch(port);
      report({ code, signal, restarted: true });
    } catch (error) {
      report({ code, signal, restarted: false, error: error instanceof Error ? error : new Error(String(error)) });
    }
  };

  try {
    const port = await launch(options.port ?? 0);
    return {
      endpoint: `http://127.0.0.1:${port}`,
      get pid() {
        return serving?.pid;
      },
      stop: () => {
        stopping = true;
        return stopChild(child, killOnExit);
      },
    };
  } catch (error) {
    process.off('exit', killOnExit);
    throw error;
  }
}

function spawnChild(childOptions: S3StandInChildOptions): ChildProcess {
  return spawn(process.execPath, ['--openssl-legacy-provider', '--import', TSX_LOADER, CHILD_ENTRY, JSON.stringify(childOptions)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function reportToStderr(exit: S3StandInExit): void {
  const how = `code ${exit.code}, signal ${exit.signal}`;
  if (exit.restarted) console.error(`S3 stand-in exited unexpectedly (${how}); restarted on the same port and data`);
  else console.error(`S3 stand-in exited unexpectedly (${how}) and is DOWN: ${exit.error?.message ?? 'not restarted'}`);
}

function waitUntilReady(child: ChildProcess): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('S3 stand-in did not start within 30 s')), STARTUP_TIMEOUT_MS);
    const onMessage = (message: ChildToParent): void => {
      if (message.type === 'ready') done(() => resolve(message.port));
      else fail(new Error(`S3 stand-in failed to start: ${message.message}`));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      fail(new Error(`S3 stand-in exited during start (code ${code}, signal ${signal}); see its stderr above`));
    };
    const onError = (error: Error): void => fail(new Error('S3 stand-in could not be spawned', { cause: error }));
    function done(settle: () => void): void {
      clearTimeout(timer);
      child.off('message', onMessage).off('exit', onExit).off('error', onError);
      settle();
    }
    function fail(error: Error): void {
      done(() => reject(error));
    }
    child.on('message', onMessage).on('exit', onExit).on('error', onError);
  });
}

async function stopChild(child: ChildProcess, killOnExit: () => void): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    process.off('exit', killOnExit);
    return;
  }
  child.ref();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop: ParentToChild = { type: 'stop' };
  if (child.connected) child.send(stop);
  else child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
  process.off('exit', killOnExit);
}
