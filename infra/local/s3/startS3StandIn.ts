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
}

const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

const CHILD_ENTRY = fileURLToPath(new URL('./s3StandInProcess.ts', import.meta.url));
// The child runs TypeScript through tsx, resolved from here so the caller's cwd does not matter.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * Starts the S3 stand-in (s3rver plus VTrack's extensions, see
 * docs/LOCAL-STACK.md) in a child process on 127.0.0.1. The child has
 * `--openssl-legacy-provider`, which s3rver's ListObjectsV2 paging needs; the
 * caller's process keeps Node's defaults.
 */
export async function startS3StandIn(options: S3StandInOptions): Promise<RunningService> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const childOptions: S3StandInChildOptions = { dataDir, port: options.port ?? 0, buckets: options.buckets };
  const child = spawn(
    process.execPath,
    ['--openssl-legacy-provider', '--import', TSX_LOADER, CHILD_ENTRY, JSON.stringify(childOptions)],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  // Last resort when the caller exits without stop(): the child also exits on its own
  // when the IPC channel closes, but a synchronous kill here leaves no window.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  try {
    const port = await waitUntilReady(child);
    // The running child must not keep the caller alive; stop() takes the reference back.
    child.unref();
    child.channel?.unref();
    return {
      endpoint: `http://127.0.0.1:${port}`,
      stop: () => stopChild(child, killOnExit),
    };
  } catch (error) {
    process.off('exit', killOnExit);
    child.kill('SIGKILL');
    throw error;
  }
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
