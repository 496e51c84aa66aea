/**
 * Issue #10's "done when", as one test: the first sync of a messy Drive tree of
 * 3,000 items (nested camera folders and a flat folder of several cameras'
 * uploads, long Vietnamese names, same-named files, shortcuts to a file and in a
 * loop, documents and photos, a shared drive) finishes with every video stored
 * once and byte-verified, every skip explained, and the status the source page
 * polls truthful throughout: its bar never goes backwards and it ends on what
 * is really stored.
 */
import { createHash } from 'node:crypto';
import { HeadObjectCommand, ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { ApiClient } from '../../support/localStackHarness';
import { connectGoogle, startGoogleStack, type GoogleStack } from '../../support/googleStack';
import type { Paged } from '../../../core/api/collections';
import type { RunView, SourceStatusView, SourceView, TrackedFileView } from '../../../core/api/sourcesApi';

const VIDEOS_PER_NESTED_CAMERA = 700;
const FLAT_UPLOADS = 700;
const SHARED_DRIVE_VIDEOS = 600;
const LONG_NAMES = 60;
const SAME_NAME_PAIRS = 60;
const NOT_VIDEOS = 110;

const md5 = (bytes: Buffer): string => createHash('md5').update(bytes).digest('hex');
const stamp = (i: number): string => {
  const seconds = 9 * 3600 + i * 7;
  const hh = String(Math.floor(seconds / 3600) % 24).padStart(2, '0');
  const mm = String(Math.floor(seconds / 60) % 60).padStart(2, '0');
  const ss = String(seconds % 60).padStart(2, '0');
  return `20250718_${hh}${mm}${ss}`;
};

describe('a first sync of a messy 3,000-item Drive tree', () => {
  let google: GoogleStack;
  let shop: ApiClient;
  let s3: S3Client;
  const videoMd5 = new Map<string, string>();
  let itemCount = 0;
  let folderIds: string[] = [];

  beforeAll(async () => {
    google = await startGoogleStack();
    shop = (await new ApiClient(google.harness.stack.url).signUp('owner@messy.example', 'Kho Hàng Messy')).client;
    s3 = new S3Client(localClientConfig(google.harness.stack.endpoints.s3));
    const { drive } = google.fake;
    const video = (name: string, parentId: string, seed: string): string => {
      const content = Buffer.from(`video ${seed} ${name}`);
      const id = drive.addFile({ name, parentId, content });
      videoMd5.set(id, md5(content));
      itemCount += 1;
      return id;
    };
    const folder = (name: string, parentId?: string): string => {
      itemCount += 1;
      return drive.addFolder(parentId === undefined ? { name } : { name, parentId });
    };

    const root = folder('Kho hàng — Bàn đóng gói');
    // Nested: camera folder, then a day folder, as most NVR exports and phone uploads are.
    for (const camera of ['Camera 1 bàn trái', 'Camera 2 bàn phải']) {
      const day = folder('2025-07-18', folder(camera, root));
      for (let i = 0; i < VIDEOS_PER_NESTED_CAMERA; i += 1) video(`${stamp(i)}.mp4`, day, `${camera}/${i}`);
    }
    // Flat uploads of two cameras side by side inside the same tree.
    const uploads = folder('Tải lên từ điện thoại', root);
    for (let i = 0; i < FLAT_UPLOADS; i += 1) video(`Cam${3 + (i % 2)}_${stamp(i)}.mp4`, uploads, `flat/${i}`);
    // Long Vietnamese names: over 255 bytes as a key segment.
    const long = folder('Tên dài', root);
    for (let i = 0; i < LONG_NAMES; i += 1) {
      video(`Cam5_${stamp(i)}_${'Đơn hàng giao nhanh đã kiểm tra kỹ lưỡng trước khi đóng gói '.repeat(3)}${i}.mp4`, long, `long/${i}`);
    }
    // Same names in one folder (Drive allows it): both are videos, both must be stored.
    const twins = folder('Trùng tên', root);
    for (let i = 0; i < SAME_NAME_PAIRS; i += 1) {
      video(`Cam6_${stamp(i)}.mp4`, twins, `twin-a/${i}`);
      video(`Cam6_${stamp(i)}.mp4`, twins, `twin-b/${i}`);
    }
    // Not videos: photos, PDFs, Google Docs. Each is skipped with a reason.
    for (let i = 0; i < NOT_VIDEOS; i += 1) {
      if (i % 3 === 0) drive.addFile({ name: `Ghi chú ${i}`, parentId: uploads, mimeType: 'application/vnd.google-apps.document' });
      else drive.addFile({ name: i % 3 === 1 ? `ảnh ${i}.jpg` : `hoá đơn ${i}.pdf`, parentId: uploads, content: Buffer.from(`not a video ${i}`) });
      itemCount += 1;
    }
    // Shortcuts: to a video already in the tree (stored once), and back to the root (a loop).
    const [someVideo] = videoMd5.keys();
    drive.addShortcut({ name: 'lối tắt video', parentId: long, targetId: someVideo ?? '' });
    drive.addShortcut({ name: 'vòng lặp', parentId: twins, targetId: root });
    itemCount += 2;
    // A shared drive holding a third camera's footage.
    const shared = drive.addSharedDrive({ name: 'Kho chung' });
    const sharedFolder = folder('Camera kho 7', shared);
    for (let i = 0; i < SHARED_DRIVE_VIDEOS; i += 1) video(`Cam7_${stamp(i)}.mp4`, sharedFolder, `shared/${i}`);
    folderIds = [root, sharedFolder];
  });

  afterAll(async () => {
    s3.destroy();
    await google.close();
  });

  it('stores every video once, verified, explains every skip, and reports truthfully while it runs', { timeout: 600_000 }, async () => {
    // Arrange
    expect(itemCount).toBeGreaterThanOrEqual(3000);
    const { id: connectionId } = await connectGoogle(shop);

    // Act: create the source (its first sync starts) and poll the status as the page does.
    const created = await shop.call<SourceView>('POST', '/api/sources', {
      type: 'google_drive',
      name: 'Kho hàng',
      intervalMinutes: 60,
      config: { connectionId, folderIds },
    });
    expect(created.status).toBe(201);
    let settled = false;
    const settling = google.harness.stack.settle().then(() => {
      settled = true;
    });
    const fractions: number[] = [];
    const phases = new Set<string>();
    while (!settled) {
      const status = await shop.call<SourceStatusView>('GET', `/api/sources/${created.body.id}/status`);
      expect(status.status).toBe(200);
      const progress = status.body.progress;
      if (progress !== null) {
        phases.add(progress.phase);
        if (progress.planned !== null && progress.planned.files > 0) fractions.push(progress.filesStored / progress.planned.files);
      }
      // The page polls every 4 s while a run is busy; once a second still sees the bar move many times over.
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await settling;

    // Assess: every video stored once, and the stored bytes are the video's (size and MD5 in the object).
    const files: TrackedFileView[] = [];
    let pageToken: string | null = null;
    do {
      const query: string = `/api/sources/${created.body.id}/files?limit=500${pageToken ? `&pageToken=${pageToken}` : ''}`;
      const page = await shop.call<Paged<TrackedFileView>>('GET', query);
      files.push(...page.body.items);
      pageToken = page.body.nextPageToken;
    } while (pageToken !== null);
    const done = files.filter((f) => f.status === 'done');
    expect(new Set(done.map((f) => f.providerFileId))).toEqual(new Set(videoMd5.keys()));
    expect(new Set(done.map((f) => f.s3Key)).size).toBe(videoMd5.size);
    for (const file of done.filter((_, i) => i % 25 === 0)) {
      const head = await s3.send(new HeadObjectCommand({ Bucket: google.harness.stack.bucketName, Key: file.s3Key ?? '' }));
      expect(head.ContentLength).toBe(file.size);
      // Small files go up in one PUT, so the ETag is the bytes' MD5; the metadata is the MD5 Drive promised.
      expect(head.ETag?.replace(/"/g, '')).toBe(videoMd5.get(file.providerFileId));
      expect(head.Metadata?.['vtrack-md5']).toBe(videoMd5.get(file.providerFileId));
      expect(head.Metadata?.['vtrack-file-id']).toBe(file.providerFileId);
    }
    for (const key of done.map((f) => f.s3Key ?? '')) expect(Buffer.byteLength(key.split('/').at(-1) ?? '', 'utf8')).toBeLessThanOrEqual(255);
    // Every file not stored is explained, and none failed.
    const notDone = files.filter((f) => f.status !== 'done');
    expect(notDone.filter((f) => f.status === 'failed')).toEqual([]);
    for (const file of notDone) expect(file.reason ?? '').not.toBe('');
    // The run and the status end on the truth; the bar never went backwards.
    const [run] = (await shop.call<{ items: RunView[] }>('GET', `/api/sources/${created.body.id}/runs`)).body.items;
    expect(run).toMatchObject({ status: 'succeeded', filesDone: videoMd5.size, filesFailed: 0 });
    const final = await shop.call<SourceStatusView>('GET', `/api/sources/${created.body.id}/status`);
    expect(final.body.totals.files).toBe(videoMd5.size);
    expect(final.body.status).not.toBe('syncing');
    expect(fractions.length).toBeGreaterThan(0);
    for (let i = 1; i < fractions.length; i += 1) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1] ?? 0);
    expect(fractions.at(-1) ?? 0).toBeLessThanOrEqual(1);
    // No multipart upload left open.
    const open = await s3.send(new ListMultipartUploadsCommand({ Bucket: google.harness.stack.bucketName }));
    expect(open.Uploads ?? []).toEqual([]);
  });
});
