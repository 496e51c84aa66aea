import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { agentReleaseFiles } from '../../../../core/agents/agentInstallCommand';
import { AGENT_VERSION } from '../../../../core/edge/agentVersion';

/** The folder an agent release unpacks into. */
export const RELEASE = agentReleaseFiles(AGENT_VERSION).folder;

/**
 * Runs `vtrack-agent` from a release unpacked in `dir` with plain node, from
 * a folder with no node_modules anywhere above it, and no tsx or loader in
 * the environment.
 */
export function runBundled(dir: string, args: readonly string[], timeout = 30_000): { code: number | null; stdout: string; stderr: string } {
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dir, LOG_LEVEL: 'info' };
  const result = spawnSync(process.execPath, [path.join(dir, RELEASE, 'vtrack-agent.mjs'), ...args], { cwd: dir, env, encoding: 'utf8', timeout });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
