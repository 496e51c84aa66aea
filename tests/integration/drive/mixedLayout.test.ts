/**
 * Camera mapping of a messy, mixed Drive tree, previewed and synced for real
 * against the Drive fake: camera folders beside a folder of flat uploads from
 * several cameras, a folder named "..", and a shortcut whose display name is
 * no camera.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Paged } from '../../../core/api/collections';
import type { MappingPreviewView } from '../../../core/api/googleApi';
import type { SourceView, TrackedFilesPageView, TrackedFileView } from '../../../core/api/sourcesApi';
import type { ErrorBody } from '../../../core/api/errorCodes';
import { connectGoogle, startGoogleStack, type GoogleStack } from '../../support/googleStack';
import { ApiClient } from '../../support/localStackHarness';

describe('camera mapping of a mixed Drive tree', () => {
  let google: GoogleStack;
  let shop: ApiClient;
  let connectionId: string;
  let footage: string;
  let uploads: string;
  let sourceId = '';
  let elsewhere: string;

  beforeAll(async () => {
    google = await startGoogleStack();
    shop = (await new ApiClient(google.harness.stack.url).signUp('owner@mixed.example', 'Kho hỗn hợp')).client;
    connectionId = (await connectGoogle(shop)).id;
    const { drive } = google.fake;
    footage = drive.addFolder({ name: 'Footage' });
    const cam1 = drive.addFolder({ name: 'Cam1', parentId: footage });
    const day = drive.addFolder({ name: '2025-07-18', parentId: cam1 });
    drive.addFile({ name: 'Cam1_20250718_093000.mp4', parentId: day, content: Buffer.from('cam1 a') });
    uploads = drive.addFolder({ name: 'Uploads', parentId: footage });
    drive.addFile({ name: 'Cam2_20250718_093000.mp4', parentId: uploads, content: Buffer.from('cam2 a') });
    drive.addFile({ name: 'Cam3_20250718_093000.mp4', parentId: uploads, content: Buffer.from('cam3 a') });
    const dots = drive.addFolder({ name: '..', parentId: footage });
    drive.addFile({ name: 'Cam4_20250718_093000.mp4', parentId: dots, content: Buffer.from('cam4 a') });
    elsewhere = drive.addFolder({ name: 'Kho Bình Dương' });
    drive.addFile({ name: 'Cam5_20250718_093000.mp4', parentId: elsewhere, content: Buffer.from('cam5 a') });
    drive.addShortcut({ name: 'Lối tắt tới kho', parentId: footage, targetId: elsewhere });
  });
  afterAll(() => google.close());

  const expected = { cam1: 1, cam2: 1, cam3: 1, cam4: 1, cam5: 1 };

  it('previews one camera per file name in the uploads folder, none named "..", "Uploads" or after the shortcut', async () => {
    const preview = await shop.call<MappingPreviewView>('POST', `/api/google/connections/${connectionId}/preview`, { folderIds: [footage] });

    expect(preview.status).toBe(200);
    expect(Object.fromEntries(preview.body.cameras.map((camera) => [camera.cameraId, camera.fileCount]))).toEqual(expected);
  });

  it('syncs every file to the same camera the preview showed, and a new upload later by its own name too', async () => {
    const created = await shop.call<SourceView>('POST', '/api/sources', { type: 'google_drive', name: 'Hỗn hợp', intervalMinutes: 60, config: { connectionId, folderIds: [footage] } });
    sourceId = created.body.id;
    await google.harness.stack.settle();
    google.fake.drive.addFile({ name: 'Cam6_20250718_100000.mp4', parentId: uploads, content: Buffer.from('cam6 a') });
    await shop.call('POST', `/api/sources/${created.body.id}/sync`);
    await google.harness.stack.settle();

    const files = await shop.call<Paged<TrackedFileView>>('GET', `/api/sources/${created.body.id}/files?limit=100`);
    const byCamera: Record<string, number> = {};
    for (const file of files.body.items) byCamera[file.cameraId ?? 'none'] = (byCamera[file.cameraId ?? 'none'] ?? 0) + 1;

    expect(byCamera).toEqual({ ...expected, cam6: 1 });
    expect(files.body.items.every((file) => file.status === 'done')).toBe(true);
    // Named as people know them, not by their keys.
    expect(files.body.items.map((file) => file.cameraName).sort()).toEqual(['Cam1', 'Cam2', 'Cam3', 'Cam4', 'Cam5', 'Cam6']);
  });

  it('lists the files newest recording first, by day and hour in the viewer\'s zone and by name, a page at a time', async () => {
    const files = (query: string) => shop.call<TrackedFilesPageView>('GET', `/api/sources/${sourceId}/files?${query}`);
    const names = (page: TrackedFilesPageView): string[] => page.items.map((file) => file.name);

    const first = await files('limit=2');
    const second = await files(`limit=2&pageToken=${encodeURIComponent(first.body.nextPageToken ?? '')}`);
    const hour = await files('day=2025-07-18&hour=17&zone=%2B07:00');
    const day = await files('day=2025-07-18&zone=Asia/Ho_Chi_Minh&camera=cam2');
    const search = await files('q=UPLOAD');
    const noHour = await files('day=2025-07-19&zone=UTC');

    expect(first.body).toMatchObject({ total: 6, truncated: false });
    expect(names(first.body)[0]).toBe('Cam6_20250718_100000.mp4');
    expect(names(second.body)).toHaveLength(2);
    expect(names(second.body).some((name) => names(first.body).includes(name))).toBe(false);
    expect(names(hour.body)).toEqual(['Cam6_20250718_100000.mp4']);
    expect(names(day.body)).toEqual(['Cam2_20250718_093000.mp4']);
    expect(names(search.body).sort()).toEqual(['Cam2_20250718_093000.mp4', 'Cam3_20250718_093000.mp4', 'Cam6_20250718_100000.mp4']);
    expect(noHour.body.items).toEqual([]);
  });

  it.each([
    ['hour=3', 'hour'],
    ['day=18-07-2025', 'day'],
    ['day=2025-07-18&zone=Mars/Olympus', 'zone'],
    ['hour=24&day=2025-07-18', 'hour'],
  ])('refuses %s naming the field "%s"', async (query, field) => {
    const response = await shop.call<ErrorBody>('GET', `/api/sources/${sourceId}/files?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe(field);
  });

  it('maps files that arrive through the changes feed by the same rules: a shortcut\'s name, "...", or a mixed folder never names a camera', async () => {
    const { drive } = google.fake;
    // After the first sync: a second video inside the folder reached through a shortcut,
    drive.addFile({ name: 'Cam5_20250718_110000.mp4', parentId: elsewhere, content: Buffer.from('cam5 b') });
    // a new shortcut to another store's folder,
    const hanoi = drive.addFolder({ name: 'Kho Hà Nội' });
    drive.addFile({ name: 'Cam8_20250718_110000.mp4', parentId: hanoi, content: Buffer.from('cam8 a') });
    drive.addShortcut({ name: 'Lối tắt Hà Nội', parentId: footage, targetId: hanoi });
    // a shortcut to one video, its display name no camera's,
    const loose = drive.addFolder({ name: 'Tải lên rời' });
    const cam9 = drive.addFile({ name: 'Cam9_20250718_110000.mp4', parentId: loose, content: Buffer.from('cam9 a') });
    drive.addShortcut({ name: 'video kho.mp4', parentId: footage, targetId: cam9 });
    // a new folder named "..." and a new folder of two cameras' uploads.
    const dots = drive.addFolder({ name: '...', parentId: footage });
    drive.addFile({ name: 'Cam10_20250718_110000.mp4', parentId: dots, content: Buffer.from('cam10 a') });
    const mixed = drive.addFolder({ name: 'Tải lên 2', parentId: footage });
    drive.addFile({ name: 'Cam11_20250718_110000.mp4', parentId: mixed, content: Buffer.from('cam11 a') });
    drive.addFile({ name: 'Cam12_20250718_110000.mp4', parentId: mixed, content: Buffer.from('cam12 a') });

    await shop.call('POST', `/api/sources/${sourceId}/sync`);
    await google.harness.stack.settle();
    const files = await shop.call<Paged<TrackedFileView>>('GET', `/api/sources/${sourceId}/files?limit=100`);
    const preview = await shop.call<MappingPreviewView>('POST', `/api/google/connections/${connectionId}/preview`, { folderIds: [footage] });

    const cameraOf = Object.fromEntries(files.body.items.map((file) => [file.name, file.cameraId]));
    expect(cameraOf).toMatchObject({
      'Cam5_20250718_110000.mp4': 'cam5',
      'Cam8_20250718_110000.mp4': 'cam8',
      'Cam9_20250718_110000.mp4': 'cam9',
      'Cam10_20250718_110000.mp4': 'cam10',
      'Cam11_20250718_110000.mp4': 'cam11',
      'Cam12_20250718_110000.mp4': 'cam12',
    });
    // The first listing of the same tree (the preview) agrees file for file.
    const byCamera: Record<string, number> = {};
    for (const file of files.body.items) byCamera[file.cameraId ?? 'none'] = (byCamera[file.cameraId ?? 'none'] ?? 0) + 1;
    expect(Object.fromEntries(preview.body.cameras.map((camera) => [camera.cameraId, camera.fileCount]))).toEqual(byCamera);
    expect(files.body.items.every((file) => file.status === 'done')).toBe(true);
  });

  it('a shortcut loop that arrives through the changes feed moves nothing: later files keep their paths', async () => {
    const { drive } = google.fake;
    const mixed = drive.addFolder({ name: 'Vòng', parentId: footage });
    drive.addShortcut({ name: 'về gốc', parentId: mixed, targetId: footage });
    await shop.call('POST', `/api/sources/${sourceId}/sync`);
    await google.harness.stack.settle();
    drive.addFile({ name: 'Cam13_20250718_120000.mp4', parentId: footage, content: Buffer.from('cam13 a') });
    await shop.call('POST', `/api/sources/${sourceId}/sync`);
    await google.harness.stack.settle();

    const files = await shop.call<Paged<TrackedFileView>>('GET', `/api/sources/${sourceId}/files?q=Cam13`);
    expect(files.body.items.map((file) => [file.relativePath, file.cameraId, file.status])).toEqual([['Cam13_20250718_120000.mp4', 'cam13', 'done']]);
  });
});
