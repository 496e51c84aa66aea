import type { SourceSummaryView } from '../api/sourcesApi';
import type { TrackedFileRepository } from '../ports/trackedFileRepository';
import { cameraNameOf } from '../cameras/cameraNameOf';
import { trackedFileStatuses, type TrackedFileStatus } from './trackedFile';

const PAGE = 500;
const MAX_PAGES = 50;

/**
 * Counts a source's tracked files by status and its stored footage per camera,
 * for the source page: one paged read of the files (up to 25,000), no counters
 * to keep in step on every transfer.
 */
export async function summarizeSource(
  files: TrackedFileRepository,
  tenantId: string,
  sourceId: string,
  renames: Readonly<Record<string, string>> = {},
): Promise<SourceSummaryView> {
  const counts = Object.fromEntries(trackedFileStatuses.map((status) => [status, 0])) as Record<TrackedFileStatus, number>;
  const cameras = new Map<string | null, { name: string | null; files: number; bytes: number }>();
  const transferring: SourceSummaryView['transferring'][number][] = [];
  let bytesStored = 0;
  let pageToken: string | null = null;
  let pages = 0;
  do {
    const page = await files.list(tenantId, sourceId, { limit: PAGE, pageToken });
    for (const row of page.items) {
      counts[row.status] += 1;
      if (row.status === 'transferring') {
        transferring.push({ providerFileId: row.providerFileId, name: row.name, size: row.size, bytesTransferred: row.bytesTransferred });
      }
      if (row.status !== 'done') continue;
      const bytes = row.size ?? row.bytesTransferred;
      bytesStored += bytes;
      const camera = cameras.get(row.cameraId) ?? { name: cameraNameOf(row, renames), files: 0, bytes: 0 };
      camera.files += 1;
      camera.bytes += bytes;
      cameras.set(row.cameraId, camera);
    }
    pageToken = page.nextPageToken;
    pages += 1;
  } while (pageToken !== null && pages < MAX_PAGES);
  return {
    files: counts,
    bytesStored,
    cameras: [...cameras.entries()].map(([cameraId, c]) => ({ cameraId, ...c })).sort((a, b) => b.bytes - a.bytes),
    transferring,
    truncated: pageToken !== null,
  };
}
