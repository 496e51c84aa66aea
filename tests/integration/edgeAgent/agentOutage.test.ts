/**
 * A 30-minute internet outage on a clock the test moves (no real 30-minute
 * wait), with the agent's real parts (createAgentServices: watcher, durable
 * queue, on-site processing with ffmpeg, disk guard, uploader, cloud link)
 * against the local stack behind a proxy that goes away. New footage keeps
 * arriving every five minutes on a disk with little room: the agent keeps
 * watching and processing, queues its uploads, keeps the disk within its limit
 * (drop_oldest: processed footage the cloud does not keep goes first, logged),
 * and once the cloud is back every order arrives, each once, in order.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../../adapters/logging/logger';
import type { AgentView, EnrolledView, EnrolmentView } from '../../../core/api/agentsApi';
import type { ListOf } from '../../../core/api/collections';
import type { CodeSearchView } from '../../../core/api/eventsApi';
import type { SourceView } from '../../../core/api/sourcesApi';
import type { AgentConfig } from '../../../core/edge/agentConfigSchema';
import { createAgentServices, type AgentServices } from '../../../edge-agent/agentServices';
import { folderBytes } from '../../../edge-agent/disk/folderBytes';
import { openAgentState, type AgentState } from '../../../edge-agent/agentState';
import { saveCredential } from '../../../edge-agent/state/credentialStore';
import { createSiteProcessor } from '../../../edge-agent/wiring';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { LOCAL_BUCKET_NAME } from '../../../infra/local/startLocalStack';
import { ApiClient, startHarness, type Harness } from '../../support/localStackHarness';
import { sharedFixtures } from '../processing/helpers/paths';
import { AgentCloudProxy } from './support/agentCloudProxy';

const run = promisify(execFile);
const STEP_MS = 60_000;
const OUTAGE_STEPS = 30;
/** The simulated disk: this much may be used by footage and the agent's state before the guard acts. */
const DISK_BYTES = 1_000_000_000;
const LIMIT_BYTES = 6_000_000;

/** Six 30-second segments of one camera, cut (stream copy) from the two 90-second fixtures: distinct content, each named by its start time. */
async function makeSegments(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const names: string[] = [];
  for (const [fixture, fixtureStart] of [['Cam1_20250718_093000.mp4', '09:30:00'], ['Cam1_20250718_093130.mp4', '09:31:30']] as const) {
    for (const offset of [0, 30, 60]) {
      const start = new Date(Date.parse(`2025-07-18T${fixtureStart}Z`) + offset * 1000).toISOString();
      const name = `Cam1_20250718_${start.slice(11, 19).replaceAll(':', '')}.mp4`;
      await run('ffmpeg', ['-loglevel', 'error', '-y', '-ss', String(offset), '-i', path.join(sharedFixtures, fixture), '-t', '30', '-c', 'copy', '-avoid_negative_ts', 'make_zero', path.join(dir, name)]);
      names.push(name);
    }
  }
  return names;
}

describe('a 30-minute outage on a simulated clock', () => {
  let harness: Harness;
  let shop: ApiClient;
  let proxy: AgentCloudProxy;
  let base: string;
  let segments: string[];
  let credential: EnrolledView;
  let sourceId: string;

  beforeAll(async () => {
    harness = await startHarness();
    shop = (await new ApiClient(harness.stack.url).signUp('owner@kho-mat-mang.example', 'Kho Đà Nẵng')).client;
    proxy = new AgentCloudProxy(harness.stack.url);
    await proxy.start();
    base = await mkdtemp(path.join(tmpdir(), 'vtrack-outage-'));
    segments = await makeSegments(path.join(base, 'segments'));
    const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy kho Đà Nẵng' });
    credential = (await new ApiClient(harness.stack.url).call<EnrolledView>('POST', '/api/agent/enrol', { code: made.body.code })).body;
    const source = await shop.call<SourceView>('POST', '/api/sources', {
      type: 'local',
      name: 'Quầy đóng gói',
      intervalMinutes: 30,
      config: { path: path.join(base, 'footage'), agentId: credential.agentId, settleSeconds: 5, mapping: { layout: 'auto', timeZone: '+07:00', renames: {}, excluded: [] } },
    });
    sourceId = source.body.id;
  }, 180_000);

  afterAll(async () => {
    await proxy.stop();
    await harness.close();
    await rm(base, { recursive: true, force: true });
  });

  it('keeps watching and processing, stays within its disk limit, and delivers every order once and in order after it', async () => {
    // Prepare: the agent's state, enrolled through the proxy, with a small disk and drop_oldest.
    const footage = path.join(base, 'footage');
    const stateDir = path.join(base, 'state');
    await mkdir(footage, { recursive: true });
    const state: AgentState = await openAgentState(stateDir);
    await saveCredential(stateDir, { apiUrl: proxy.url, tenantId: credential.tenantId, agentId: credential.agentId, credential: credential.credential });
    const config: AgentConfig = {
      revision: 9_000_000_000_000_000,
      timeZone: 'Asia/Ho_Chi_Minh',
      sources: [{ sourceId, type: 'local', name: 'Quầy đóng gói', paused: false, config: { path: footage, settleSeconds: 5, mapping: { layout: 'auto', timeZone: '+07:00', renames: {}, excluded: [] } } }],
      uploads: { maxBytesPerSecond: null, windows: [], keepOriginals: false },
      disk: { maxUsedBytes: 1_000_000_000_000, minFreeBytes: DISK_BYTES - LIMIT_BYTES, keepDaysAfterUpload: 3, whenFull: 'drop_oldest' },
      heartbeatSeconds: 60,
      settleSeconds: 5,
    };
    expect((await state.config.offer(config)).kind).toBe('applied');
    let nowMs = Date.parse('2026-03-02T02:00:00Z');
    const clock = { now: () => new Date(nowMs) };
    const lines: Record<string, unknown>[] = [];
    const logger = makeLogger('info', new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>), done()) }));
    const site = await createSiteProcessor(state, { ffmpegPath: undefined, ffprobePath: undefined, searchPath: process.env['PATH'] });
    const diskUsed = async () => (await folderBytes(footage)) + (await folderBytes(stateDir));
    const agent: AgentServices = createAgentServices(state, {
      clock,
      logger,
      processor: site.processor,
      credential: { apiUrl: proxy.url, tenantId: credential.tenantId, agentId: credential.agentId, credential: credential.credential },
      freeBytes: async () => DISK_BYTES - (await diskUsed()),
      scanIntervalMs: 3_600_000,
    });
    const uploader = agent.uploader;
    const cloud = agent.cloud;
    if (uploader === null || cloud === null) throw new Error('the agent is enrolled: it has an uploader and a cloud link');
    agent.runtime.applyConfig(config);
    expect(await cloud.exchange()).toBe(true);

    const step = async (write: string | undefined) => {
      if (write !== undefined) await copyFile(path.join(base, 'segments', write), path.join(footage, write));
      await agent.runtime.scanAll();
      const processed = await agent.runtime.drainOnce();
      await agent.checkDisk();
      const upload = await uploader.drain();
      const reached = await cloud.exchange();
      return { processed, upload, reached, pending: await uploader.pending(), used: await diskUsed(), written: write === undefined ? 0 : (await stat(path.join(footage, write)).catch(() => ({ size: 0 }))).size };
    };

    try {
      // Act 1: the cloud goes away for 30 simulated minutes; a new segment arrives every five.
      await proxy.stop();
      const during = [];
      for (let i = 0; i < OUTAGE_STEPS; i++) {
        nowMs += STEP_MS;
        during.push(await step(i % 5 === 0 ? segments[i / 5] : undefined));
      }

      // Assess the outage: nothing reached the cloud, everything was processed and queued, the disk stayed within its limit.
      expect(during.map((outcome) => outcome.reached)).not.toContain(true);
      // Nothing to send before the first file is processed; from then on every try finds the cloud gone and the backlog grows.
      expect(during.filter((outcome) => outcome.pending > 0).map((outcome) => outcome.upload)).toEqual(during.filter((outcome) => outcome.pending > 0).map(() => 'offline'));
      expect(during.map((outcome) => outcome.pending)).toEqual([...during.map((outcome) => outcome.pending)].sort((a, b) => a - b));
      expect(during.reduce((sum, outcome) => sum + outcome.processed, 0)).toBe(segments.length);
      expect(await state.queue.depth()).toBe(0);
      expect(await uploader.pending()).toBe(segments.length);
      for (const outcome of during) expect(outcome.used, 'after each step, only the newest segment may still be waiting to settle').toBeLessThanOrEqual(LIMIT_BYTES + outcome.written);
      const dropped = lines.filter((line) => line['msg'] === 'footage deleted before upload: the disk is full (drop_oldest)');
      expect(dropped.length).toBeGreaterThan(0);

      // Act 2: the cloud is back; the backlog drains.
      await proxy.start();
      const after = [];
      for (let i = 0; i < 10 && (await uploader.pending()) > 0; i++) {
        nowMs += STEP_MS;
        after.push(await step(undefined));
      }

      // Assess: every batch delivered once, oldest first; every order of the footage found once; nothing left open.
      expect(await uploader.pending()).toBe(0);
      expect(after[0]?.reached).toBe(true);
      const delivered = lines.filter((line) => line['msg'] === 'batch delivered').map((line) => String(line['batch']));
      expect(delivered).toHaveLength(segments.length);
      expect(delivered).toEqual([...delivered].sort());
      expect(await readdir(path.join(state.outboxDir, 'refused')).catch(() => [])).toEqual([]);
      const truth = JSON.parse(await readFile(path.join(sharedFixtures, 'Cam1_20250718_093000.truth.json'), 'utf8')) as { orders: { code: string }[] };
      const codes = truth.orders.map((order) => order.code);
      const search = (await shop.call<CodeSearchView>('POST', '/api/events/search', { codes })).body;
      expect(search.notFound).toEqual([]);
      for (const hit of search.found) expect(hit.events.map((event) => event.clipState), hit.code).toEqual(['ready']);
      const s3 = new S3Client({ ...localClientConfig(harness.stack.endpoints.s3), forcePathStyle: true });
      expect((await s3.send(new ListMultipartUploadsCommand({ Bucket: LOCAL_BUCKET_NAME }))).Uploads ?? []).toEqual([]);
      // The deletions made offline reach the Agents page with the first heartbeat after the outage.
      const agents = (await shop.call<ListOf<AgentView>>('GET', '/api/agents')).body.items;
      expect(agents[0]?.diskCleanup?.last?.reasons.not_uploaded_dropped).toBe(dropped.length);
    } finally {
      agent.runtime.stop();
      await site.close();
    }
  }, 600_000);
});
