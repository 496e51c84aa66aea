import { describe, expect, test } from 'vitest';
import type { PageRequest, TrackedFilePage, TrackedFileRepository } from '../../../../core/ports/trackedFileRepository';
import { cameraKey } from '../../../../core/cameras/cameraKey';
import { summarizeSource } from '../../../../core/sync/summarizeSource';
import type { TrackedFile, TrackedFileStatus } from '../../../../core/sync/trackedFile';

function row(n: number, status: TrackedFileStatus, cameraId: string | null, size: number): TrackedFile {
  return { providerFileId: `f${String(n).padStart(6, '0')}`, name: `${n}.mp4`, relativePath: `${n}.mp4`, status, cameraId, size, bytesTransferred: status === 'done' ? size : 0 } as TrackedFile; // the summary reads only these fields
}

/** A repository whose list() pages through `rows` as the DynamoDB one does (token = next index). */
function listing(rows: readonly TrackedFile[]): { repository: TrackedFileRepository; pagesRead: () => number } {
  let pages = 0;
  const list = async (_tenant: string, _source: string, page: PageRequest): Promise<TrackedFilePage> => {
    pages += 1;
    const from = Number(page.pageToken ?? 0);
    const to = from + page.limit;
    return { items: rows.slice(from, to), nextPageToken: to < rows.length ? String(to) : null };
  };
  return { repository: { list } as unknown as TrackedFileRepository, pagesRead: () => pages }; // only list() is used
}

describe('summarizeSource', () => {
  test('counts files by status and sums stored footage per camera, largest first, with files of no camera as null', async () => {
    // Prepare
    const rows = [
      row(1, 'done', 'cam1', 100),
      row(2, 'done', 'cam2', 300),
      row(3, 'done', 'cam1', 50),
      row(4, 'failed', 'cam1', 999),
      row(5, 'done', null, 7),
      row(6, 'transferring', 'cam2', 1_000),
      row(7, 'skipped', null, 1),
    ];

    // Act
    const summary = await summarizeSource(listing(rows).repository, 't', 's');

    // Assess
    expect(summary.cameras).toEqual([
      { cameraId: 'cam2', name: 'cam2', files: 1, bytes: 300 },
      { cameraId: 'cam1', name: 'cam1', files: 2, bytes: 150 },
      { cameraId: null, name: null, files: 1, bytes: 7 },
    ]);
    expect(summary.files).toEqual({ pending: 0, transferring: 1, done: 4, failed: 1, skipped: 1, removed: 0, expired: 0, unprocessable: 0 });
    expect(summary.bytesStored).toBe(457);
    expect(summary.transferring.map((file) => file.providerFileId)).toEqual(['f000006']);
    expect(summary.truncated).toBe(false);
  });

  test('names each camera as people know it: the tenant\'s rename, else the name it was found by', async () => {
    const rows = [
      { ...row(1, 'done', 'cam-1', 10), name: 'Cam 1_20250718_093000.mp4', relativePath: 'Cam 1_20250718_093000.mp4' },
      { ...row(2, 'done', cameraKey('Bàn đóng gói'), 10), name: 'clip.mp4', relativePath: 'Bàn đóng gói/2025-07-18/clip.mp4' },
    ];

    const summary = await summarizeSource(listing(rows).repository, 't', 's', { 'cam-1': 'Quầy 1' });

    expect(summary.cameras.map((camera) => camera.name).sort()).toEqual(['Bàn đóng gói', 'Quầy 1']);
  });

  test('stops after 25,000 files and says the figures are lower bounds', async () => {
    // Prepare
    const rows = Array.from({ length: 25_001 }, (_, i) => row(i, 'done', 'cam1', 1));
    const { repository, pagesRead } = listing(rows);

    // Act
    const summary = await summarizeSource(repository, 't', 's');

    // Assess
    expect(summary.truncated).toBe(true);
    expect(summary.files.done).toBe(25_000);
    expect(pagesRead()).toBe(50);
  });
});
