/**
 * Changing a Drive source's chosen folders through the API (PATCH), as a
 * script or the web's Edit page does: renames and exclusions of cameras the
 * new folders do not have are dropped, the new folders' videos are all
 * listed and stored, and the old folders' files leave the source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Paged } from '../../../core/api/collections';
import type { SourceView, TrackedFileView } from '../../../core/api/sourcesApi';
import type { CameraMappingConfig } from '../../../core/cameras/cameraMappingConfig';
import { connectGoogle, startGoogleStack, type GoogleStack } from '../../support/googleStack';
import { ApiClient } from '../../support/localStackHarness';

describe('changing the chosen folders through the API', () => {
  let google: GoogleStack;
  let shop: ApiClient;
  let connectionId: string;
  let oldStore: string;
  let newStore: string;
  let sourceId: string;

  beforeAll(async () => {
    google = await startGoogleStack();
    shop = (await new ApiClient(google.harness.stack.url).signUp('owner@folders.example', 'Kho đổi thư mục')).client;
    connectionId = (await connectGoogle(shop)).id;
    const { drive } = google.fake;
    oldStore = drive.addFolder({ name: 'Kho cũ' });
    for (const camera of ['Cam1', 'Cam2']) {
      const folder = drive.addFolder({ name: camera, parentId: oldStore });
      drive.addFile({ name: `${camera}_20250718_093000.mp4`, parentId: folder, content: Buffer.from(`${camera} old`) });
    }
    newStore = drive.addFolder({ name: 'Kho mới' });
    for (const camera of ['Cam2', 'Cam3']) {
      const folder = drive.addFolder({ name: camera, parentId: newStore });
      drive.addFile({ name: `${camera}_20250719_093000.mp4`, parentId: folder, content: Buffer.from(`${camera} new`) });
    }
  });
  afterAll(() => google.close());

  const files = async (): Promise<readonly TrackedFileView[]> => (await shop.call<Paged<TrackedFileView>>('GET', `/api/sources/${sourceId}/files?limit=100`)).body.items;

  it('drops the renames and exclusions of cameras the new folders do not have, keeps the others, and stores the new folders\' videos', async () => {
    const mapping: CameraMappingConfig = { layout: 'auto', timeZone: 'Asia/Ho_Chi_Minh', renames: { cam1: 'Bàn cũ', cam2: 'Bàn đóng gói', cam9: 'Không còn' }, excluded: ['cam1', 'cam2'] };
    const created = await shop.call<SourceView>('POST', '/api/sources', { type: 'google_drive', name: 'Kho', intervalMinutes: 60, config: { connectionId, folderIds: [oldStore], mapping } });
    sourceId = created.body.id;
    await google.harness.stack.settle();

    const moved = await shop.call<SourceView>('PATCH', `/api/sources/${sourceId}`, { config: { connectionId, folderIds: [newStore], mapping } });
    const stored = await shop.call<SourceView>('GET', `/api/sources/${sourceId}`);
    await shop.call('POST', `/api/sources/${sourceId}/sync`);
    await google.harness.stack.settle();

    expect(moved.status).toBe(200);
    const kept = { ...mapping, renames: { cam2: 'Bàn đóng gói' }, excluded: ['cam2'] };
    expect((moved.body.config as { mapping: CameraMappingConfig }).mapping).toEqual(kept);
    expect((stored.body.config as { mapping: CameraMappingConfig }).mapping).toEqual(kept);
    const byName = Object.fromEntries((await files()).map((file) => [file.name, file.status]));
    expect(byName).toEqual({
      'Cam1_20250718_093000.mp4': 'removed',
      'Cam2_20250718_093000.mp4': 'removed',
      'Cam2_20250719_093000.mp4': 'skipped',
      'Cam3_20250719_093000.mp4': 'done',
    });
  });

  it('a camera that appears later under a dropped exclusion\'s key is taken, not silently skipped', async () => {
    const folder = google.fake.drive.addFolder({ name: 'Cam1', parentId: newStore });
    google.fake.drive.addFile({ name: 'Cam1_20250720_093000.mp4', parentId: folder, content: Buffer.from('Cam1 new') });

    await shop.call('POST', `/api/sources/${sourceId}/sync`);
    await google.harness.stack.settle();

    expect((await files()).find((file) => file.name === 'Cam1_20250720_093000.mp4')).toMatchObject({ cameraId: 'cam1', status: 'done' });
  });

  it('a PATCH that leaves the folders as they are keeps every rename and exclusion, even of cameras not seen', async () => {
    const mapping: CameraMappingConfig = { layout: 'auto', timeZone: 'Asia/Ho_Chi_Minh', renames: { cam7: 'Sau này' }, excluded: ['cam8'] };
    const same = await shop.call<SourceView>('PATCH', `/api/sources/${sourceId}`, { config: { connectionId, folderIds: [newStore], mapping } });

    expect((same.body.config as { mapping: CameraMappingConfig }).mapping).toEqual(mapping);
  });

  it('a new source keeps only the renames and exclusions of cameras its folders have', async () => {
    const mapping: CameraMappingConfig = { layout: 'auto', timeZone: 'UTC', renames: { cam3: 'Bàn 3', cam7: 'Cũ' }, excluded: ['cam8'] };
    const created = await shop.call<SourceView>('POST', '/api/sources', { type: 'google_drive', name: 'Kho 2', intervalMinutes: 60, config: { connectionId, folderIds: [newStore], mapping } });

    expect(created.status).toBe(201);
    expect((created.body.config as { mapping: CameraMappingConfig }).mapping).toEqual({ ...mapping, renames: { cam3: 'Bàn 3' }, excluded: [] });
    await google.harness.stack.settle();
  });
});
