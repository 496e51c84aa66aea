import { edgeClipPrefix } from '../edge/agentObjectKeys';
import type { Clock } from '../ports/clock';
import type { EventRepository } from '../ports/eventRepository';
import type { FileProcessingRepository } from '../ports/fileProcessingRepository';
import type { FootageCleaner } from '../ports/footageCleaner';
import type { ObjectStore } from '../ports/objectStore';
import type { SourceItemsPurger } from '../ports/sourceItemsPurger';
import type { SourceRepository } from '../ports/sourceRepository';
import type { TrackedFileRepository } from '../ports/trackedFileRepository';
import { FILE_REASONS } from '../sync/fileReasons';
import { removedRow } from '../sync/planTrackedFile';
import type { TrackedFileStatus } from '../sync/trackedFile';
import { abandonTransfer } from '../transfer/abandonTransfer';
import type { SourceDeletion } from './source';

export interface ContinueDeletionDeps {
  readonly sources: SourceRepository;
  readonly files: TrackedFileRepository;
  readonly objectStore: ObjectStore;
  readonly footage: FootageCleaner;
  readonly purger: SourceItemsPurger;
  readonly clock: Clock;
  /** The source's found orders go with it, whatever happens to its footage. */
  readonly events: Pick<EventRepository, 'deleteBySource'>;
  readonly processingRecords: Pick<FileProcessingRepository, 'deleteBySource'>;
}

export type DeletionProgress = SourceDeletion & { readonly done: boolean };

const PAGE = 100;
const REASON = FILE_REASONS.source_deleted;
/** Every status a file can leave for `removed`; transferring first, so running transfers stop soonest. */
const LIVE_STATUSES: readonly TrackedFileStatus[] = ['transferring', 'pending', 'failed', 'done', 'skipped', 'unprocessable'];

/**
 * One bounded step of deleting a source (status `deleting`), run by the DELETE
 * request and then by the dispatcher every tick until it is done:
 * 1. every tracked file is marked removed, which ends any transfer claim, so a
 *    run under way stops at its next file or part, and its upload is aborted;
 * 2. while a run still holds the source, the rest waits: that run's FinishRun
 *    makes the source due at once, and the dispatcher comes back;
 * 3. then, nothing can land any more: open uploads under the source's prefix
 *    are aborted, and, unless the footage is kept, every object under the
 *    prefix (footage landed late included) and every item of the source go;
 *    its orders (events: by id, by code, on the time line), its processing
 *    records and its clips (`_clips/`, and `<tenant>/clips/<source>/` for
 *    clips cut on site) go in every case, before the purge (the
 *    time-line copies are how its events are found);
 * 4. the source itself goes last, so a step that fails is simply run again.
 * Stops early at `deadlineMs` with its progress saved. Null: the source is gone.
 */
export async function continueDeletion(
  deps: ContinueDeletionDeps,
  tenantId: string,
  sourceId: string,
  deadlineMs: number,
): Promise<DeletionProgress | null> {
  const source = await deps.sources.get(tenantId, sourceId);
  if (source === null) return null;
  const now = (): string => deps.clock.now().toISOString();
  let progress: SourceDeletion = source.deletion ?? { keepFootage: true, requestedAt: source.updatedAt, filesRemoved: 0, objectsDeleted: 0 };
  const save = async (done: boolean): Promise<DeletionProgress> => {
    if (!done) {
      const message = `Being deleted: ${progress.filesRemoved} files removed${progress.keepFootage ? '' : `, ${progress.objectsDeleted} stored objects deleted`} so far`;
      await deps.sources.update(tenantId, sourceId, { deletion: progress, statusMessage: message, statusMessageCode: 'being_deleted' }, now());
    }
    return { ...progress, done };
  };

  for (const status of LIVE_STATUSES) {
    for (;;) {
      const page = await deps.files.listByStatus(tenantId, sourceId, status, { limit: PAGE });
      if (page.items.length === 0) break;
      for (const row of page.items) {
        await deps.files.upsert(removedRow(row, REASON, row.runId ?? 'deletion', now()));
        await abandonTransfer(deps, row);
        progress = { ...progress, filesRemoved: progress.filesRemoved + 1 };
        if (deps.clock.now().getTime() >= deadlineMs) return save(false);
      }
    }
  }

  const current = await deps.sources.get(tenantId, sourceId);
  if (current === null) return null;
  if (current.claim !== null && current.claim.leaseUntil > now()) return save(false);

  const prefix = `${tenantId}/${sourceId}/`;
  await deps.footage.abortUploads(prefix);
  await deps.footage.abortUploads(edgeClipPrefix(tenantId, sourceId));
  await deps.events.deleteBySource(tenantId, sourceId);
  await deps.processingRecords.deleteBySource(tenantId, sourceId);
  await deps.footage.deletePrefix(`${prefix}_clips/`);
  // Clips cut on site (an agent's folder or camera) are kept apart from the source's prefix.
  await deps.footage.deletePrefix(edgeClipPrefix(tenantId, sourceId));
  if (progress.keepFootage) {
    await deps.footage.deletePrefix(`${prefix}_runs/`);
  } else {
    progress = { ...progress, objectsDeleted: progress.objectsDeleted + (await deps.footage.deletePrefix(prefix)) };
    await deps.purger.purge(tenantId, sourceId);
  }
  await deps.sources.delete(tenantId, sourceId).catch(() => undefined);
  return { ...progress, done: true };
}
