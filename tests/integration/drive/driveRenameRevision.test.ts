/**
 * Rename plus new revision leaves no stale copy (issue #10 item 6): on the
 * local stack with the Drive fake, the old revision's object under the old key
 * is deleted once the new one is stored, the old key's claim is released, and
 * a plain rename claims no key it does not use.
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { TrackedFileView } from '../../../core/api/sourcesApi';
import { tableKeys } from '../../../core/keys/tableKeys';
import { googleShopForFile } from '../../support/googleShop';

const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');

describe('a renamed file with new content', () => {
  const googleShop = googleShopForFile('owner@renames.example', 'Rename Shop');

  async function createSource(folderId: string): Promise<string> {
    const { google, createDriveSource } = googleShop();
    const sourceId = await createDriveSource(folderId, `Renames ${folderId}`);
    await google.harness.stack.settle();
    return sourceId;
  }
  const files = async (sourceId: string): Promise<TrackedFileView[]> =>
    (await googleShop().shop.call<{ items: TrackedFileView[] }>('GET', `/api/sources/${sourceId}/files?limit=500`)).body.items;
  const syncNow = async (sourceId: string): Promise<void> => {
    const { google, shop } = googleShop();
    expect((await shop.call('POST', `/api/sources/${sourceId}/sync`)).status).toBe(202);
    await google.harness.stack.settle();
  };
  const storedKeys = async (sourceId: string): Promise<string[]> => {
    const { google, s3, tenantId } = googleShop();
    return ((await s3.send(new ListObjectsV2Command({ Bucket: google.harness.stack.bucketName, Prefix: `${tenantId}/${sourceId}/` }))).Contents ?? [])
      .map((object) => object.Key ?? '')
      .filter((key) => !key.includes('/_runs/'))
      .sort();
  };
  const storedMd5 = async (key: string): Promise<string> => {
    const { google, s3 } = googleShop();
    const object = await s3.send(new GetObjectCommand({ Bucket: google.harness.stack.bucketName, Key: key }));
    return md5(await object.Body!.transformToByteArray());
  };
  const claimOf = async (sourceId: string, key: string): Promise<unknown> => {
    const { google, dynamo, tenantId } = googleShop();
    return (await dynamo.send(new GetCommand({ TableName: google.harness.stack.tableName, Key: tableKeys.objectKeyClaim(tenantId, sourceId, key) }))).Item?.providerFileId;
  };

  it('deletes the old revision under the old key once the new one is stored, and releases the old key', async () => {
    // Prepare: a stored file, then renamed in Drive and written again (the recorder re-exported it).
    const { google } = googleShop();
    const folder = google.fake.drive.addFolder({ name: 'Quầy 1' });
    const id = google.fake.drive.addFile({ name: 'Cam1_20250718_090000.mp4', parentId: folder, content: Buffer.from('first export') });
    const sourceId = await createSource(folder);
    const [before] = await storedKeys(sourceId);
    const newContent = Buffer.from('second export, longer than the first');
    google.fake.drive.rename(id, 'Cam1_20250718_090000 (đã sửa).mp4');
    google.fake.drive.updateContent(id, newContent);

    // Act
    await syncNow(sourceId);

    // Assess: one object, the new revision under the new name; the old key is free again.
    const [row] = await files(sourceId);
    expect(row).toMatchObject({ status: 'done', name: 'Cam1_20250718_090000 (đã sửa).mp4' });
    expect(row?.s3Key).toMatch(/Cam1_20250718_090000 \(đã sửa\)\.mp4$/);
    expect(await storedKeys(sourceId)).toEqual([row?.s3Key]);
    expect(await storedMd5(row?.s3Key ?? '')).toBe(md5(newContent));
    expect(before).toMatch(/Cam1_20250718_090000\.mp4$/);
    expect(await claimOf(sourceId, before ?? '')).toBeUndefined();
    expect(await claimOf(sourceId, row?.s3Key ?? '')).toBe(id);
  });

  it('keeps a plainly renamed file where it is stored and claims no key for its new name', async () => {
    // Prepare
    const { google } = googleShop();
    const folder = google.fake.drive.addFolder({ name: 'Quầy 2' });
    const id = google.fake.drive.addFile({ name: 'Cam2_20250718_090000.mp4', parentId: folder, content: Buffer.from('kept as it is') });
    const sourceId = await createSource(folder);
    const [stored] = await storedKeys(sourceId);
    google.fake.drive.rename(id, 'Cam2_20250718_090000 renamed.mp4');

    // Act
    await syncNow(sourceId);

    // Assess
    const [row] = await files(sourceId);
    expect(row).toMatchObject({ status: 'done', name: 'Cam2_20250718_090000 renamed.mp4', s3Key: stored });
    expect(await storedKeys(sourceId)).toEqual([stored]);
    expect(await claimOf(sourceId, (stored ?? '').replace('Cam2_20250718_090000.mp4', 'Cam2_20250718_090000 renamed.mp4'))).toBeUndefined();
  });

  it('keeps the old copy while the new revision is not stored yet, and drops it once it is', async () => {
    // Prepare: the new revision cannot be downloaded today.
    const { google, shop } = googleShop();
    const folder = google.fake.drive.addFolder({ name: 'Quầy 3' });
    const id = google.fake.drive.addFile({ name: 'Cam3_20250718_090000.mp4', parentId: folder, content: Buffer.from('the only good copy') });
    const sourceId = await createSource(folder);
    const [stored] = await storedKeys(sourceId);
    google.fake.drive.rename(id, 'Cam3_20250718_091500.mp4');
    google.fake.drive.updateContent(id, Buffer.from('new revision, blocked today'));
    google.fake.faults.add({ match: { operation: 'files.get.media', fileId: id }, respond: { status: 403, reason: 'downloadQuotaExceeded' } });

    // Act
    await syncNow(sourceId);

    // Assess: the old revision is still there, and its key still claimed.
    const [row] = await files(sourceId);
    expect(row).toMatchObject({ status: 'failed' });
    expect(await storedKeys(sourceId)).toEqual([stored]);
    expect(await storedMd5(stored ?? '')).toBe(md5(Buffer.from('the only good copy')));
    expect(await claimOf(sourceId, stored ?? '')).toBe(id);

    // Act: the tenant retries once the quota lifted.
    expect((await shop.call('POST', `/api/sources/${sourceId}/retry-failed`)).status).toBe(202);
    await google.harness.stack.settle();

    // Assess
    const [after] = await files(sourceId);
    expect(after).toMatchObject({ status: 'done' });
    expect(await storedKeys(sourceId)).toEqual([after?.s3Key]);
    expect(after?.s3Key).toMatch(/Cam3_20250718_091500\.mp4$/);
    expect(await claimOf(sourceId, stored ?? '')).toBeUndefined();
  });
});
