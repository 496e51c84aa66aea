/**
 * Deleting a source while a run transfers (issue #10 item 7), on the local
 * stack with the Drive fake: the DELETE answers 202 after one step, without
 * waiting for the run (the run ends after the answer, and a later dispatcher
 * tick finishes the deletion), the source shows
 * its deletion under way (never "not found" before it is gone), the running
 * batch stops at its next file, and once the run ended every object under the
 * source's prefix (late landings included), every open upload and every item
 * of the source are gone.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { SourceDeletionStartedView, SourceView, TrackedFileView } from '../../../core/api/sourcesApi';
import { tableKeys } from '../../../core/keys/tableKeys';
import { googleShopForFile } from '../../support/googleShop';

const MiB = 1024 * 1024;

describe('deleting a source during a sync', () => {
  const googleShop = googleShopForFile('owner@deletes.example', 'Delete Shop');

  it('stops the run at its next file and, once it ended, leaves no object, upload or item of the source behind', { timeout: 120_000 }, async () => {
    // Prepare: a large video (several parts) and twelve small ones; Drive answers slowly, so the run is still going.
    const { google, shop, tenantId, dynamo, stored, createDriveSource } = googleShop();
    const folder = google.fake.drive.addFolder({ name: 'Kho Quận 7' });
    const ids = [google.fake.drive.addFile({ name: 'Cam1_20250718_080000.mp4', parentId: folder, content: { syntheticBytes: 40 * MiB, seed: 3 } })];
    for (let i = 0; i < 12; i += 1) {
      ids.push(google.fake.drive.addFile({ name: `Cam2_20250718_0900${String(i).padStart(2, '0')}.mp4`, parentId: folder, content: Buffer.from(`small clip ${i}`) }));
    }
    google.fake.faults.add({ match: { operation: 'files.get.media' }, times: 1000, respond: { delayMs: 400 } });
    const sourceId = await createDriveSource(folder, 'Kho Quận 7');
    const prefix = `${tenantId}/${sourceId}/`;
    const files = async (): Promise<TrackedFileView[]> =>
      (await shop.call<{ items: TrackedFileView[] }>('GET', `/api/sources/${sourceId}/files?limit=500`)).body.items;
    await expect.poll(async () => (await files()).filter((f) => f.status === 'done').length, { timeout: 60_000, interval: 100 }).toBeGreaterThan(0);

    // Act: delete with the footage, while the run transfers.
    const deleted = await shop.call<SourceDeletionStartedView>('DELETE', `/api/sources/${sourceId}?keepFootage=false`);
    const readsAtDelete = google.fake.requests.filter((r) => r.operation === 'files.get.media').length;
    const during = await shop.call<SourceView>('GET', `/api/sources/${sourceId}`);
    const listed = await shop.call<{ items: SourceView[] }>('GET', '/api/sources');
    const syncDuring = await shop.call<{ error: { message: string } }>('POST', `/api/sources/${sourceId}/sync`);
    const patchDuring = await shop.call<{ error: { message: string } }>('PATCH', `/api/sources/${sourceId}`, { paused: true });
    await google.harness.stack.settle();
    const readsAfterRun = google.fake.requests.filter((r) => r.operation === 'files.get.media').length;
    const afterRun = await shop.call<SourceView>('GET', `/api/sources/${sourceId}`);
    await google.harness.stack.dispatchNow();
    google.fake.faults.clear();

    // Assess: answered after one step, before the run ended (no object deleted yet: the run still held the source),
    // still shown while it went on, finished by the dispatcher's next tick once the run ended, and then nothing left.
    expect(deleted.status).toBe(202);
    expect(deleted.body).toMatchObject({ done: false, keepFootage: false, objectsDeleted: 0 });
    expect(deleted.body.filesRemoved).toBeGreaterThan(0);
    expect(afterRun.status).toBe(200);
    expect(afterRun.body).toMatchObject({ status: 'deleting', deletion: { keepFootage: false } });
    expect(afterRun.body.lastRun?.status).not.toBe('running');
    expect(during.status).toBe(200);
    expect(during.body).toMatchObject({ status: 'deleting', nextSyncAt: null, deletion: { keepFootage: false } });
    expect(listed.body.items.find((s) => s.id === sourceId)?.status).toBe('deleting');
    expect([syncDuring.status, patchDuring.status]).toEqual([409, 409]);
    expect(syncDuring.body.error.message).toMatch(/being deleted/);
    expect(patchDuring.body.error.message).toMatch(/being deleted/);
    // The batch stopped: at most the files already in flight were read on.
    expect(readsAfterRun - readsAtDelete).toBeLessThanOrEqual(4);
    expect(readsAfterRun).toBeLessThan(ids.length);
    expect((await shop.call('GET', `/api/sources/${sourceId}`)).status).toBe(404);
    expect(await stored.objectKeys(prefix)).toEqual([]);
    expect(await stored.openUploads(prefix)).toBe(0);
    expect(await stored.sourceItems(sourceId)).toBe(0);
    const syncState = await dynamo.send(new GetCommand({ TableName: google.harness.stack.tableName, Key: tableKeys.syncState(tenantId, sourceId) }));
    expect(syncState.Item).toBeUndefined();
  });

  it('keeps the footage when asked, marks every file removed, and the source is gone', async () => {
    // Prepare: a synced source.
    const { google, shop, tenantId, dynamo, stored, createDriveSource } = googleShop();
    const folder = google.fake.drive.addFolder({ name: 'Giữ lại' });
    google.fake.drive.addFile({ name: 'Cam1_20250718_100000.mp4', parentId: folder, content: Buffer.from('kept footage') });
    const sourceId = await createDriveSource(folder, 'Giữ lại');
    await google.harness.stack.settle();

    // Act
    const deleted = await shop.call<SourceDeletionStartedView>('DELETE', `/api/sources/${sourceId}`);

    // Assess
    expect(deleted.status).toBe(202);
    expect(deleted.body).toMatchObject({ done: true, keepFootage: true, filesRemoved: 1, objectsDeleted: 0 });
    expect((await shop.call('GET', `/api/sources/${sourceId}`)).status).toBe(404);
    const footage = (await stored.objectKeys(`${tenantId}/${sourceId}/`)).filter((key) => !key.includes('/_runs/'));
    expect(footage).toHaveLength(1);
    const rows = await dynamo.send(
      new QueryCommand({
        TableName: google.harness.stack.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :file)',
        ExpressionAttributeValues: { ':pk': tableKeys.file(tenantId, sourceId, '').pk, ':file': 'FILE#' },
      }),
    );
    expect(rows.Items?.map((item) => item['status'])).toEqual(['removed']);
  });
});
