import type { TrackedFileRepository } from '../ports/trackedFileRepository';
import { isRetryDue } from './retryPolicy';
import type { StorageProvider } from '../providers/storageProvider';
import type { FolderIndexRepository } from '../ports/folderIndexRepository';
import type { SyncStateRepository } from '../ports/syncStateRepository';

export type ChangeCheck =
  /** Nothing in the source changed: the cursor moved on, no run is needed. */
  | { readonly needsRun: false }
  | { readonly needsRun: true; readonly why: string };

/** Beyond this many changes a check stops judging and lets a run sort them out. */
const MAX_CHANGES_JUDGED = 200;

/**
 * The cheap poll: one changes.list call with the committed cursor, judged
 * against the source's folders and files. Only when something in the source
 * changed (or work is left over) does the scheduler start a sync-source
 * execution; an idle source costs a Lambda call and a few DynamoDB requests.
 * When in doubt it answers "run", which is always safe.
 */
export async function checkForChanges(
  deps: { provider: StorageProvider; state: SyncStateRepository; folders: FolderIndexRepository; files: TrackedFileRepository },
  source: { tenantId: string; sourceId: string; rootFolderIds: readonly string[] },
  now: string,
): Promise<ChangeCheck> {
  const state = await deps.state.get(source.tenantId, source.sourceId);
  if (state?.cursor == null) return { needsRun: true, why: 'first sync' };
  if (state.pendingCursor !== null) return { needsRun: true, why: 'an earlier run left work to finish' };
  for (const status of ['pending', 'transferring'] as const) {
    const page = await deps.files.listByStatus(source.tenantId, source.sourceId, status, { limit: 1 });
    if (page.items.length > 0) return { needsRun: true, why: `files are ${status}` };
  }
  if (await anyRetryDue(deps.files, source, now)) return { needsRun: true, why: 'a failed file is due to be tried again' };
  const page = await deps.provider.listChanges(state.cursor);
  if (page.newCursor === null || page.changes.length > MAX_CHANGES_JUDGED) return { needsRun: true, why: 'many changes' };
  if (page.changes.length > 0) {
    const inScope = new Set([...source.rootFolderIds, ...(await deps.folders.list(source.tenantId, source.sourceId)).map((f) => f.id)]);
    for (const change of page.changes) {
      if (inScope.has(change.fileId)) return { needsRun: true, why: 'a chosen folder changed' };
      if (change.entry?.parentIds.some((id) => inScope.has(id))) return { needsRun: true, why: 'something in a chosen folder changed' };
      const tracked = await deps.files.get({ tenantId: source.tenantId, sourceId: source.sourceId, providerFileId: change.fileId });
      if (tracked !== null) return { needsRun: true, why: 'a tracked file changed' };
    }
  }
  // Nothing here concerns this source. If a run started meanwhile, leave the cursor to it.
  return (await deps.state.advanceIdle(source.tenantId, source.sourceId, state.cursor, page.newCursor, now))
    ? { needsRun: false }
    : { needsRun: true, why: 'the cursor moved meanwhile' };
}

async function anyRetryDue(files: TrackedFileRepository, source: { tenantId: string; sourceId: string }, now: string): Promise<boolean> {
  let pageToken: string | null = null;
  do {
    const page = await files.listByStatus(source.tenantId, source.sourceId, 'failed', { limit: 200, pageToken });
    if (page.items.some((row) => isRetryDue(row, now))) return true;
    pageToken = page.nextPageToken;
  } while (pageToken !== null);
  return false;
}
