import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolledView, EnrolmentView } from '../../../core/api/agentsApi';
import type { SourceView } from '../../../core/api/sourcesApi';
import type { AgentConfig } from '../../../core/edge/agentConfigSchema';
import type { EventRecord } from '../../../core/processing/events/toEventRecord';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { LOCAL_BUCKET_NAME } from '../../../infra/local/startLocalStack';
import type { OutboxBatch } from '../../../edge-agent/uploader/outboxBatch';
import { ApiClient, startHarness, type Harness } from '../../support/localStackHarness';
import { appDependencies } from '../../../functions/wiring';
import { AgentCloudProxy } from './support/agentCloudProxy';
import { startAgent, type RunningAgent } from './support/agentChild';

const MiB = 1024 * 1024;

async function waitFor(check: () => boolean, timeoutMs: number, what: string, agent?: RunningAgent): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline || (agent !== undefined && agent.child.exitCode !== null)) {
      throw new Error(`timed out waiting for ${what}: ${(agent?.lines ?? []).slice(-15).map((line) => JSON.stringify(line)).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stopAgent(agent: RunningAgent): Promise<void> {
  if (agent.child.exitCode !== null || agent.child.signalCode !== null) return;
  agent.child.kill('SIGTERM');
  await once(agent.child, 'exit');
}

const listBatchFiles = async (stateDir: string): Promise<string[]> => (await readdir(path.join(stateDir, 'outbox', 'batches'))).sort();

const messages = (agent: RunningAgent, msg: string) => agent.lines.filter((line) => line['msg'] === msg);

/** Peak resident memory of a live process (VmHWM), in bytes. */
async function peakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** Bytes that differ in every MiB, written in 1 MiB pieces. */
async function writePatternFile(file: string, bytes: number, seed: number): Promise<string> {
  const handle = await open(file, 'w');
  const hash = createHash('sha256');
  try {
    for (let offset = 0; offset < bytes; offset += MiB) {
      const piece = Buffer.alloc(Math.min(MiB, bytes - offset), (offset / MiB + seed) & 0xff);
      piece.writeUInt32BE(offset / MiB, 0);
      hash.update(piece);
      await handle.write(piece);
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

describe('the agent uploader (real agent processes, the local stack, a cloud that goes away)', () => {
  let harness: Harness;
  let shop: ApiClient;
  let tenantId: string;
  let proxy: AgentCloudProxy;
  let base: string;
  let s3: S3Client;
  let credential: EnrolledView;
  let sourceId: string;

  beforeAll(async () => {
    harness = await startHarness();
    const signedUp = await new ApiClient(harness.stack.url).signUp('owner@kho-uploader.example', 'Kho Cần Thơ');
    shop = signedUp.client;
    tenantId = signedUp.tenantId;
    proxy = new AgentCloudProxy(harness.stack.url);
    await proxy.start();
    base = await mkdtemp(path.join(tmpdir(), 'vtrack-uploader-'));
    s3 = new S3Client({ ...localClientConfig(harness.stack.endpoints.s3), forcePathStyle: true });
    const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy kho Cần Thơ' });
    credential = (await new ApiClient(harness.stack.url).call<EnrolledView>('POST', '/api/agent/enrol', { code: made.body.code })).body;
    const source = await shop.call<SourceView>('POST', '/api/sources', {
      type: 'local',
      name: 'Đầu ghi — Quầy 1',
      intervalMinutes: 30,
      config: { path: path.join(base, 'footage'), agentId: credential.agentId, settleSeconds: 5, mapping: { layout: 'auto', timeZone: '+07:00', renames: {}, excluded: [] } },
    });
    sourceId = source.body.id;
  }, 120_000);

  afterAll(async () => {
    await proxy.stop();
    await harness.close();
    await rm(base, { recursive: true, force: true });
  });

  /** A state folder enrolled as the agent (through the proxy), with upload rules from a file newer than the cloud's. */
  async function stateFolder(name: string, uploads: AgentConfig['uploads']): Promise<{ stateDir: string; configFile: string }> {
    const stateDir = path.join(base, name);
    await mkdir(path.join(stateDir, 'outbox', 'batches'), { recursive: true });
    await writeFile(path.join(stateDir, 'credential.json'), JSON.stringify({ apiUrl: proxy.url, tenantId: credential.tenantId, agentId: credential.agentId, credential: credential.credential }), { mode: 0o600 });
    const config: AgentConfig = {
      revision: 9_000_000_000_000_000,
      timeZone: 'Asia/Ho_Chi_Minh',
      sources: [],
      uploads,
      disk: { maxUsedBytes: 1_000_000_000_000, minFreeBytes: 0, keepDaysAfterUpload: 3, whenFull: 'refuse_new' },
      heartbeatSeconds: 600,
      settleSeconds: 5,
    };
    const configFile = path.join(base, `${name}.json`);
    await writeFile(configFile, JSON.stringify(config));
    return { stateDir, configFile };
  }

  /** A batch as on-site processing leaves it: the window, its events and the file processed. */
  async function putBatch(stateDir: string, name: string, file: string, bytes: number, eventIds: readonly string[], startIso: string): Promise<void> {
    const fileName = path.basename(file);
    const batchFile = { absolutePath: file, name: fileName, fingerprint: `${bytes}:${createHash('sha256').update(file).digest('hex')}`, day: startIso.slice(0, 10), recordedAt: startIso, bytes };
    const batch: OutboxBatch = { sourceId, cameraId: 'cam1', from: startIso, to: new Date(Date.parse(startIso) + 60_000).toISOString(), eventIds, file: batchFile, files: [batchFile] };
    await writeFile(path.join(stateDir, 'outbox', 'batches', name), JSON.stringify(batch));
  }

  async function openUploads(): Promise<string[]> {
    const listed = await s3.send(new ListMultipartUploadsCommand({ Bucket: LOCAL_BUCKET_NAME }));
    return (listed.Uploads ?? []).map((upload) => upload.Key ?? '');
  }

  const footageKey = (day: string, name: string) => `${tenantId}/${sourceId}/cam1/${day}/${name}`;

  it('uploads a 2 GiB footage file with the agent\'s memory bounded (peak RSS far below the file)', async () => {
    const { stateDir, configFile } = await stateFolder('state-2g', { maxBytesPerSecond: null, windows: [], keepOriginals: true });
    const file = path.join(base, 'Cam1_20250718_080000 — ca sáng dài.mp4');
    const size = 2 * 1024 * MiB;
    const handle = await open(file, 'w');
    await handle.truncate(size); // sparse: 2 GiB of zeros that cost no disk to write
    await handle.write(Buffer.from('VTrack 2 GiB upload test — đầu file'), 0, undefined, 0);
    await handle.write(Buffer.from('— cuối file'), 0, undefined, size - 64);
    await handle.close();
    await putBatch(stateDir, '000000000000001.json', file, size, [], '2025-07-18T01:00:00.000Z');

    const agent = startAgent(stateDir, configFile, 'inherit');
    try {
      await waitFor(() => messages(agent, 'batch delivered').length === 1, 540_000, 'the 2 GiB batch', agent);
      const rss = await peakRss(agent.child.pid ?? 0);
      const head = await s3.send(new HeadObjectCommand({ Bucket: LOCAL_BUCKET_NAME, Key: footageKey('2025-07-18', path.basename(file)) }));

      expect(head.ContentLength).toBe(size);
      expect(messages(agent, 'part uploaded')).toHaveLength(256);
      // One 8 MiB part in flight, a 1 MiB read buffer for the MD5, the runtime and the barcode reader: nowhere near 2 GiB.
      expect(rss).toBeLessThan(300 * MiB);
      expect(await openUploads()).toEqual([]);
    } finally {
      await stopAgent(agent);
      await rm(file, { force: true });
    }
  }, 600_000);

  it('resumes after kill -9 mid-upload from the next part (at most one part sent twice), within the bandwidth cap', async () => {
    const rate = 8 * MiB;
    const { stateDir, configFile } = await stateFolder('state-kill', { maxBytesPerSecond: rate, windows: [], keepOriginals: true });
    const file = path.join(base, 'Cam1_20250718_090000.mp4');
    const size = 64 * MiB + 12_345;
    const sha = await writePatternFile(file, size, 7);
    await putBatch(stateDir, '000000000000001.json', file, size, [], '2025-07-18T02:00:00.000Z');
    const before = proxy.partRequests.length;

    const first = startAgent(stateDir, configFile, 'inherit');
    await waitFor(() => messages(first, 'part uploaded').length >= 3, 120_000, 'three parts', first);
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    const partsBeforeKill = messages(first, 'part uploaded');

    const second = startAgent(stateDir, configFile, 'inherit');
    try {
      await waitFor(() => messages(second, 'batch delivered').length === 1, 180_000, 'the resumed upload', second);
      const requests = proxy.partRequests.slice(before);
      const resumedParts = messages(second, 'part uploaded').map((line) => line['partNumber']);
      const doneBeforeKill = partsBeforeKill.map((line) => line['partNumber']);
      const stored = await s3.send(new GetObjectCommand({ Bucket: LOCAL_BUCKET_NAME, Key: footageKey('2025-07-18', 'Cam1_20250718_090000.mp4') }));
      const storedSha = createHash('sha256').update(await stored.Body?.transformToByteArray() ?? new Uint8Array()).digest('hex');
      const times = [...partsBeforeKill, ...messages(second, 'part uploaded')].map((line) => Number(line['time']));

      // One upload throughout; no part finished before the kill is sent again, so at most the part in flight then is sent twice.
      expect(new Set(requests.map((request) => request.uploadId)).size).toBe(1);
      expect(resumedParts.filter((part) => doneBeforeKill.includes(part))).toEqual([]);
      expect([...doneBeforeKill, ...resumedParts]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].slice(0, doneBeforeKill.length + resumedParts.length));
      expect(resumedParts[0]).toBe(partsBeforeKill.length + 1);
      expect(resumedParts.at(-1)).toBe(9);
      expect(storedSha).toBe(sha);
      expect(await openUploads()).toEqual([]);
      // Within each run parts leave no faster than the cap (one second of burst allowed).
      const firstRun = partsBeforeKill.map((line) => Number(line['time']));
      expect((firstRun.at(-1) ?? 0) - (firstRun[0] ?? 0)).toBeGreaterThanOrEqual(((firstRun.length - 1) * 8 * MiB / rate - 1) * 1000);
      expect(times.length).toBe(9);
    } finally {
      await stopAgent(second);
    }
  }, 400_000);

  it('keeps working while the cloud is down and drains the backlog in order when it is back, losing nothing', async () => {
    const { stateDir, configFile } = await stateFolder('state-outage', { maxBytesPerSecond: null, windows: [], keepOriginals: true });
    const names = ['000000000000010.json', '000000000000020.json', '000000000000030.json'];
    const starts = ['2025-07-18T03:00:00.000Z', '2025-07-18T03:01:00.000Z', '2025-07-18T03:02:00.000Z'];
    for (const [index, name] of names.entries()) {
      const file = path.join(base, `Cam1_20250718_10${index}000.mp4`);
      await writePatternFile(file, MiB + index * 1000, 20 + index);
      const eventId = `evt_outage_${index}`;
      const folder = path.join(stateDir, 'outbox', sourceId);
      await mkdir(folder, { recursive: true });
      const start = new Date(Date.parse(starts[index] ?? '') + 10_000).toISOString();
      const record: EventRecord = {
        id: eventId,
        trackingCodes: [`GHN10000${index}`],
        camera: 'cam1',
        start,
        end: new Date(Date.parse(start) + 15_000).toISOString(),
        clip: `${eventId}.mp4`,
        clipStart: start,
        clipEnd: new Date(Date.parse(start) + 20_000).toISOString(),
        files: [{ name: path.basename(file), fromSec: 10, toSec: 25 }],
        detections: [{ code: `GHN10000${index}`, carrier: 'ghn', symbology: 'QRCode', at: start, file: path.basename(file), bbox: { x: 1, y: 2, width: 30, height: 40 } }],
        truncated: false,
      };
      await writeFile(path.join(folder, `${eventId}.json`), JSON.stringify(record));
      await writePatternFile(path.join(folder, `${eventId}.mp4`), 200_000 + index, 40 + index);
      await putBatch(stateDir, name, file, MiB + index * 1000, [eventId], starts[index] ?? '');
    }
    await proxy.stop();

    const agent = startAgent(stateDir, configFile, 'inherit');
    try {
      await waitFor(() => messages(agent, 'the cloud could not be reached; uploads wait').length >= 2, 60_000, 'the agent to find the cloud down', agent);
      expect(messages(agent, 'batch delivered')).toEqual([]);
      await proxy.start();
      await waitFor(() => messages(agent, 'batch delivered').length === 3, 120_000, 'the backlog', agent);

      expect(messages(agent, 'batch delivered').map((line) => line['batch'])).toEqual(names);
      const timeline = await appDependencies().events.listByCamera({ tenantId, sourceId, cameraId: 'cam1', from: '2025-07-18T03:00:00.000Z', to: '2025-07-18T04:00:00.000Z' }, 10);
      expect(timeline.map((event) => event.id)).toEqual(['evt_outage_0', 'evt_outage_1', 'evt_outage_2']);
      for (const index of [0, 1, 2]) {
        const stored = await appDependencies().events.get(tenantId, `evt_outage_${index}`);
        expect(stored?.clip).toEqual({ state: 'ready', s3Key: `${tenantId}/clips/${sourceId}/cam1/evt_outage_${index}.mp4`, bytes: 200_000 + index, error: null });
        expect(stored?.files[0]?.s3Key).toBe(footageKey('2025-07-18', `Cam1_20250718_10${index}000.mp4`));
      }
      expect(await openUploads()).toEqual([]);
    } finally {
      await stopAgent(agent);
    }
  }, 300_000);
  it('sends a batch\'s events without its footage when the original was deleted on the box before its upload', async () => {
    const { stateDir, configFile } = await stateFolder('state-gone', { maxBytesPerSecond: null, windows: [], keepOriginals: true });
    const file = path.join(base, 'Cam1_20250718_110000 — đã xoá.mp4');
    await writePatternFile(file, MiB, 60);
    const folder = path.join(stateDir, 'outbox', sourceId);
    await mkdir(folder, { recursive: true });
    const start = '2025-07-18T04:00:10.000Z';
    const record: EventRecord = {
      id: 'evt_gone',
      trackingCodes: ['SPXVN0123456789'],
      camera: 'cam1',
      start,
      end: '2025-07-18T04:00:30.000Z',
      clipStart: start,
      clipEnd: '2025-07-18T04:00:35.000Z',
      files: [{ name: path.basename(file), fromSec: 10, toSec: 30 }],
      detections: [],
      truncated: false,
    };
    await writeFile(path.join(folder, 'evt_gone.json'), JSON.stringify(record));
    await putBatch(stateDir, '000000000000001.json', file, MiB, ['evt_gone'], '2025-07-18T04:00:00.000Z');
    await rm(file);

    const agent = startAgent(stateDir, configFile, 'inherit');
    try {
      await waitFor(() => messages(agent, 'batch delivered').length === 1, 60_000, 'the batch', agent);
      const stored = await appDependencies().events.get(tenantId, 'evt_gone');

      expect(messages(agent, 'footage changed or gone before its upload; its events and clips are sent without it')).toHaveLength(1);
      expect(stored?.trackingCodes).toEqual(['SPXVN0123456789']);
      expect(stored?.files[0]?.s3Key).toBe('');
      expect(stored?.clip.state).toBe('failed');
      expect(await openUploads()).toEqual([]);
    } finally {
      await stopAgent(agent);
    }
  }, 120_000);
  it('uploads nothing outside the upload windows, and keeps the batch for the next window', async () => {
    // A one-minute window three days from now (in the agent's zone): closed for the whole test.
    const inThreeDays = (new Date(Date.now() + 7 * 3_600_000).getUTCDay() + 3) % 7;
    const { stateDir, configFile } = await stateFolder('state-window', { maxBytesPerSecond: null, windows: [{ days: [inThreeDays], start: '03:00', end: '03:01' }], keepOriginals: true });
    const file = path.join(base, 'Cam1_20250718_120000.mp4');
    await writePatternFile(file, MiB, 80);
    await putBatch(stateDir, '000000000000001.json', file, MiB, [], '2025-07-18T05:00:00.000Z');
    const before = proxy.partRequests.length;

    const agent = startAgent(stateDir, configFile, 'inherit');
    try {
      await waitFor(() => messages(agent, 'uploads wait for the next upload window').length >= 1, 60_000, 'the closed window', agent);

      expect(messages(agent, 'part uploaded')).toEqual([]);
      expect(proxy.partRequests.length).toBe(before);
      expect(await listBatchFiles(stateDir)).toEqual(['000000000000001.json']);
      expect(await openUploads()).toEqual([]);
    } finally {
      await stopAgent(agent);
    }
  }, 120_000);
});
