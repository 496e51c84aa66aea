import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentConfig } from '../../../core/edge/agentConfigSchema';
import { sharedFixtures } from '../processing/helpers/paths';

const AGENT = fileURLToPath(new URL('../../../bin/vtrack-agent.mjs', import.meta.url));

describe('vtrack-agent run on a disk that is full for its limits (refuse_new)', () => {
  let base: string;

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'vtrack-agent-full-'));
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  it('refuses new footage with the reason, says so once, and processes nothing', async () => {
    const folder = path.join(base, 'Đầu ghi', 'Quầy 1');
    const stateDir = path.join(base, 'state');
    const configFile = path.join(base, 'config.json');
    await mkdir(folder, { recursive: true });
    const config: AgentConfig = {
      revision: 1,
      timeZone: 'Asia/Ho_Chi_Minh',
      sources: [{ sourceId: 'src-local', type: 'local', name: 'Quầy 1', paused: false, config: { path: folder, settleSeconds: 5, mapping: { layout: 'auto', timeZone: '+07:00', renames: {}, excluded: [] } } }],
      uploads: { maxBytesPerSecond: null, windows: [], keepOriginals: false },
      // More free space asked for than any test machine has: the disk is "full" for this agent.
      disk: { maxUsedBytes: 10_000_000_000, minFreeBytes: Number.MAX_SAFE_INTEGER, keepDaysAfterUpload: 3, whenFull: 'refuse_new' },
      heartbeatSeconds: 60,
      settleSeconds: 5,
    };
    await writeFile(configFile, JSON.stringify(config));
    await copyFile(path.join(sharedFixtures, 'Cam1_20250718_093000.mp4'), path.join(folder, 'Cam1_20250718_093000.mp4'));

    const child = spawn(process.execPath, [AGENT, 'run', '--state-dir', stateDir, '--config', configFile], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LOG_LEVEL: 'info' } });
    const lines: Record<string, unknown>[] = [];
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) lines.push(JSON.parse(line) as Record<string, unknown>);
    });
    try {
      const deadline = Date.now() + 90_000;
      while (!lines.some((line) => line['msg'] === 'file skipped')) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no skip reported: ${lines.map((line) => JSON.stringify(line)).join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }

      expect(lines.filter((line) => line['msg'] === 'disk full: new footage is refused until space is back (refuse_new)')).toHaveLength(1);
      expect(lines.find((line) => line['msg'] === 'file skipped')).toEqual(
        expect.objectContaining({ file: 'Cam1_20250718_093000.mp4', reason: 'the disk is full and this agent refuses new footage until space is back (refuse_new)' }),
      );
      expect(lines.filter((line) => line['msg'] === 'file taken' || line['msg'] === 'file processed')).toEqual([]);
      expect(await readdir(path.join(stateDir, 'outbox')).catch(() => [])).toEqual([]);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }, 120_000);
});
