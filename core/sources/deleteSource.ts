import { NotFoundError } from '../errors';
import type { Identity } from '../identity/identity';
import type { Clock } from '../ports/clock';
import type { FootageCleaner } from '../ports/footageCleaner';
import type { ObjectStore } from '../ports/objectStore';
import type { SourceRepository } from '../ports/sourceRepository';
import type { TrackedFileRepository } from '../ports/trackedFileRepository';
import { abandonTransfer } from '../transfer/abandonTransfer';

export interface DeleteSourceDeps {
  readonly sources: SourceRepository;
  readonly files: TrackedFileRepository;
  readonly objectStore: ObjectStore;
  readonly footage: FootageCleaner;
  readonly clock: Clock;
}

const PAGE = 200;

/**
 * Deletes a source: it leaves the schedule at once (a run under way finds it
 * gone and stops), unfinished uploads are aborted, and the footage is deleted
 * only when the tenant chose so — by default it is kept.
 */
export async function deleteSource(
  deps: DeleteSourceDeps,
  identity: Identity,
  sourceId: string,
  options: { keepFootage: boolean },
): Promise<{ deletedObjects: number; abortedUploads: number }> {
  const source = await deps.sources.get(identity.tenantId, sourceId);
  if (source === null) throw new NotFoundError('source not found', { context: { sourceId } });
  await deps.sources.delete(identity.tenantId, sourceId);
  let abortedUploads = 0;
  for (const status of ['transferring', 'pending'] as const) {
    let pageToken: string | null = null;
    do {
      const page = await deps.files.listByStatus(identity.tenantId, sourceId, status, { limit: PAGE, pageToken });
      for (const row of page.items) {
        if (row.checkpoint === null) continue;
        const { abortedUploadId } = await abandonTransfer(deps, { tenantId: identity.tenantId, sourceId, providerFileId: row.providerFileId });
        if (abortedUploadId !== null) abortedUploads += 1;
      }
      pageToken = page.nextPageToken;
    } while (pageToken !== null);
  }
  const deletedObjects = options.keepFootage ? 0 : await deps.footage.deletePrefix(`${identity.tenantId}/${sourceId}/`);
  return { deletedObjects, abortedUploads };
}
