import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../infra/local/startLocalStack';

function run(args: string[]): { output: () => string; exit: Promise<number | null>; kill: (signal: NodeJS.Signals) => void; waitFor: (re: RegExp) => Promise<RegExpExecArray> } {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/start.mjs'), ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listeners: (() => void)[] = [];
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    output: () => output,
    exit,
    kill: (signal) => child.kill(signal),
    waitFor: (re) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const match = re.exec(output);
          if (match) resolve(match);
        };
        listeners.push(check);
        check();
        void exit.then(() => reject(new Error(`exited before printing ${re}: ${output}`)));
      }),
  };
}

describe('npm start', () => {
  let dataDir = '';
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('prints one URL that serves the API, and stops cleanly on Ctrl-C (SIGINT)', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vtrack-start-'));
    const started = run(['--port', '0', '--data-dir', dataDir]);

    const [, url] = await started.waitFor(/VTrack is running at (http:\/\/127\.0\.0\.1:\d+)/);
    const health = await fetch(`${url}/api/health`);
    started.kill('SIGINT');
    const code = await started.exit;

    expect(health.status).toBe(200);
    expect(code).toBe(0);
    expect(started.output()).toContain('stopped.');
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
  });

  it('explains a bad option with the usage and exits with an error', async () => {
    const started = run(['--port', 'abc']);
    const code = await started.exit;

    expect(code).toBe(2);
    expect(started.output()).toMatch(/--port must be a port number/);
    expect(started.output()).toMatch(/Usage: npm start/);
  });
});
