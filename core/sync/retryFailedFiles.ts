import { ConflictError } from '../errors';
import type { TrackedFileRepository } from '../ports/trackedFileRepository';
import type { TrackedFile } from './trackedFile';
import { requestSync, type RequestSyncDeps } from './requestSync';

const PAGE = 200;

/**
 * "Retry failed files": every failed file of the source goes back to pending
 * with its waits started over (permanent failures too: the tenant may have
 * fixed the file in Drive), and a sync is asked for. When none can start now
 * (one is running, the source is paused or needs reconnecting) the files wait
 * for the next run that can, and the message says so.
 */
export async function retryFailedFiles(
  deps: RequestSyncDeps & { readonly files: TrackedFileRepository },
  tenantId: string,
  sourceId: string,
): Promise<{ requeued: number; runId: string | null; message: string }> {
  const failed: TrackedFile[] = [];
  let pageToken: string | null = null;
  do {
    const page = await deps.files.listByStatus(tenantId, sourceId, 'failed', { limit: PAGE, pageToken });
    failed.push(...page.items);
    pageToken = page.nextPageToken;
  } while (pageToken !== null);
  const now = deps.clock.now().toISOString();
  let requeued = 0;
  for (const row of failed) if (await deps.files.requeueFailed(row, now, { resetRounds: true })) requeued += 1;
  if (requeued === 0) return { requeued, runId: null, message: 'No failed files to retry.' };
  const files = requeued === 1 ? '1 file' : `${requeued} files`;
  try {
    const { runId } = await requestSync(deps, tenantId, sourceId, 'manual');
    return { requeued, runId, message: `Retrying ${files} now.` };
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return { requeued, runId: null, message: `${files} will be retried by the next sync (${error.message}).` };
  }
}
