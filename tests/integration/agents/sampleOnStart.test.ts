/**
 * The newcomer's path: `npm start` (bin/start.mjs, a real child process) in an
 * empty data folder, a new account, the sample footage offer taken — and the
 * sample's tracking codes become searchable clips, found by this machine's own
 * edge agent, with no Google account and no other step. A restart on another
 * port finds the agent again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentView } from '../../../core/api/agentsApi';
import type { ListOf } from '../../../core/api/collections';
import type { CodeSearchView } from '../../../core/api/eventsApi';
import type { SampleOfferView } from '../../../core/api/sampleOfferApi';
import type { RunView, TrackedFilesPageView } from '../../../core/api/sourcesApi';
import { ApiClient } from '../../support/localStackHarness';

const START = fileURLToPath(new URL('../../../bin/start.mjs', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../../../infra/local/sample/sample.json', import.meta.url));

/** Asks again, a few times a second for up to 30 s, until `done` holds; the last answer either way. */
async function waitFor<T>(ask: () => Promise<T>, done: (answer: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  let answer = await ask();
  while (!done(answer) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    answer = await ask();
  }
  return answer;
}

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
}

async function npmStart(dataDir: string): Promise<Started> {
  const child = spawn(process.execPath, [START, '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const deadline = Date.now() + 240_000;
  for (;;) {
    const url = /VTrack is running at (http:\/\/\S+)/.exec(text)?.[1];
    if (url !== undefined) return { child, url, output: () => text };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function stop(started: Started): Promise<number | null> {
  if (started.child.exitCode !== null) return started.child.exitCode;
  const exited = once(started.child, 'exit') as Promise<[number | null]>;
  started.child.kill('SIGINT');
  const [code] = await exited;
  return code;
}

describe('npm start offers sample footage that becomes searchable clips', () => {
  let dataDir: string;
  const running: Started[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'vtrack-newcomer-'));
  });
  afterAll(async () => {
    for (const started of running) if (started.child.exitCode === null) started.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('takes the offer, finds every code of the sample, and runs the agent again after a restart', async () => {
    const codes = (JSON.parse(await readFile(SAMPLE, 'utf8')) as { codes: string[] }).codes;
    const first = await npmStart(dataDir);
    running.push(first);
    const { client: shop } = await new ApiClient(first.url).signUp('chu-shop@kho.example', 'Shop Hoa Sen');

    const offered = await shop.call<SampleOfferView>('GET', '/api/local/sample');
    expect(offered.body).toEqual({ state: 'offered', sourceId: null, agentId: null, codes });
    const acceptedAt = Date.now();
    const [accepted, again] = await Promise.all([shop.call<SampleOfferView>('POST', '/api/local/sample'), shop.call<SampleOfferView>('POST', '/api/local/sample')]);
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ state: 'accepted', codes });
    expect(again.body.sourceId).toBe(accepted.body.sourceId);
    expect((await shop.call<SampleOfferView>('POST', '/api/local/sample')).body.sourceId).toBe(accepted.body.sourceId);

    let search: CodeSearchView | undefined;
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline) {
      search = (await shop.call<CodeSearchView>('POST', '/api/events/search', { codes })).body;
      if (search.notFound.length === 0 && search.found.every((hit) => hit.events.some((event) => event.clipState === 'ready'))) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const seconds = Math.round((Date.now() - acceptedAt) / 1000);
    expect(search?.notFound, `after ${seconds} s; npm start said:\n${first.output()}`).toEqual([]);
    expect(search?.found.map((hit) => hit.code).sort()).toEqual([...codes].sort());
    for (const hit of search?.found ?? []) expect(hit.events[0]).toMatchObject({ sourceId: accepted.body.sourceId, clipState: 'ready' });
    console.info(`sample footage searchable ${seconds} s after the offer was taken`);

    // The sample source's page is not blank: its file, stored in the cloud (the default keeps clips and footage; the original
    // goes up after the clips, so it may still be transferring when the codes are found), and the agent's run.
    const files = await waitFor(async () => (await shop.call<TrackedFilesPageView>('GET', `/api/sources/${accepted.body.sourceId}/files`)).body, (page) => page.total > 0 && page.items.every((row) => row.status !== 'transferring'));
    expect(files.items.map((row) => [row.relativePath, row.status])).toEqual([['Packing desk 1/Cam1_20250718_100000.mp4', 'done']]);
    const runs = (await shop.call<ListOf<RunView>>('GET', `/api/sources/${accepted.body.sourceId}/runs`)).body.items;
    expect(runs.map((run) => [run.trigger, run.status, run.filesDone, run.processing?.events])).toEqual([['agent', 'succeeded', 1, codes.length]]);

    const agents = (await shop.call<ListOf<AgentView>>('GET', '/api/agents')).body.items;
    expect(agents).toEqual([expect.objectContaining({ id: accepted.body.agentId, status: 'active', online: true, sources: [{ sourceId: accepted.body.sourceId, state: 'watching', error: null }] })]);
    expect(await stop(first)).toBe(0);

    // Another port: the agent is started again with the stack and pointed at it.
    const restartedAt = new Date().toISOString();
    const second = await npmStart(dataDir);
    running.push(second);
    const signedIn = await new ApiClient(second.url).call<{ token: string }>('POST', '/api/auth/local/sign-in', { email: 'chu-shop@kho.example', password: 'correct horse battery' });
    const after = new ApiClient(second.url).withToken(signedIn.body.token);
    expect((await after.call<SampleOfferView>('GET', '/api/local/sample')).body).toMatchObject({ state: 'accepted', sourceId: accepted.body.sourceId });
    const heardAgain = Date.now() + 60_000;
    let seen: AgentView | undefined;
    while (Date.now() < heardAgain) {
      seen = (await after.call<ListOf<AgentView>>('GET', '/api/agents')).body.items[0];
      if (seen?.lastSeenAt !== undefined && seen.lastSeenAt !== null && seen.lastSeenAt > restartedAt) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect((seen?.lastSeenAt ?? '') > restartedAt, `last seen ${String(seen?.lastSeenAt)}, restarted ${restartedAt}`).toBe(true);
    expect(await stop(second)).toBe(0);
  }, 600_000);
});
