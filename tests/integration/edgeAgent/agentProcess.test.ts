import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentConfig } from '../../../core/edge/agentConfigSchema';
import { sharedFixtures } from '../processing/helpers/paths';
import { startAgent, type RunningAgent } from './support/agentChild';

const AGENT = fileURLToPath(new URL('../../../bin/vtrack-agent.mjs', import.meta.url));
const FIXTURES = ['Cam1_20250718_093000.mp4', 'Cam1_20250718_093130.mp4'];

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('vtrack-agent run (a real process on a real folder)', () => {
  let base: string;
  let folder: string;
  let stateDir: string;
  let configFile: string;
  const agents: RunningAgent[] = [];

  beforeEach(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'vtrack-agent-'));
    folder = path.join(base, 'NVR export', 'Quầy 1');
    stateDir = path.join(base, 'state');
    configFile = path.join(base, 'config.json');
    await mkdir(folder, { recursive: true });
    const config: AgentConfig = {
      revision: 1,
      timeZone: 'Asia/Ho_Chi_Minh',
      sources: [{ sourceId: 'src-local', type: 'local', name: 'Quầy 1', paused: false, config: { path: folder, mapping: { layout: 'auto', timeZone: '+07:00', renames: {}, excluded: [] } } }],
      uploads: { maxBytesPerSecond: null, windows: [], keepOriginals: false },
      disk: { maxUsedBytes: 10_000_000_000, minFreeBytes: 0, keepDaysAfterUpload: 3, whenFull: 'refuse_new' },
      heartbeatSeconds: 60,
      settleSeconds: 5,
    };
    await writeFile(configFile, JSON.stringify(config));
  });

  afterEach(async () => {
    for (const agent of agents.splice(0)) if (agent.child.exitCode === null) agent.child.kill('SIGKILL');
    await rm(base, { recursive: true, force: true });
  });

  const outboxEvents = async () => (await readdir(path.join(stateDir, 'outbox', 'src-local')).catch(() => [] as string[])).filter((name) => name.endsWith('.json'));

  it('takes settled footage, processes it on site after a kill -9 and a restart, and stops cleanly on SIGTERM', async () => {
    const first = startAgent(stateDir, configFile);
    agents.push(first);
    await waitFor(() => first.lines.some((line) => line['msg'] === 'agent started'), 30_000, 'the agent to start');
    for (const name of FIXTURES) await copyFile(path.join(sharedFixtures, name), path.join(folder, name));

    // Killed as soon as the files are queued: the work must survive in the state folder.
    await waitFor(() => first.lines.filter((line) => line['msg'] === 'file taken').length === 2, 60_000, 'both files to be taken');
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');

    const second = startAgent(stateDir, configFile);
    agents.push(second);
    await waitFor(() => second.lines.filter((line) => line['msg'] === 'file processed').length === 2, 180_000, 'both files to be processed');
    expect(second.lines.filter((line) => line['msg'] === 'file taken')).toEqual([]);

    const truth = JSON.parse(await readFile(path.join(sharedFixtures, 'Cam1_20250718_093000.truth.json'), 'utf8')) as { orders: { code: string }[] };
    const codes = await Promise.all(
      (await outboxEvents()).map(async (name) => (JSON.parse(await readFile(path.join(stateDir, 'outbox', 'src-local', name), 'utf8')) as { trackingCodes: string[] }).trackingCodes),
    );
    expect(codes.flat().sort()).toEqual(truth.orders.map((order) => order.code).sort());

    second.child.kill('SIGTERM');
    const [code] = (await once(second.child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(second.lines.at(-1)?.['msg']).toBe('agent stopped');
  }, 300_000);

  it('refuses a bad configuration file with the field named and keeps running on the last good one', async () => {
    const first = startAgent(stateDir, configFile);
    agents.push(first);
    await waitFor(() => first.lines.some((line) => line['msg'] === 'agent started'), 30_000, 'the agent to start');
    first.child.kill('SIGTERM');
    await once(first.child, 'exit');

    const good = JSON.parse(await readFile(configFile, 'utf8')) as AgentConfig;
    await writeFile(configFile, JSON.stringify({ ...good, revision: 2, settleSeconds: 1 }));
    const second = startAgent(stateDir, configFile);
    agents.push(second);
    await waitFor(() => second.lines.some((line) => line['msg'] === 'agent started'), 30_000, 'the agent to start again');
    expect(second.lines.find((line) => line['msg'] === 'configuration refused; the last good one stays')).toMatchObject({ field: 'config.settleSeconds' });

    const status = spawn(process.execPath, [AGENT, 'status', '--state-dir', stateDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    status.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    await once(status, 'exit');
    expect(JSON.parse(text)).toMatchObject({ configRevision: 1, sources: [{ sourceId: 'src-local', folder }] });
  }, 120_000);
});
