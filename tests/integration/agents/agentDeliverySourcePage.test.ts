/**
 * What a local-folder source's page reads after its edge agent delivered
 * footage: the agent API driven over HTTP exactly as vtrack-agent drives it
 * (footage and clip uploads through presigned parts, then the batch's events
 * naming the file it processed), against the local stack's real S3 and
 * DynamoDB stand-ins; then the routes the web's source page calls.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEventsBody, PartUrlView, UploadView } from '../../../core/api/agentsApi';
import type { ListOf } from '../../../core/api/collections';
import type { ErrorBody } from '../../../core/api/errorCodes';
import type { RunView, SourceStatusView, SourceSummaryView, TrackedFilesPageView } from '../../../core/api/sourcesApi';
import type { StorageView } from '../../../core/api/storageApi';
import { cameraKey } from '../../../core/cameras/cameraKey';
import { appDependencies } from '../../../functions/wiring';
import { agentWithLocalSource } from '../../support/agentShops';
import { ApiClient, startHarness, type Harness } from '../../support/localStackHarness';

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest();
const pattern = (size: number, seed: number) => Buffer.from(Array.from({ length: size }, (_, i) => (i * 13 + seed * 5) & 0xff));
const camera = cameraKey('Quầy 1');

describe('a local-folder source’s page after its agent delivered footage', () => {
  let harness: Harness;
  let anonymous: ApiClient;
  let shop: ApiClient;
  let tenantId: string;

  beforeAll(async () => {
    harness = await startHarness();
    anonymous = new ApiClient(harness.stack.url);
    const signedUp = await anonymous.signUp('owner@kho-giao-hang.example', 'Kho giao hàng');
    shop = signedUp.client;
    tenantId = signedUp.tenantId;
  });
  afterAll(() => harness.close());

  /** One upload as the agent's uploader makes it: start, one part through its presigned URL, complete. */
  async function upload(agent: ApiClient, start: Record<string, unknown>, bytes: Buffer): Promise<void> {
    const started = await agent.call<UploadView>('POST', '/api/agent/uploads', { ...start, size: bytes.length, md5Hex: md5(bytes).toString('hex') });
    expect(started.status).toBe(201);
    const url = await agent.call<PartUrlView>('POST', '/api/agent/uploads/part-url', { uploadId: started.body.uploadId, partNumber: 1, contentMd5: md5(bytes).toString('base64') });
    const put = await fetch(url.body.url, { method: 'PUT', body: bytes, headers: url.body.headers });
    const etag = (put.headers.get('etag') ?? '').replaceAll('"', '');
    expect((await agent.call('POST', '/api/agent/uploads/complete', { uploadId: started.body.uploadId, parts: [{ partNumber: 1, etag }] })).status).toBe(200);
  }

  /** A batch's events for one processed file, naming that file (`file`), as the agent's outbox sends them. */
  function batch(sourceId: string, file: { fileId: string; name: string; size: number; recordedAt: string; uploaded: boolean }, events: AgentEventsBody['events']): AgentEventsBody {
    const from = file.recordedAt;
    return {
      sourceId,
      cameraId: camera,
      from,
      to: new Date(Date.parse(from) + 90_000).toISOString(),
      events,
      file: { fileId: file.fileId, name: file.name, relativePath: `Quầy 1/2025-07-18/${file.name}`, day: '2025-07-18', size: file.size, recordedAt: file.recordedAt, uploaded: file.uploaded },
    };
  }

  it('lists each delivered file with its camera, size and status, one run for the batches of the hour with their counts, the stored totals and the agent’s state; a batch sent again changes nothing', async () => {
    // Prepare: an agent watching its folder, one file whose original goes up with its clip, one kept on site.
    const { agent, agentId, sourceId } = await agentWithLocalSource(anonymous, shop, 'Máy kho giao hàng');
    const heartbeat = { version: '0.0.1', hostname: 'kho-gh', uptimeSec: 60, disk: { usedBytes: 1, freeBytes: 1 }, queueDepth: 0, uploadBytesPerSec: 0, sources: [{ sourceId, state: 'watching', error: null }] };
    expect((await agent.call('POST', '/api/agent/heartbeat', heartbeat)).status).toBe(204);
    const footage = pattern(6000, 1);
    const clip = pattern(1500, 2);
    const first = { fileId: 'fp-6000-aaaaaaaa', name: 'Quay1_20250718_093000.mp4', size: footage.length, recordedAt: '2025-07-18T02:30:00.000Z', uploaded: true };
    const second = { fileId: 'fp-4000-bbbbbbbb', name: 'Quay1_20250718_093130.mp4', size: 4000, recordedAt: '2025-07-18T02:31:30.000Z', uploaded: false };
    const event = {
      id: 'evt_giao_1',
      trackingCodes: ['GHN123456'],
      start: '2025-07-18T02:30:05.000Z',
      end: '2025-07-18T02:30:25.000Z',
      clipStart: '2025-07-18T02:30:02.000Z',
      clipEnd: '2025-07-18T02:30:28.000Z',
      files: [{ fileId: first.fileId, name: first.name, day: '2025-07-18', fromSec: 5, toSec: 25, uploaded: true }],
      labelSighting: null,
      clipUploaded: true,
      truncated: false,
    };

    // Act: the two batches, then the first again (the agent lost the answer and retries).
    await upload(agent, { kind: 'footage', sourceId, cameraId: camera, fileId: first.fileId, name: first.name, day: '2025-07-18' }, footage);
    await upload(agent, { kind: 'clip', sourceId, cameraId: camera, eventId: event.id }, clip);
    const delivered = await agent.call('POST', '/api/agent/events', batch(sourceId, first, [event]));
    const keptOnSite = await agent.call('POST', '/api/agent/events', batch(sourceId, second, []));
    const retried = await agent.call('POST', '/api/agent/events', batch(sourceId, first, [event]));

    // Assess: what the source page reads.
    expect([delivered.status, keptOnSite.status, retried.status]).toEqual([200, 200, 200]);
    const files = await shop.call<TrackedFilesPageView>('GET', `/api/sources/${sourceId}/files`);
    expect(files.status).toBe(200);
    expect(files.body.total).toBe(2);
    const byName = new Map(files.body.items.map((row) => [row.name, row]));
    expect(byName.get(first.name)).toMatchObject({
      relativePath: `Quầy 1/2025-07-18/${first.name}`,
      cameraId: camera,
      cameraName: 'Quầy 1',
      size: footage.length,
      status: 'done',
      recordingStartAt: first.recordedAt,
      s3Key: `${tenantId}/${sourceId}/${camera}/2025-07-18/${first.name}`,
    });
    expect(byName.get(second.name)).toMatchObject({ cameraId: camera, size: 4000, status: 'skipped', s3Key: null, reason: expect.stringContaining('agent') });

    // Deliveries within the hour are one run (core/agents/agentRunFor.ts), counting each file once.
    const runs = await shop.call<ListOf<RunView>>('GET', `/api/sources/${sourceId}/runs`);
    expect(runs.body.items.map((run) => [run.trigger, run.status, run.filesDone, run.filesSkipped, run.filesFailed, run.bytes])).toEqual([['agent', 'succeeded', 1, 1, 0, footage.length]]);
    expect(runs.body.items[0]?.processing).toEqual({ todo: 2, processed: 2, unprocessable: 0, events: 1 });

    const summary = await shop.call<SourceSummaryView>('GET', `/api/sources/${sourceId}/summary`);
    expect(summary.body.files).toMatchObject({ done: 1, skipped: 1 });
    expect(summary.body.bytesStored).toBe(footage.length);

    const status = await shop.call<SourceStatusView>('GET', `/api/sources/${sourceId}/status`);
    expect(status.body).toMatchObject({
      status: 'idle',
      lastSyncAt: expect.any(String),
      totals: { files: 1, bytes: footage.length },
      lastRun: { id: runs.body.items[0]?.id, trigger: 'agent' },
      progress: null,
      agent: { id: agentId, name: 'Máy kho giao hàng', online: true, lastSeenAt: expect.any(String), state: 'watching', error: null },
    });

    // The upload routes count stored bytes the way Drive sync does (footage and clips alike).
    const storage = await shop.call<StorageView>('GET', '/api/storage');
    expect(storage.body.totals).toMatchObject({ footageBytes: footage.length, footageFiles: 1, clipBytes: clip.length, clipFiles: 1 });
  });

  it('says the agent is offline when its heartbeats stopped, and what it reported about the folder', async () => {
    // Prepare: the agent last checked in ten minutes ago, reporting it cannot read the folder.
    const { agentId, sourceId } = await agentWithLocalSource(anonymous, shop, 'Máy tắt');
    const tenAgo = new Date(Date.now() - 10 * 60_000).toISOString();
    const heartbeat = { version: '0.0.1', hostname: 'kho', uptimeSec: 1, disk: { usedBytes: 1, freeBytes: 1 }, queueDepth: 0, uploadBytesPerSec: 0, sources: [{ sourceId, state: 'error' as const, error: 'EACCES: permission denied' }] };
    await appDependencies().agents.recordHeartbeat(tenantId, agentId, heartbeat, tenAgo);

    // Act
    const status = await shop.call<SourceStatusView>('GET', `/api/sources/${sourceId}/status`);

    // Assess
    expect(status.body.agent).toEqual({ id: agentId, name: 'Máy tắt', online: false, lastSeenAt: tenAgo, state: 'error', error: 'EACCES: permission denied' });
  });

  it('finishes the run of a delivery that stopped after its file was stored when the agent sends the batch again, counting the file once', async () => {
    // Prepare: a delivery got as far as marking its file stored, then the API process died (its run still running).
    const { agent, sourceId } = await agentWithLocalSource(anonymous, shop, 'Máy bị ngắt');
    const footage = pattern(3000, 4);
    const file = { fileId: 'fp-3000-ffffffff', name: 'Quay1_20250718_110000.mp4', size: footage.length, recordedAt: '2025-07-18T04:00:00.000Z', uploaded: true };
    await upload(agent, { kind: 'footage', sourceId, cameraId: camera, fileId: file.fileId, name: file.name, day: '2025-07-18' }, footage);
    const { runs, trackedFiles } = appDependencies();
    const at = new Date().toISOString();
    const ref = { tenantId, sourceId, providerFileId: `edge-${file.fileId}` };
    await runs.start({ tenantId, sourceId, id: 'run_0000000000000_cut', trigger: 'agent', status: 'running', startedAt: at, finishedAt: null, filesDone: 0, filesFailed: 0, filesSkipped: 0, bytes: 0, durationMs: null, error: null });
    await trackedFiles.upsert({ ...ref, name: file.name, relativePath: file.name, cameraId: camera, mimeType: 'video/mp4', size: file.size, md5: null, revision: file.fileId, modifiedTime: null, recordingStartAt: file.recordedAt, s3Key: `${tenantId}/${sourceId}/${camera}/2025-07-18/${file.name}`, status: 'pending', attempts: 0, lastError: null, reason: null, bytesTransferred: 0, checkpoint: null, runId: 'run_0000000000000_cut', createdAt: at, updatedAt: at });
    await trackedFiles.claimForTransfer(ref, { runId: 'run_0000000000000_cut', now: at, leaseUntil: new Date(Date.now() + 60_000).toISOString() });
    await trackedFiles.markDone(ref, 'run_0000000000000_cut', { now: at, bytes: file.size });

    // Act: the agent never got an answer, so it sends the batch again, twice.
    const first = await agent.call('POST', '/api/agent/events', batch(sourceId, file, []));
    const second = await agent.call('POST', '/api/agent/events', batch(sourceId, file, []));

    // Assess
    expect([first.status, second.status]).toEqual([200, 200]);
    const listed = await shop.call<ListOf<RunView>>('GET', `/api/sources/${sourceId}/runs`);
    expect(listed.body.items.map((run) => [run.id, run.status, run.filesDone, run.bytes])).toEqual([['run_0000000000000_cut', 'succeeded', 1, footage.length]]);
    const status = await shop.call<SourceStatusView>('GET', `/api/sources/${sourceId}/status`);
    expect(status.body).toMatchObject({ totals: { files: 1, bytes: footage.length }, lastRun: { id: 'run_0000000000000_cut' } });
  });

  it('answers “try again” while another delivery of the same file holds it, and records no run', async () => {
    // Prepare: a delivery claimed the file and died before marking it stored.
    const { agent, sourceId } = await agentWithLocalSource(anonymous, shop, 'Máy giữ tệp');
    const footage = pattern(2000, 6);
    const file = { fileId: 'fp-2000-99999999', name: 'Quay1_20250718_120000.mp4', size: footage.length, recordedAt: '2025-07-18T05:00:00.000Z', uploaded: true };
    await upload(agent, { kind: 'footage', sourceId, cameraId: camera, fileId: file.fileId, name: file.name, day: '2025-07-18' }, footage);
    const { trackedFiles } = appDependencies();
    const at = new Date().toISOString();
    const ref = { tenantId, sourceId, providerFileId: `edge-${file.fileId}` };
    await trackedFiles.upsert({ ...ref, name: file.name, relativePath: file.name, cameraId: camera, mimeType: 'video/mp4', size: file.size, md5: null, revision: file.fileId, modifiedTime: null, recordingStartAt: file.recordedAt, s3Key: null, status: 'pending', attempts: 0, lastError: null, reason: null, bytesTransferred: 0, checkpoint: null, runId: 'run_0000000000000_held', createdAt: at, updatedAt: at });
    await trackedFiles.claimForTransfer(ref, { runId: 'run_0000000000000_held', now: at, leaseUntil: new Date(Date.now() + 60_000).toISOString() });

    // Act
    const answer = await agent.call<ErrorBody>('POST', '/api/agent/events', batch(sourceId, file, []));

    // Assess: the agent treats 503 as "the cloud cannot take it now" and sends the batch again later.
    expect([answer.status, answer.body.error.code]).toEqual([503, 'unavailable']);
    expect((await shop.call<ListOf<RunView>>('GET', `/api/sources/${sourceId}/runs`)).body.items).toEqual([]);
  });

  it('refuses a batch whose file claims an original that was never uploaded, naming the field, and records nothing', async () => {
    // Prepare
    const { agent, sourceId } = await agentWithLocalSource(anonymous, shop, 'Máy thiếu tệp');
    const file = { fileId: 'fp-9000-cccccccc', name: 'Quay1_20250718_100000.mp4', size: 9000, recordedAt: '2025-07-18T03:00:00.000Z', uploaded: true };

    // Act
    const answer = await agent.call<ErrorBody>('POST', '/api/agent/events', batch(sourceId, file, []));

    // Assess
    expect([answer.status, answer.body.error.field]).toEqual([400, 'file.uploaded']);
    expect((await shop.call<TrackedFilesPageView>('GET', `/api/sources/${sourceId}/files`)).body.total).toBe(0);
    expect((await shop.call<ListOf<RunView>>('GET', `/api/sources/${sourceId}/runs`)).body.items).toEqual([]);
  });
});
