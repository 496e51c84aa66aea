import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startHarness, validDriveSource, validLocalSource, type Harness } from '../../support/localStackHarness';
import type { ErrorBody } from '../../../core/api/errorCodes';
import type { ListOf } from '../../../core/api/collections';
import type { RunView, SourceView } from '../../../core/api/sourcesApi';
import { keysOf, wireKeys } from '../../support/wireKeys';

describe('sources API', () => {
  let harness: Harness;
  let shopA: ApiClient;
  let shopB: ApiClient;

  beforeAll(async () => {
    harness = await startHarness();
    const anonymous = new ApiClient(harness.stack.url);
    shopA = (await anonymous.signUp('a@shop-a.example', 'Shop A')).client;
    shopB = (await anonymous.signUp('b@shop-b.example', 'Shop B')).client;
  });
  afterAll(() => harness.close());

  it('creates an edge source, lists it and reads it back', async () => {
    const created = await shopA.call<SourceView>('POST', '/api/sources', validLocalSource);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'NVR export share', intervalMinutes: 30, status: 'idle' });

    const listed = await shopA.call<ListOf<SourceView>>('GET', '/api/sources');
    const read = await shopA.call<SourceView>('GET', `/api/sources/${created.body.id}`);

    expect(listed.body.items.map((source) => source.id)).toContain(created.body.id);
    expect(read.body).toMatchObject({ id: created.body.id, name: 'NVR export share' });
    expect(keysOf(read.body)).toEqual(
      wireKeys<SourceView>({
        id: true, type: true, name: true, intervalMinutes: true, config: true, status: true, statusMessage: true, statusMessageCode: true,
        nextSyncAt: true, lastSyncAt: true, lastRun: true, totals: true, deletion: true, createdAt: true, updatedAt: true,
      }),
    );
  });

  it('starts the initial download of a Drive source at once; without a Google connection it waits in needs_reauth and says why', async () => {
    const created = await shopA.call<SourceView>('POST', '/api/sources', validDriveSource);
    await harness.stack.settle();

    const read = await shopA.call<SourceView>('GET', `/api/sources/${created.body.id}`);
    const runs = await shopA.call<ListOf<RunView>>('GET', `/api/sources/${created.body.id}/runs`);

    expect(read.body.status).toBe('needs_reauth');
    expect(read.body.nextSyncAt).toBeNull();
    expect(read.body.statusMessage).toMatch(/connect a Google account/);
    expect(read.body.statusMessageCode).toBe('reauth_required');
    expect(runs.body.items).toEqual([expect.objectContaining({ status: 'failed', trigger: 'initial', errorCode: 'reauth_required' })]);
    expect(keysOf(runs.body.items[0] ?? {})).toEqual(
      wireKeys<RunView>({
        id: true, trigger: true, status: true, outcome: true, startedAt: true, finishedAt: true, filesDone: true,
        filesFailed: true, filesSkipped: true, bytes: true, durationMs: true, error: true, errorCode: true, processing: true,
      }),
    );
  });

  it.each([
    [{ ...validDriveSource, type: 'dropbox' }, 'type'],
    [{ type: 'google_drive', intervalMinutes: 15, config: { folderIds: ['abc'] } }, 'name'],
    [{ ...validDriveSource, intervalMinutes: 2 }, 'intervalMinutes'],
    [{ ...validDriveSource, intervalMinutes: 7.5 }, 'intervalMinutes'],
    [{ ...validDriveSource, intervalMinutes: '15' }, 'intervalMinutes'],
    [{ ...validDriveSource, config: { folderIds: [] } }, 'config.folderIds'],
    [{ ...validLocalSource, config: { path: 'relative/path' } }, 'config.path'],
    [{ ...validDriveSource, tenantId: 'someone-else' }, ''],
  ])('rejects %j with 400 naming the field "%s" and writes nothing', async (body, field) => {
    const before = await shopB.call<{ items: unknown[] }>('GET', '/api/sources');

    const response = await shopB.call<ErrorBody>('POST', '/api/sources', body);
    const after = await shopB.call<{ items: unknown[] }>('GET', '/api/sources');

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_error');
    if (field !== '') expect(response.body.error.field).toBe(field);
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('updates name and interval, and refuses a bad patch without changing anything', async () => {
    const created = await shopA.call<SourceView>('POST', '/api/sources', validLocalSource);

    const renamed = await shopA.call<SourceView>('PATCH', `/api/sources/${created.body.id}`, { name: 'Renamed', intervalMinutes: 60 });
    const bad = await shopA.call<ErrorBody>('PATCH', `/api/sources/${created.body.id}`, { name: 'Other', intervalMinutes: 0 });
    const badConfig = await shopA.call<ErrorBody>('PATCH', `/api/sources/${created.body.id}`, { config: { folderIds: ['x'] } });
    const read = await shopA.call<SourceView>('GET', `/api/sources/${created.body.id}`);

    expect(renamed.body).toMatchObject({ name: 'Renamed', intervalMinutes: 60 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('intervalMinutes');
    expect(badConfig.status).toBe(400);
    expect(badConfig.body.error.field).toMatch(/^config/);
    expect(read.body).toMatchObject({ name: 'Renamed', intervalMinutes: 60 });
  });

  it('pauses a source out of the schedule and resumes it as due now', async () => {
    const created = await shopA.call<SourceView>('POST', '/api/sources', validLocalSource);

    const paused = await shopA.call<SourceView>('PATCH', `/api/sources/${created.body.id}`, { paused: true });
    const syncWhilePaused = await shopA.call<ErrorBody>('POST', `/api/sources/${created.body.id}/sync`);
    const resumed = await shopA.call<SourceView>('PATCH', `/api/sources/${created.body.id}`, { paused: false });

    expect(paused.body).toMatchObject({ status: 'paused', nextSyncAt: null });
    expect(syncWhilePaused.status).toBe(409);
    expect(resumed.body.status).toBe('idle');
    expect(Date.parse(resumed.body.nextSyncAt ?? '')).toBeLessThanOrEqual(Date.now());
  });

  it('refuses "Sync now" on a local-folder or camera source, saying the on-site agent syncs it, and starts no cloud run', async () => {
    // Prepare: edge sources, pulled by the VTrack agent on site, never by the cloud.
    const local = await shopA.call<SourceView>('POST', '/api/sources', validLocalSource);
    const camera = await shopA.call<SourceView>('POST', '/api/sources', { type: 'onvif', name: 'Quầy 2', intervalMinutes: 15, config: { address: '192.168.1.64' } });

    // Act
    const syncs = [
      await shopA.call<ErrorBody>('POST', `/api/sources/${local.body.id}/sync`),
      await shopA.call<ErrorBody>('POST', `/api/sources/${camera.body.id}/sync`),
    ];
    await harness.stack.settle();

    // Assess
    for (const [index, sync] of syncs.entries()) {
      const id = [local, camera][index]?.body.id ?? '';
      expect(sync.status).toBe(409);
      expect(sync.body.error.message).toMatch(/agent on site/);
      expect((await shopA.call<ListOf<RunView>>('GET', `/api/sources/${id}/runs`)).body.items).toEqual([]);
      expect((await shopA.call<SourceView>('GET', `/api/sources/${id}`)).body).toMatchObject({ status: 'idle', lastRun: null });
    }
  });

  it('deletes a source, after which it is gone', async () => {
    const created = await shopA.call<SourceView>('POST', '/api/sources', validLocalSource);

    const deleted = await shopA.call('DELETE', `/api/sources/${created.body.id}`);
    const read = await shopA.call('GET', `/api/sources/${created.body.id}`);
    const again = await shopA.call('DELETE', `/api/sources/${created.body.id}`);

    // 202: deletion runs in the background; a source with nothing to remove is done before the answer.
    expect(deleted.status).toBe(202);
    expect(deleted.body).toMatchObject({ done: true, keepFootage: true });
    expect(read.status).toBe(404);
    expect(again.status).toBe(404);
  });

  it('never lets tenant B read, change, sync or delete tenant A\'s source', async () => {
    const created = await shopA.call<SourceView>('POST', '/api/sources', { ...validLocalSource, name: 'A private' });
    const path = `/api/sources/${created.body.id}`;

    const listedByB = await shopB.call<{ items: SourceView[] }>('GET', '/api/sources');
    const readByB = await shopB.call('GET', path);
    const patchByB = await shopB.call('PATCH', path, { name: 'taken over' });
    const syncByB = await shopB.call('POST', `${path}/sync`);
    const runsByB = await shopB.call('GET', `${path}/runs`);
    const deleteByB = await shopB.call('DELETE', path);
    const stillA = await shopA.call<SourceView>('GET', path);

    expect(listedByB.body.items.map((source) => source.id)).not.toContain(created.body.id);
    expect([readByB.status, patchByB.status, syncByB.status, runsByB.status, deleteByB.status]).toEqual([404, 404, 404, 404, 404]);
    expect(stillA.body.name).toBe('A private');
  });
});
