import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const AGENT = fileURLToPath(new URL('../../../../bin/vtrack-agent.mjs', import.meta.url));

/** A `vtrack-agent run` child process and the JSON log lines it has written so far. */
export interface RunningAgent {
  readonly child: ChildProcess;
  readonly lines: Record<string, unknown>[];
}

/**
 * Starts the real agent from the checkout (`vtrack-agent run [--config]`) on a
 * state folder, logging at info, and collects its log lines. Without a
 * configuration file an enrolled agent takes its configuration from the cloud.
 * `stderr` is piped (kept from the test's output) unless the test wants to see it.
 */
export function startAgent(stateDir: string, configFile: string | null, stderr: 'pipe' | 'inherit' = 'pipe'): RunningAgent {
  const child = spawn(process.execPath, [AGENT, 'run', '--state-dir', stateDir, ...(configFile === null ? [] : ['--config', configFile])], { stdio: ['ignore', 'pipe', stderr], env: { ...process.env, LOG_LEVEL: 'info' } });
  const lines: Record<string, unknown>[] = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  return { child, lines };
}
