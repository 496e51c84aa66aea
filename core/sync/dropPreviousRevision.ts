import type { FootageCleaner } from '../ports/footageCleaner';
import type { ObjectKeyClaims } from '../ports/objectKeyClaims';
import type { TrackedFileRef, TrackedFileRepository } from '../ports/trackedFileRepository';

export interface DropPreviousRevisionDeps {
  readonly files: TrackedFileRepository;
  readonly footage: Pick<FootageCleaner, 'deleteObject'>;
  readonly keys: ObjectKeyClaims;
}

/**
 * Once a renamed and changed file's new revision is stored (`done`), the copy
 * of its earlier revision under the old key goes: the object is deleted, the
 * key given back (only if this file still holds it, so no other file's object
 * is ever touched), and `previousS3Key` cleared last, so a failure on the way
 * is tried again by the next call. Returns whether anything was dropped.
 */
export async function dropPreviousRevision(deps: DropPreviousRevisionDeps, ref: TrackedFileRef): Promise<boolean> {
  const row = await deps.files.get(ref);
  const previous = row?.previousS3Key;
  if (row === null || row.status !== 'done' || previous == null) return false;
  if (previous !== row.s3Key) {
    await deps.footage.deleteObject(previous);
    await deps.keys.release(ref.tenantId, ref.sourceId, previous, ref.providerFileId);
  }
  await deps.files.forgetPreviousKey(ref, previous);
  return true;
}
