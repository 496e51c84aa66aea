import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { repoRoot } from './paths';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `bin/vtrack.mjs` as a child, as `npx vtrack` would, with a hard timeout. */
export function runVtrack(args: readonly string[], env: NodeJS.ProcessEnv = process.env, timeoutMs = 120_000): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve(repoRoot, 'bin/vtrack.mjs'), ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}
