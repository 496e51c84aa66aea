/**
 * A running agent picks up a local folder assigned to it in the cloud after it
 * started, without a restart: its next exchange with the cloud pulls the new
 * configuration, starts watching the folder, and the folder's footage is
 * processed and delivered. The agent's real parts (createAgentServices:
 * watcher, queue, on-site processing with ffmpeg, uploader, cloud link) run
 * against the local stack on a clock the test moves, so nobody waits for the
 * minute between heartbeats or for a file to settle.
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../../adapters/logging/logger';
import type { AgentView, EnrolledView, EnrolmentView } from '../../../core/api/agentsApi';
import type { ListOf } from '../../../core/api/collections';
import type { SourceView } from '../../../core/api/sourcesApi';
import { createAgentServices } from '../../../edge-agent/agentServices';
import { openAgentState } from '../../../edge-agent/agentState';
import { createSiteProcessor } from '../../../edge-agent/wiring';
import { appDependencies } from '../../../functions/wiring';
import { ApiClient, startHarness, type Harness } from '../../support/localStackHarness';
import { sharedFixtures } from '../processing/helpers/paths';
import { ManualClock } from './support/manualClock';

const FIXTURE = 'Cam1_20250718_093000.mp4';

describe('a source assigned to a running agent', () => {
  let harness: Harness;
  let shop: ApiClient;
  let tenantId: string;
  let base: string;
  let enrolled: EnrolledView;

  beforeAll(async () => {
    harness = await startHarness();
    ({ client: shop, tenantId } = await new ApiClient(harness.stack.url).signUp('owner@kho-moi.example', 'Kho Bình Dương'));
    base = await mkdtemp(path.join(tmpdir(), 'vtrack-new-source-'));
    const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy kho Bình Dương' });
    enrolled = (await new ApiClient(harness.stack.url).call<EnrolledView>('POST', '/api/agent/enrol', { code: made.body.code })).body;
  });

  afterAll(async () => {
    await harness.close();
    await rm(base, { recursive: true, force: true });
  });

  it('is pulled at the next exchange, watched, and its footage processed and delivered, without a restart', async () => {
    // Prepare: the agent runs with nothing to watch (the cloud has assigned it no source yet).
    const stateDir = path.join(base, 'state');
    const footage = path.join(base, 'Đầu ghi mới', 'Quầy 3');
    await mkdir(footage, { recursive: true });
    const state = await openAgentState(stateDir);
    const clock = new ManualClock(Date.now());
    const lines: Record<string, unknown>[] = [];
    const logger = makeLogger('info', new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>), done()) }));
    const site = await createSiteProcessor(state, { ffmpegPath: undefined, ffprobePath: undefined, searchPath: process.env['PATH'] });
    const agent = createAgentServices(state, {
      clock,
      logger,
      processor: site.processor,
      credential: { apiUrl: harness.stack.url, tenantId: enrolled.tenantId, agentId: enrolled.agentId, credential: enrolled.credential },
      scanIntervalMs: 3_600_000,
    });
    const { cloud, uploader, runtime } = agent;
    if (cloud === null || uploader === null) throw new Error('the agent is enrolled: it has a cloud link and an uploader');
    try {
      expect(await cloud.exchange()).toBe(true);
      expect(runtime.watchedSources).toEqual([]);
      const firstRevision = state.config.config?.revision;

      // Act 1: the shop assigns a folder to the agent in the cloud while it runs; footage is already there.
      const source = await shop.call<SourceView>('POST', '/api/sources', {
        type: 'local',
        name: 'Quầy 3',
        intervalMinutes: 30,
        config: { path: footage, agentId: enrolled.agentId, settleSeconds: 5, mapping: { layout: 'auto', timeZone: '+07:00', renames: {}, excluded: [] } },
      });
      expect(source.status).toBe(201);
      await copyFile(path.join(sharedFixtures, FIXTURE), path.join(footage, FIXTURE));
      clock.advance(60_000);
      expect(await cloud.exchange()).toBe(true);

      // Assess 1: the same running agent took the new configuration and watches the folder.
      expect(state.config.config?.revision).toBeGreaterThan(firstRevision ?? Number.POSITIVE_INFINITY);
      expect(runtime.watchedSources).toEqual([source.body.id]);
      expect(lines.filter((line) => line['msg'] === 'watching folder').map((line) => line['folder'])).toEqual([footage]);

      // Act 2: the folder is scanned, the file settles, is processed and its batch uploaded.
      await runtime.scanAll();
      clock.advance(60_000);
      await runtime.scanAll();
      const processed = await runtime.drainOnce();
      const delivered = await uploader.drain();

      // Assess 2: the file was taken and processed once, its orders reached the cloud for this source and camera.
      expect(processed).toBe(1);
      expect(delivered).toBe('drained');
      expect(lines.filter((line) => line['msg'] === 'batch delivered')).toHaveLength(1);
      const cameraId = String(lines.find((line) => line['msg'] === 'file taken')?.['cameraId']);
      const stored = await appDependencies().events.listByCamera({ tenantId, sourceId: source.body.id, cameraId, from: '2025-07-18T00:00:00.000Z', to: '2025-07-19T00:00:00.000Z' }, 100);
      expect(stored.length).toBeGreaterThan(0);
      expect(stored.every((event) => event.sourceId === source.body.id)).toBe(true);
      // The Agents page hears of the new folder with the next heartbeat.
      expect(await cloud.exchange()).toBe(true);
      const listed = (await shop.call<ListOf<AgentView>>('GET', '/api/agents')).body.items;
      expect(listed.find((item) => item.id === enrolled.agentId)?.sources).toEqual([{ sourceId: source.body.id, state: 'watching', error: null }]);
    } finally {
      runtime.stop();
      await site.close();
    }
  }, 300_000);
});
