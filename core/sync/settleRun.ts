import type { TrackedFileRepository } from '../ports/trackedFileRepository';
import type { SyncStateRepository } from '../ports/syncStateRepository';
import type { TrackedFileStatus } from './trackedFile';

export interface RunSettlement {
  readonly filesDone: number;
  readonly filesFailed: number;
  readonly filesSkipped: number;
  readonly bytes: number;
  /** Files still pending or in transfer: the cursor stays where it was. */
  readonly unsettled: number;
  readonly cursorCommitted: boolean;
}

const PAGE = 200;

/**
 * Counts what a run did from the tracked files themselves (each file records the
 * run that last touched it), and commits the run's pending cursor only when no
 * file is left pending or in transfer: nothing a cursor covers is ever skipped.
 */
export async function settleRun(
  deps: { files: TrackedFileRepository; state: SyncStateRepository },
  run: { tenantId: string; sourceId: string; runId: string; startedAt: string },
  now: string,
): Promise<RunSettlement> {
  const touched = async (status: TrackedFileStatus): Promise<{ count: number; bytes: number }> => {
    let count = 0;
    let bytes = 0;
    let pageToken: string | null = null;
    do {
      const page = await deps.files.listByStatus(run.tenantId, run.sourceId, status, { limit: PAGE, pageToken });
      for (const row of page.items) {
        // Newest first: once rows predate the run, no later page can belong to it.
        if (row.updatedAt < run.startedAt) return { count, bytes };
        if (row.runId === run.runId) {
          count += 1;
          bytes += status === 'done' ? row.size ?? row.bytesTransferred : 0;
        }
      }
      pageToken = page.nextPageToken;
    } while (pageToken !== null);
    return { count, bytes };
  };
  const anyLeft = async (status: TrackedFileStatus): Promise<number> =>
    (await deps.files.listByStatus(run.tenantId, run.sourceId, status, { limit: 1 })).items.length;

  const [done, failed, skipped] = [await touched('done'), await touched('failed'), await touched('skipped')];
  const unsettled = (await anyLeft('pending')) + (await anyLeft('transferring'));
  const cursorCommitted = unsettled === 0 && (await deps.state.commit(run.tenantId, run.sourceId, run.runId, now));
  return { filesDone: done.count, filesFailed: failed.count, filesSkipped: skipped.count, bytes: done.bytes, unsettled, cursorCommitted };
}
