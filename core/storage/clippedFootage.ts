import type { Clock } from '../ports/clock';
import type { ClippedFootageQueue } from '../ports/clippedFootageQueue';
import type { ObjectTagger } from '../ports/objectTagger';
import type { SourceRepository } from '../ports/sourceRepository';
import type { StorageLedger } from '../ports/storageLedger';
import type { TrackedFileRepository } from '../ports/trackedFileRepository';
import { processingSettingsOf } from '../sources/processingSettings';
import { FOOTAGE_CLIPPED_TAG, RETAIN_TAG_KEY } from './retentionTags';

/** A processed recording of a clips-only source whose next recording has not come expires this long after it was processed. */
export const CLIPS_ONLY_GRACE_MS = 24 * 3_600_000;

export interface ClippedFootageDeps {
  readonly ledger: Pick<StorageLedger, 'get' | 'setTag'>;
  readonly tagger: ObjectTagger;
  readonly queue: ClippedFootageQueue;
  readonly clock: Clock;
}

/** One recording a processing step settled, and whether the recording after it has been read too. */
export interface ClipsOnlyRecording {
  readonly providerFileId: string;
  readonly s3Key: string;
  /** The camera's next recording is processed (or could not be read): the order across their boundary is built. */
  readonly nextSettled: boolean;
}

/** Whether a source's footage goes once its clips are cut (only footage processing has read is ever tagged for it). */
export function isClipsOnly(config: object): boolean {
  return processingSettingsOf(config).keep === 'clips_only';
}

/**
 * Tags stored footage `footage-clipped`, the lifecycle class that expires one
 * day after storing (S3 in AWS, the sweeper locally); the ledger records the
 * tag, so a later re-tagging knows it. False when no footage is stored at `key`.
 */
export async function tagFootageClipped(deps: Pick<ClippedFootageDeps, 'ledger' | 'tagger'>, tenantId: string, key: string): Promise<boolean> {
  const entry = await deps.ledger.get(tenantId, key);
  if (entry === null || entry.kind !== 'footage') return false;
  if (entry.tag === FOOTAGE_CLIPPED_TAG) return true;
  if (!(await deps.tagger.setTags(key, { [RETAIN_TAG_KEY]: FOOTAGE_CLIPPED_TAG }))) return false;
  await deps.ledger.setTag(tenantId, key, FOOTAGE_CLIPPED_TAG);
  return true;
}

/**
 * The rule of `keep: clips_only` (docs/STORAGE.md): a processed recording's
 * footage expires once the recording after it is processed too (the order
 * that spans their boundary is then built from both halves), or 24 hours after
 * it was processed when no next recording has come. Until then it waits in
 * the queue the storage worker reads. Returns how many were tagged and how many wait.
 */
export async function settleClipsOnlyFootage(
  deps: ClippedFootageDeps,
  source: { readonly tenantId: string; readonly sourceId: string },
  recordings: readonly ClipsOnlyRecording[],
): Promise<{ clipped: number; waiting: number }> {
  const dueAt = new Date(deps.clock.now().getTime() + CLIPS_ONLY_GRACE_MS).toISOString();
  let clipped = 0;
  let waiting = 0;
  for (const recording of recordings) {
    const ref = { ...source, providerFileId: recording.providerFileId };
    if (!recording.nextSettled) {
      await deps.queue.wait({ ...ref, s3Key: recording.s3Key, dueAt });
      waiting += 1;
      continue;
    }
    if (await tagFootageClipped(deps, source.tenantId, recording.s3Key)) clipped += 1;
    await deps.queue.done(ref);
  }
  return { clipped, waiting };
}

/**
 * The storage worker's part for clips-only sources: recordings whose next one
 * did not come within the grace expire now, if their source still keeps clips
 * only and the same copy is still stored. Returns how many waits were settled.
 */
export async function expireWaitingFootage(
  deps: ClippedFootageDeps & { readonly sources: Pick<SourceRepository, 'get'>; readonly files: Pick<TrackedFileRepository, 'get'> },
  limit: number,
): Promise<number> {
  const due = await deps.queue.due(deps.clock.now().toISOString(), limit);
  for (const wait of due) {
    const source = await deps.sources.get(wait.tenantId, wait.sourceId);
    if (source !== null && isClipsOnly(source.config)) {
      const file = await deps.files.get(wait);
      if (file !== null && file.status === 'done' && file.s3Key === wait.s3Key) await tagFootageClipped(deps, wait.tenantId, wait.s3Key);
    }
    // Tagged, or nothing to do (switched back to keeping footage, replaced, deleted): it waits no more.
    await deps.queue.done(wait);
  }
  return due.length;
}
