import { spawn } from 'node:child_process';
import { MediaTimeoutError, ToolNotFoundError } from '../../core/processing/errors';
import { ffmpegInstallHint } from './ffmpegInstallHint';

export interface RunToolOptions {
  /** Hard limit for the whole run; the child is killed when it passes. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  /** For messages: which tool and which input file. */
  readonly tool: string;
  readonly file: string;
}

export interface ToolResult {
  readonly code: number;
  readonly stdout: string;
  /** The last few KB only: enough for the error, bounded for multi-hour inputs. */
  readonly stderr: string;
}

const STDERR_TAIL = 8_192;

/**
 * Runs a short-lived tool (ffprobe, a clip cut) to completion with a timeout.
 * Never hangs: on timeout or abort the child gets SIGKILL. A missing binary
 * becomes ToolNotFoundError with the install hint.
 */
export function runTool(bin: string, args: readonly string[], options: RunToolOptions): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() => reject(new MediaTimeoutError(options.file, `${options.tool} did not finish within ${options.timeoutMs} ms`)));
    }, options.timeoutMs);
    const onAbort = (): void => {
      child.kill('SIGKILL');
      finish(() => reject(options.signal?.reason ?? new Error('aborted')));
    };
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    child.on('error', (cause: NodeJS.ErrnoException) => {
      finish(() =>
        reject(
          cause.code === 'ENOENT'
            ? new ToolNotFoundError(options.tool, `${options.tool} not found at ${bin}. ${ffmpegInstallHint}`, { cause })
            : cause,
        ),
      );
    });
    child.on('close', (code) => {
      finish(() => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: err.trim() }));
    });
  });
}
