import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentView, EnrolmentView } from '../../../core/api/agentsApi';
import type { ListOf } from '../../../core/api/collections';
import type { RunView, SourceView, TrackedFilesPageView } from '../../../core/api/sourcesApi';
import { ApiClient, startHarness, type Harness } from '../../support/localStackHarness';
import { sharedFixtures } from '../processing/helpers/paths';
import { appDependencies } from '../../../functions/wiring';

const AGENT = fileURLToPath(new URL('../../../bin/vtrack-agent.mjs', import.meta.url));

async function runToExit(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [AGENT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

describe('an enrolled vtrack-agent against the local stack', () => {
  let harness: Harness;
  let shop: ApiClient;
  let base: string;
  let tenantId: string;

  beforeAll(async () => {
    harness = await startHarness();
    const signedUp = await new ApiClient(harness.stack.url).signUp('owner@kho.example', 'Kho Sài Gòn');
    shop = signedUp.client;
    tenantId = signedUp.tenantId;
    base = await mkdtemp(path.join(tmpdir(), 'vtrack-enrolled-'));
  });
  afterAll(async () => {
    await harness.close();
    await rm(base, { recursive: true, force: true });
  });

  it('enrols with the code, pulls the folder it was given, processes its footage, uploads its events and clips to the cloud, lists the files (one it could not read as unprocessable) and one run on the source’s page and shows up online', async () => {
    const stateDir = path.join(base, 'state');
    const folder = path.join(base, 'Đầu ghi', 'Quầy 1');
    await mkdir(folder, { recursive: true });
    const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy ở kho' });

    const wrong = await runToExit(['enrol', '--api', harness.stack.url, '--code', 'ABCDEFGHJK', '--state-dir', stateDir]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('not valid');

    const enrolled = await runToExit(['enrol', '--api', harness.stack.url, '--code', made.body.code, '--state-dir', stateDir]);
    expect(enrolled.code).toBe(0);
    expect(enrolled.stdout).toContain(made.body.agent.id);

    const source = await shop.call<SourceView>('POST', '/api/sources', {
      type: 'local',
      name: 'Quầy 1',
      intervalMinutes: 30,
      config: { path: folder, agentId: made.body.agent.id, settleSeconds: 5, mapping: { layout: 'auto', timeZone: '+07:00', renames: {}, excluded: [] } },
    });
    expect(source.status).toBe(201);
    for (const name of ['Cam1_20250718_093000.mp4', 'Cam1_20250718_093130.mp4']) await copyFile(path.join(sharedFixtures, name), path.join(folder, name));
    // A file named like footage that no decoder can read: the cloud must hear of it.
    await copyFile(path.join(sharedFixtures, 'Cam1_20250718_093000.truth.json'), path.join(folder, 'Cam1_20250718_100000.mp4'));

    // The in-process local stack quietens LOG_LEVEL in this process's environment; the agent's info lines are the test's signal.
    const agent = spawn(process.execPath, [AGENT, 'run', '--state-dir', stateDir], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LOG_LEVEL: 'info' } });
    const messages: string[] = [];
    let pending = '';
    agent.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) messages.push(line);
    });
    try {
      const deadline = Date.now() + 180_000;
      while (messages.filter((line) => line.includes('"msg":"file processed"')).length < 3) {
        if (Date.now() > deadline || agent.exitCode !== null) throw new Error(`agent did not process the three files: ${messages.join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      // Both files' events and clips reach the cloud's events store; the spanning order is one event there too.
      while (messages.filter((line) => line.includes('"msg":"batch delivered"')).length < 2 || !messages.some((line) => line.includes('"msg":"unprocessable file reported"'))) {
        if (Date.now() > deadline || agent.exitCode !== null) throw new Error(`agent did not deliver both batches: ${messages.join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const taken = messages.map((line) => JSON.parse(line) as { msg?: string; cameraId?: string }).find((line) => line.msg === 'file taken');
      const stored = await appDependencies().events.listByCamera(
        { tenantId, sourceId: source.body.id, cameraId: taken?.cameraId ?? '', from: '2025-07-18T00:00:00.000Z', to: '2025-07-19T00:00:00.000Z' },
        100,
      );
      expect(stored).toHaveLength(17);
      expect(stored.filter((event) => event.clip.state === 'ready' && event.clip.s3Key?.startsWith(`${tenantId}/clips/${source.body.id}/`) === true)).toHaveLength(17);
      expect(new Set(stored.map((event) => event.id)).size).toBe(17);
      const left = (await readdir(path.join(stateDir, 'outbox', source.body.id))).filter((name) => name.endsWith('.json'));
      expect(left).toEqual([]);

      // The source's page lists both files, stored in the cloud (its order settings keep clips and footage), the broken one as
      // unprocessable with why, and one run for the hour's deliveries.
      const files = await shop.call<TrackedFilesPageView>('GET', `/api/sources/${source.body.id}/files`);
      expect(files.body.items.map((row) => [row.relativePath, row.status, row.cameraId, row.reasonCode]).sort()).toEqual([
        ['Cam1_20250718_093000.mp4', 'done', taken?.cameraId, null],
        ['Cam1_20250718_093130.mp4', 'done', taken?.cameraId, null],
        ['Cam1_20250718_100000.mp4', 'unprocessable', taken?.cameraId, 'unreadable_on_agent'],
      ]);
      expect(files.body.items.find((row) => row.status === 'unprocessable')?.recordingStartAt).toBe('2025-07-18T03:00:00.000Z');
      const runs = await shop.call<ListOf<RunView>>('GET', `/api/sources/${source.body.id}/runs`);
      expect(runs.body.items.map((run) => [run.trigger, run.status, run.filesDone, run.processing?.processed, run.processing?.unprocessable])).toEqual([['agent', 'succeeded', 2, 2, 1]]);
      expect(runs.body.items[0]?.processing?.events).toBeGreaterThanOrEqual(17);

      // The disk guard's ledger: the unreadable file dated by its name, and the cloud's acknowledgement of its report — with
      // its original wanted (this source keeps footage), so the guard does not reclaim it early (core/edge/planDiskCleanup.ts).
      type LedgerLine = { op: string; id?: string; originalWanted?: boolean; footage?: { id: string; absolutePath: string; recordedAt: string } };
      const ledger = (await readFile(path.join(stateDir, 'footage-ledger.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as LedgerLine);
      const unreadable = ledger.find((line) => line.op === 'taken' && line.footage?.absolutePath.endsWith('Cam1_20250718_100000.mp4'))?.footage;
      expect(unreadable?.recordedAt).toBe('2025-07-18T03:00:00.000Z');
      expect(ledger.filter((line) => line.op === 'reported')).toEqual([expect.objectContaining({ id: unreadable?.id, originalWanted: true })]);

      const listed = await shop.call<ListOf<AgentView>>('GET', '/api/agents');
      expect(listed.body.items).toEqual([
        expect.objectContaining({ id: made.body.agent.id, status: 'active', online: true, outdated: false, sources: [{ sourceId: source.body.id, state: 'watching', error: null }] }),
      ]);
    } finally {
      agent.kill('SIGTERM');
      await once(agent, 'exit');
    }
  }, 300_000);
});
