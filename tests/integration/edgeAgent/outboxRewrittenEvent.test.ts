import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEventsBody } from '../../../core/api/agentsApi';
import type { EventRecord } from '../../../core/processing/events/toEventRecord';
import type { AgentApiClient } from '../../../edge-agent/cloud/agentApiClient';
import { emptyProgress } from '../../../edge-agent/uploader/fileUpload';
import { clipVersionName, writeBatch, type BatchFile } from '../../../edge-agent/uploader/outboxBatch';
import { outboxLockFor } from '../../../edge-agent/uploader/outboxLock';
import { OutboxUploader } from '../../../edge-agent/uploader/outboxUploader';

const file = (name: string): BatchFile => ({ absolutePath: `/footage/${name}`, name, fingerprint: `10:${name.length}`, day: '2025-07-18', recordedAt: '2025-07-18T02:30:00.000Z', bytes: 10 });

const boundaryEvent = (end: string): EventRecord => ({
  id: 'cam1_20250718T023127400Z_GHN41925412248',
  trackingCodes: ['GHN41925412248'],
  camera: 'cam1',
  start: '2025-07-18T02:31:27.400Z',
  end,
  clipStart: '2025-07-18T02:31:25.400Z',
  clipEnd: end,
  files: [{ name: 'Cam1_093000.mp4', fromSec: 87.4, toSec: 90 }],
  detections: [],
  truncated: false,
});

describe('the outbox when processing rewrites an event an earlier batch is delivering', () => {
  let dir = '';
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps the rewritten event for the next batch, which delivers its newer version', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vtrack-outbox-'));
    const folder = path.join(dir, 'src_a');
    await mkdir(folder, { recursive: true });
    const eventFile = path.join(folder, `${boundaryEvent('').id}.json`);
    await writeFile(eventFile, JSON.stringify(boundaryEvent('2025-07-18T02:31:30.000Z')));
    await writeBatch(dir, { sourceId: 'src_a', cameraId: 'cam1', from: '2025-07-18T02:30:00.000Z', to: '2025-07-18T02:31:30.000Z', eventIds: [boundaryEvent('').id], file: file('Cam1_093000.mp4'), files: [file('Cam1_093000.mp4')] }, 1_000);

    const sent: AgentEventsBody[] = [];
    let rewritten = false;
    const client = {
      async sendEvents(body: AgentEventsBody) {
        sent.push(body);
        // While the first batch is in flight, the next file grows the boundary order; its batch is not written yet.
        if (!rewritten) {
          rewritten = true;
          await writeFile(eventFile, JSON.stringify(boundaryEvent('2025-07-18T02:31:41.000Z')));
        }
        return { accepted: body.events.length };
      },
    } as unknown as AgentApiClient; // only sendEvents is reached: no clips, originals not kept.
    const uploader = new OutboxUploader({ outboxDir: dir, client, logger: pino({ level: 'silent' }), config: () => null });

    expect(await uploader.drain()).toBe('drained');
    // The earlier batch is done; the newer version of its event stays for the batch that names it.
    await writeBatch(dir, { sourceId: 'src_a', cameraId: 'cam1', from: '2025-07-18T02:31:25.000Z', to: '2025-07-18T02:33:00.000Z', eventIds: [boundaryEvent('').id], file: file('Cam1_093130.mp4'), files: [file('Cam1_093130.mp4')] }, 2_000);
    expect(await uploader.drain()).toBe('drained');

    expect(sent.map((body) => body.events.map((event) => event.end))).toEqual([['2025-07-18T02:31:30.000Z'], ['2025-07-18T02:31:41.000Z']]);
    expect(await readdir(path.join(dir, 'refused')).catch(() => [])).toEqual([]);
    expect(await readdir(folder)).toEqual([]);
  });

  it('removes the clip versions replaced before any batch sent them, and keeps a newer one processing has just cut', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vtrack-outbox-'));
    const folder = path.join(dir, 'src_a');
    await mkdir(folder, { recursive: true });
    const id = boundaryEvent('').id;
    const [replaced, sentVersion, newer] = [clipVersionName(id, 1_000), clipVersionName(id, 2_000), clipVersionName(id, 3_000)];
    for (const clip of [replaced, sentVersion, newer]) await writeFile(path.join(folder, clip), clip);
    await writeFile(path.join(folder, `${id}.json`), JSON.stringify({ ...boundaryEvent('2025-07-18T02:31:30.000Z'), clip: sentVersion }));
    const batch = await writeBatch(dir, { sourceId: 'src_a', cameraId: 'cam1', from: '2025-07-18T02:30:00.000Z', to: '2025-07-18T02:31:30.000Z', eventIds: [id], file: file('Cam1_093000.mp4'), files: [file('Cam1_093000.mp4')] }, 1_000);
    // Its clip is already up (a drain before a restart): only the events are left to send.
    await mkdir(path.join(dir, 'uploads'));
    await writeFile(path.join(dir, 'uploads', batch), JSON.stringify({ [`clip:${id}`]: { ...emptyProgress, uploadId: 'upl_1', completed: true } }));

    let rewritten = false;
    const client = {
      async sendEvents(body: AgentEventsBody) {
        if (rewritten) return { accepted: body.events.length };
        rewritten = true;
        // Processing points the event at a newer version while this batch is being sent; its batch is not written yet.
        await writeFile(path.join(folder, `${id}.json`), JSON.stringify({ ...boundaryEvent('2025-07-18T02:31:41.000Z'), clip: newer }));
        return { accepted: body.events.length };
      },
    } as unknown as AgentApiClient; // only sendEvents is reached: the clip is up, originals not kept.
    const uploader = new OutboxUploader({ outboxDir: dir, client, logger: pino({ level: 'silent' }), config: () => null });

    expect(await uploader.drain()).toBe('drained');
    // The version sent is kept while the event names a newer one: the next batch, which sends that, removes both.
    expect((await readdir(folder)).sort()).toEqual([`${id}.json`, sentVersion, newer].sort());

    const next = await writeBatch(dir, { sourceId: 'src_a', cameraId: 'cam1', from: '2025-07-18T02:31:25.000Z', to: '2025-07-18T02:33:00.000Z', eventIds: [id], file: file('Cam1_093130.mp4'), files: [file('Cam1_093130.mp4')] }, 2_000);
    await writeFile(path.join(dir, 'uploads', next), JSON.stringify({ [`clip:${id}`]: { ...emptyProgress, uploadId: 'upl_2', completed: true } }));
    expect(await uploader.drain()).toBe('drained');
    expect(await readdir(folder)).toEqual([]);
  });

  it('keeps an event that processing is writing again for its next batch while the earlier batch finishes', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vtrack-outbox-'));
    const folder = path.join(dir, 'src_a');
    await mkdir(folder, { recursive: true });
    const id = boundaryEvent('').id;
    const grown = JSON.stringify(boundaryEvent('2025-07-18T02:31:41.000Z'));
    // The next file has grown the boundary order already; the earlier batch sends that version.
    await writeFile(path.join(folder, `${id}.json`), grown);
    await writeBatch(dir, { sourceId: 'src_a', cameraId: 'cam1', from: '2025-07-18T02:30:00.000Z', to: '2025-07-18T02:31:30.000Z', eventIds: [id], file: file('Cam1_093000.mp4'), files: [file('Cam1_093000.mp4')] }, 1_000);

    const sent: AgentEventsBody[] = [];
    let processing: Promise<unknown> | null = null;
    const client = {
      async sendEvents(body: AgentEventsBody) {
        sent.push(body);
        // Processing's turn, as SiteProcessor takes it: the event file, a moment of work, then the batch that names it.
        processing ??= outboxLockFor(dir).run(async () => {
          await writeFile(path.join(folder, `${id}.json`), grown);
          await new Promise((resolve) => setTimeout(resolve, 200));
          await writeBatch(dir, { sourceId: 'src_a', cameraId: 'cam1', from: '2025-07-18T02:31:27.400Z', to: '2025-07-18T02:33:00.000Z', eventIds: [id], file: file('Cam1_093130.mp4'), files: [file('Cam1_093130.mp4')] }, 2_000);
        });
        return { accepted: body.events.length };
      },
    } as unknown as AgentApiClient; // only sendEvents is reached: no clips, originals not kept.
    const uploader = new OutboxUploader({ outboxDir: dir, client, logger: pino({ level: 'silent' }), config: () => null });

    expect(await uploader.drain()).toBe('drained');
    await processing;
    expect(await uploader.drain()).toBe('drained');

    // The next batch's window starts at the order: sent without it, the cloud would drop the order.
    expect(sent.map((body) => body.events.map((event) => event.id))).toEqual([[id], [id]]);
    expect(await readdir(folder)).toEqual([]);
  });
});
