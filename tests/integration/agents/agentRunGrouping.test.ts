/**
 * An agent delivers one batch per processed file — a camera's one-minute
 * segments make 1,440 a day — so its deliveries are grouped into runs: a run
 * takes the source's deliveries until it is an hour old, then the next
 * delivery starts a new one (core/agents/agentRunFor.ts). The deployed agent
 * handler runs on a clock the test sets, against the local stack's tables.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEventsBody, EnrolledView, EnrolmentView, ProcessedFileWire } from '../../../core/api/agentsApi';
import type { ListOf } from '../../../core/api/collections';
import type { RunView, SourceStatusView, SourceView } from '../../../core/api/sourcesApi';
import { KEPT_ON_AGENT } from '../../../core/agents/recordAgentDelivery';
import { unreadableOnAgentReason } from '../../../core/sync/fileReasons';
import type { TrackedFile } from '../../../core/sync/trackedFile';
import { appDependencies } from '../../../functions/wiring';
import { ApiClient, startHarness, type Harness } from '../../support/localStackHarness';
import { agentHandlersOn, SetClock } from './support/handlersOnClock';

const MINUTE = 60_000;

/** A batch for one processed camera segment kept on site, with `events` orders found in it. */
function segment(sourceId: string, n: number, events: number): AgentEventsBody {
  const from = new Date(Date.parse('2025-07-18T02:00:00.000Z') + n * MINUTE).toISOString();
  const fileId = `fp-seg-${String(n).padStart(8, '0')}`;
  return {
    sourceId,
    cameraId: 'ban-1',
    from,
    to: new Date(Date.parse(from) + MINUTE).toISOString(),
    events: Array.from({ length: events }, (_, i) => ({
      id: `evt-${n}-${i}`,
      trackingCodes: [`GHN${String(n).padStart(5, '0')}${i}`],
      start: new Date(Date.parse(from) + i * 1000).toISOString(),
      end: new Date(Date.parse(from) + i * 1000 + 500).toISOString(),
      clipStart: from,
      clipEnd: new Date(Date.parse(from) + MINUTE).toISOString(),
      files: [{ fileId, name: `ban-1_${n}.mp4`, day: '2025-07-18', fromSec: 0, toSec: 60, uploaded: false }],
      labelSighting: null,
      clipUploaded: false,
      truncated: false,
    })),
    file: segmentFile(n),
  };
}

/** The processed file of segment `n`, kept on site. */
function segmentFile(n: number): ProcessedFileWire {
  const recordedAt = new Date(Date.parse('2025-07-18T02:00:00.000Z') + n * MINUTE).toISOString();
  return { fileId: `fp-seg-${String(n).padStart(8, '0')}`, name: `ban-1_${n}.mp4`, relativePath: `ban-1_${n}.mp4`, day: '2025-07-18', size: 1000 + n, recordedAt, uploaded: false };
}

/** An agent enrolled at the clock's `start`, with a local-folder source of its own; `deliverAt` sends segment `n` (with `events` orders) `minutes` after start. */
async function agentWithSource(shop: ApiClient, clock: SetClock, handlers: ReturnType<typeof agentHandlersOn>, names: { agent: string; source: string; folder: string }) {
  const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name: names.agent });
  const start = Date.now();
  clock.set(start);
  const enrolled = await handlers.agent<EnrolledView>('POST /api/agent/enrol', null, { code: made.body.code });
  const agent = { credential: enrolled.body.credential };
  const source = await shop.call<SourceView>('POST', '/api/sources', {
    type: 'local',
    name: names.source,
    intervalMinutes: 30,
    config: { path: names.folder, agentId: enrolled.body.agentId, settleSeconds: 5, mapping: { layout: 'auto', timeZone: '+07:00', renames: {}, excluded: [] } },
  });
  const sourceId = source.body.id;
  const deliverAt = async (minutes: number, n: number, events: number): Promise<void> => {
    clock.set(start + minutes * MINUTE);
    const answer = await handlers.agent('POST /api/agent/events', agent, segment(sourceId, n, events));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  };
  return { start, agent, sourceId, deliverAt };
}

describe('runs of an agent’s deliveries', () => {
  let harness: Harness;
  let shop: ApiClient;
  const clock = new SetClock(Date.now());
  const handlers = agentHandlersOn(clock);

  beforeAll(async () => {
    harness = await startHarness();
    shop = (await new ApiClient(harness.stack.url).signUp('owner@gom-luot.example', 'Kho gom lượt')).client;
  });
  afterAll(() => harness.close());

  it('groups the deliveries of an hour into one run with their counts, starts a new run after that, and counts each file once', async () => {
    // Prepare: an enrolled agent with a local source.
    const { start, sourceId, deliverAt } = await agentWithSource(shop, clock, handlers, { agent: 'Máy gom lượt', source: 'Quầy gom', folder: '/srv/nvr/gom' });

    // Act: segments delivered over 59 minutes (one sent twice: a lost answer), then one 61 minutes in.
    await deliverAt(0, 0, 2);
    await deliverAt(1, 1, 0);
    await deliverAt(2, 1, 0);
    await deliverAt(59, 2, 1);
    await deliverAt(61, 3, 3);

    // Assess: two runs, newest first, each with the files and orders it took.
    const runs = await shop.call<ListOf<RunView>>('GET', `/api/sources/${sourceId}/runs`);
    expect(runs.body.items.map((run) => [run.trigger, run.status, run.filesDone, run.filesSkipped, run.processing])).toEqual([
      ['agent', 'succeeded', 0, 1, { todo: 1, processed: 1, unprocessable: 0, events: 3 }],
      ['agent', 'succeeded', 0, 3, { todo: 3, processed: 3, unprocessable: 0, events: 3 }],
    ]);
    const [newest, oldest] = runs.body.items;
    expect(oldest).toMatchObject({ startedAt: new Date(start).toISOString(), finishedAt: new Date(start + 59 * MINUTE).toISOString(), durationMs: 59 * MINUTE });
    expect(newest).toMatchObject({ startedAt: new Date(start + 61 * MINUTE).toISOString() });
    const status = await shop.call<SourceStatusView>('GET', `/api/sources/${sourceId}/status`);
    expect(status.body).toMatchObject({ status: 'idle', lastRun: { id: newest?.id }, lastSyncAt: new Date(start + 61 * MINUTE).toISOString(), progress: null });
  });
});

describe('a delivery of an earlier hour sent again late', () => {
  let harness: Harness;
  let shop: ApiClient;
  let tenantId: string;
  const clock = new SetClock(Date.now());
  const handlers = agentHandlersOn(clock);

  beforeAll(async () => {
    harness = await startHarness();
    const signedUp = await new ApiClient(harness.stack.url).signUp('owner@gui-lai.example', 'Kho gửi lại');
    shop = signedUp.client;
    tenantId = signedUp.tenantId;
  });
  afterAll(() => harness.close());

  /**
   * What a delivery (or a report) leaves when the API process dies after it
   * wrote its file's row in the hour's run and before it counted it: the agent
   * got no answer, so its outbox keeps the batch and sends it again.
   */
  async function cutAfterItsFileRow(sourceId: string, runId: string, n: number, status: 'skipped' | 'unprocessable', at: string): Promise<void> {
    const file = segmentFile(n);
    const row: TrackedFile = {
      tenantId,
      sourceId,
      providerFileId: `edge-${file.fileId}`,
      name: file.name,
      relativePath: file.relativePath,
      rootFolderId: null,
      cameraId: 'ban-1',
      mimeType: 'video/mp4',
      size: file.size,
      md5: null,
      revision: file.fileId,
      modifiedTime: null,
      recordingStartAt: file.recordedAt,
      s3Key: null,
      status,
      attempts: 0,
      lastError: null,
      reason: status === 'skipped' ? KEPT_ON_AGENT : unreadableOnAgentReason('ffprobe: Invalid data found when processing input'),
      bytesTransferred: 0,
      checkpoint: null,
      runId,
      createdAt: at,
      updatedAt: at,
    };
    await appDependencies().trackedFiles.upsert(row);
  }

  it('is counted in the run of its hour without moving that run’s end, and the source’s last run stays the newer one', async () => {
    // Prepare: an hour's run (one segment delivered, one delivery and one report cut before they were counted), then a newer run.
    const { start, agent, sourceId, deliverAt } = await agentWithSource(shop, clock, handlers, { agent: 'Máy gửi lại', source: 'Quầy gửi lại', folder: '/srv/nvr/gui-lai' });
    await deliverAt(0, 0, 1);
    const [hourRun] = (await shop.call<ListOf<RunView>>('GET', `/api/sources/${sourceId}/runs`)).body.items;
    await cutAfterItsFileRow(sourceId, hourRun?.id ?? '', 1, 'skipped', new Date(start + MINUTE).toISOString());
    await cutAfterItsFileRow(sourceId, hourRun?.id ?? '', 2, 'unprocessable', new Date(start + 2 * MINUTE).toISOString());
    await deliverAt(61, 3, 1);

    // Act: a day later (an outage), the agent's outbox sends the cut delivery and report again.
    clock.set(start + 24 * 60 * MINUTE);
    const resent = await handlers.agent('POST /api/agent/events', agent, segment(sourceId, 1, 1));
    const { uploaded: _uploaded, ...unreadable } = segmentFile(2);
    const reported = await handlers.agent('POST /api/agent/unprocessable-files', agent, { sourceId, cameraId: 'ban-1', file: unreadable, error: 'ffprobe: Invalid data found when processing input' });

    // Assess: the late files count in their hour's run, whose end stays; the newer run is still the source's last run.
    expect([resent.status, reported.status], JSON.stringify([resent.body, reported.body])).toEqual([200, 200]);
    const runs = await shop.call<ListOf<RunView>>('GET', `/api/sources/${sourceId}/runs`);
    expect(runs.body.items.map((run) => [run.startedAt, run.finishedAt, run.durationMs, run.filesSkipped, run.processing])).toEqual([
      [new Date(start + 61 * MINUTE).toISOString(), new Date(start + 61 * MINUTE).toISOString(), 0, 1, { todo: 1, processed: 1, unprocessable: 0, events: 1 }],
      [new Date(start).toISOString(), new Date(start).toISOString(), 0, 2, { todo: 3, processed: 2, unprocessable: 1, events: 2 }],
    ]);
    const status = await shop.call<SourceStatusView>('GET', `/api/sources/${sourceId}/status`);
    expect(status.body.lastRun).toMatchObject({ id: runs.body.items[0]?.id, status: 'succeeded', startedAt: new Date(start + 61 * MINUTE).toISOString() });
  });
});
