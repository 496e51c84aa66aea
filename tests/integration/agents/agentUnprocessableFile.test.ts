/**
 * A file an edge agent could not process on site (a corrupt or unreadable
 * video, an ffmpeg decode failure) reaches the cloud: the agent reports it
 * (POST /api/agent/unprocessable-files) and the source's page lists it as
 * `unprocessable` with a reason code the web words, the run counts it as
 * unreadable, and a camera's health counts it as a decode failure. Driven over
 * HTTP against the local stack's real S3 and DynamoDB stand-ins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEventsBody, AgentUnprocessableFileBody } from '../../../core/api/agentsApi';
import type { CamerasHealthView } from '../../../core/api/cameraHealthApi';
import type { ListOf } from '../../../core/api/collections';
import type { ErrorBody } from '../../../core/api/errorCodes';
import type { RunView, SourceSummaryView, TrackedFilesPageView } from '../../../core/api/sourcesApi';
import { cameraKey } from '../../../core/cameras/cameraKey';
import { agentWithLocalSource } from '../../support/agentShops';
import { ApiClient, startHarness, type Harness } from '../../support/localStackHarness';

const camera = cameraKey('Quầy 1');
const DECODE_ERROR = 'ffprobe: Invalid data found when processing input';
const heartbeat = { version: '0.1.0', hostname: 'kho-hong', uptimeSec: 60, disk: { usedBytes: 1, freeBytes: 1 }, queueDepth: 0, uploadBytesPerSec: 0, sources: [] };

/** The report vtrack-agent sends for a file it took and could not process. */
function report(sourceId: string, cameraId: string, fileId: string, name: string, recordedAt: string | null): AgentUnprocessableFileBody {
  return { sourceId, cameraId, file: { fileId, name, relativePath: `Quầy 1/${name}`, day: recordedAt?.slice(0, 10) ?? null, size: 4096, recordedAt }, error: DECODE_ERROR };
}

/** A successful batch for one file kept on site (no events, no original uploaded). */
function delivered(sourceId: string, cameraId: string, fileId: string, name: string, recordedAt: string): AgentEventsBody {
  return {
    sourceId,
    cameraId,
    from: recordedAt,
    to: new Date(Date.parse(recordedAt) + 60_000).toISOString(),
    events: [],
    file: { fileId, name, relativePath: `Quầy 1/${name}`, day: recordedAt.slice(0, 10), size: 4096, recordedAt, uploaded: false },
  };
}

describe('a file the agent could not process on site', () => {
  let harness: Harness;
  let anonymous: ApiClient;
  let shop: ApiClient;

  beforeAll(async () => {
    harness = await startHarness();
    anonymous = new ApiClient(harness.stack.url);
    shop = (await anonymous.signUp('owner@kho-tep-hong.example', 'Kho tệp hỏng')).client;
  });
  afterAll(() => harness.close());

  it('is listed unprocessable with a worded reason and counted unreadable in the run; a later successful processing of it replaces that', async () => {
    // Prepare
    const { agent, sourceId } = await agentWithLocalSource(anonymous, shop, 'Máy tệp hỏng');
    const broken = report(sourceId, camera, 'fp-4096-dddddddd', 'Quay1_20250718_140000.mp4', '2025-07-18T07:00:00.000Z');

    // Act: the report, sent twice (the agent lost the answer).
    const first = await agent.call('POST', '/api/agent/unprocessable-files', broken);
    const again = await agent.call('POST', '/api/agent/unprocessable-files', broken);

    // Assess: the source page's files, summary and runs.
    expect([first.status, again.status]).toEqual([200, 200]);
    const files = await shop.call<TrackedFilesPageView>('GET', `/api/sources/${sourceId}/files`);
    expect(files.body.items).toEqual([
      expect.objectContaining({
        name: 'Quay1_20250718_140000.mp4',
        relativePath: 'Quầy 1/Quay1_20250718_140000.mp4',
        cameraId: camera,
        status: 'unprocessable',
        reasonCode: 'unreadable_on_agent',
        reason: expect.stringContaining(DECODE_ERROR) as unknown,
        recordingStartAt: '2025-07-18T07:00:00.000Z',
        s3Key: null,
      }),
    ]);
    const filtered = await shop.call<TrackedFilesPageView>('GET', `/api/sources/${sourceId}/files?status=unprocessable`);
    expect(filtered.body.total).toBe(1);
    const summary = await shop.call<SourceSummaryView>('GET', `/api/sources/${sourceId}/summary`);
    expect(summary.body.files).toMatchObject({ unprocessable: 1, done: 0 });
    const runs = await shop.call<ListOf<RunView>>('GET', `/api/sources/${sourceId}/runs`);
    expect(runs.body.items.map((run) => [run.trigger, run.status, run.filesDone, run.filesFailed, run.processing])).toEqual([
      ['agent', 'succeeded', 0, 0, { todo: 1, processed: 0, unprocessable: 1, events: 0 }],
    ]);

    // Act: the same file processed successfully later (kept on site).
    const later = await agent.call('POST', '/api/agent/events', delivered(sourceId, camera, 'fp-4096-dddddddd', 'Quay1_20250718_140000.mp4', '2025-07-18T07:00:00.000Z'));

    // Assess: one row, now what the delivery says.
    expect(later.status).toBe(200);
    const after = await shop.call<TrackedFilesPageView>('GET', `/api/sources/${sourceId}/files`);
    expect(after.body.items.map((row) => [row.name, row.status, row.reasonCode])).toEqual([['Quay1_20250718_140000.mp4', 'skipped', 'kept_on_agent']]);
  });

  it('does not undo a file already delivered when a report of it arrives late', async () => {
    // Prepare: the file was processed and delivered.
    const { agent, sourceId } = await agentWithLocalSource(anonymous, shop, 'Máy tệp trễ');
    expect((await agent.call('POST', '/api/agent/events', delivered(sourceId, camera, 'fp-4096-eeeeeeee', 'Quay1_20250718_150000.mp4', '2025-07-18T08:00:00.000Z'))).status).toBe(200);

    // Act
    const late = await agent.call('POST', '/api/agent/unprocessable-files', report(sourceId, camera, 'fp-4096-eeeeeeee', 'Quay1_20250718_150000.mp4', '2025-07-18T08:00:00.000Z'));

    // Assess
    expect(late.status).toBe(200);
    const files = await shop.call<TrackedFilesPageView>('GET', `/api/sources/${sourceId}/files`);
    expect(files.body.items.map((row) => row.status)).toEqual(['skipped']);
  });

  it('refuses a report without the error or with a bad recording time, naming the field, and records nothing', async () => {
    // Prepare
    const { agent, sourceId } = await agentWithLocalSource(anonymous, shop, 'Máy báo sai');
    const good = report(sourceId, camera, 'fp-4096-ffffffff', 'Quay1_20250718_160000.mp4', null);

    // Act
    const noError = await agent.call<ErrorBody>('POST', '/api/agent/unprocessable-files', { ...good, error: '' });
    const badTime = await agent.call<ErrorBody>('POST', '/api/agent/unprocessable-files', { ...good, file: { ...good.file, recordedAt: 'yesterday' } });

    // Assess
    expect([noError.status, noError.body.error.field]).toEqual([400, 'error']);
    expect([badTime.status, badTime.body.error.field]).toEqual([400, 'file.recordedAt']);
    expect((await shop.call<TrackedFilesPageView>('GET', `/api/sources/${sourceId}/files`)).body.total).toBe(0);
  });

  it('counts each failed segment as a decode failure of its camera, so three failures out of five raise the camera’s decode_failures problem', async () => {
    // Prepare: an agent recording one camera, two of today's segments processed fine.
    const { agent, agentId, sourceId } = await agentWithLocalSource(anonymous, shop, 'Máy camera hỏng');
    const cameraId = 'ban-giai-ma';
    const recording = { cameraId, state: 'recording', error: null, restarts: 0, segments: 5, lastSegmentAt: new Date(Date.now() - 30_000).toISOString(), gaps: [] };
    expect((await agent.call('POST', '/api/agent/heartbeat', { ...heartbeat, cameras: [recording] })).status).toBe(204);
    const minute = (n: number) => new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000 + n * 60_000).toISOString();
    for (const n of [0, 1]) expect((await agent.call('POST', '/api/agent/events', delivered(sourceId, cameraId, `fp-seg-ok-000${n}`, `${cameraId}_${n}.mp4`, minute(n)))).status).toBe(200);
    const healthy = await shop.call<CamerasHealthView>('GET', '/api/cameras/health');
    expect(healthy.body.cameras.find((c) => c.key === `agent:${agentId}/${cameraId}`)?.health.problems).toEqual([]);

    // Act: three segments that could not be decoded.
    for (const n of [2, 3, 4]) {
      expect((await agent.call('POST', '/api/agent/unprocessable-files', report(sourceId, cameraId, `fp-seg-bad-000${n}`, `${cameraId}_${n}.mp4`, minute(n)))).status).toBe(200);
    }

    // Assess
    const judged = await shop.call<CamerasHealthView>('GET', '/api/cameras/health');
    const card = judged.body.cameras.find((c) => c.key === `agent:${agentId}/${cameraId}`);
    expect(card?.health.problems).toEqual([{ kind: 'decode_failures', count: 3 }]);
    expect(card?.health.status).toBe('warning');
  });
});
