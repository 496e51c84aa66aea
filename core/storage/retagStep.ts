import type { Clock } from '../ports/clock';
import type { ObjectTagger } from '../ports/objectTagger';
import type { SourceRepository } from '../ports/sourceRepository';
import type { StorageLedger } from '../ports/storageLedger';
import { isClipsOnly } from './clippedFootage';
import type { RetagJob, StorageSettingsRepository } from '../ports/storageSettingsRepository';
import { resolveRetention } from './retention';
import { usageDay } from './usageDay';
import { FOOTAGE_CLIPPED_TAG, HOLD_TAG, RETAIN_TAG_KEY, retentionTagFor } from './retentionTags';

export interface RetagDeps {
  readonly ledger: StorageLedger;
  readonly tagger: ObjectTagger;
  readonly settings: StorageSettingsRepository;
  readonly clock: Clock;
  /** Which sources keep clips only: their footage tagged `footage-clipped` stays so; any other source's goes back to its class. */
  readonly sources: Pick<SourceRepository, 'list'>;
}

/** A fresh job for the settings' generation, starting at the first object. */
export function newRetagJob(tenantId: string, generation: number, total: number, now: string): RetagJob {
  return { tenantId, generation, state: 'running', cursor: null, checked: 0, retagged: 0, total, startedAt: now, updatedAt: now };
}

/**
 * Starts (or starts over) the tenant's re-tagging for its current settings and
 * runs its first batch, so progress shows at once; the storage worker does the rest.
 */
export async function startRetagJob(deps: RetagDeps, tenantId: string, inlineBatch: number): Promise<RetagJob | null> {
  const now = deps.clock.now();
  const settings = await deps.settings.get(tenantId);
  const totals = (await deps.ledger.usage(tenantId, usageDay(now), usageDay(now))).totals;
  await deps.settings.putJob(newRetagJob(tenantId, settings.generation, totals.footageFiles + totals.clipFiles, now.toISOString()));
  return retagStep(deps, tenantId, inlineBatch);
}

/**
 * One bounded batch of a tenant's re-tagging: the next `batch` ledger entries
 * after the job's cursor get the tag the current settings give them (a clip
 * under a keep flag stays `hold`, clipped footage of a source that keeps
 * clips only stays `footage-clipped`), and the cursor moves on; so a job cut off
 * anywhere goes on from its last batch. Entries already right are not touched.
 * A job of an older generation starts over for the newest settings.
 */
export async function retagStep(deps: RetagDeps, tenantId: string, batch: number): Promise<RetagJob | null> {
  const stored = await deps.settings.getJob(tenantId);
  if (stored === null || stored.state === 'done') return stored;
  const settings = await deps.settings.get(tenantId);
  const job = stored.generation === settings.generation ? stored : newRetagJob(tenantId, settings.generation, stored.total, deps.clock.now().toISOString());
  // One more than the batch: whether anything is left is known without another round.
  const page = await deps.ledger.page(tenantId, '', job.cursor, batch + 1);
  const entries = page.entries.slice(0, batch);
  const lastKey = entries.at(-1)?.key ?? null;
  let retagged = 0;
  const clipsOnly = new Set((await deps.sources.list(tenantId)).filter((source) => isClipsOnly(source.config)).map((source) => source.id));
  for (const entry of entries) {
    const hold = entry.tag === HOLD_TAG;
    const clipped = entry.kind === 'footage' && entry.tag === FOOTAGE_CLIPPED_TAG && clipsOnly.has(entry.sourceId);
    const wanted = clipped ? FOOTAGE_CLIPPED_TAG : retentionTagFor(entry.kind, resolveRetention(settings.retention, settings.sources[entry.sourceId]), hold);
    if (wanted === entry.tag) continue;
    // A missing object (deleted meanwhile) needs no tag; its expiry or deletion takes the entry away.
    if (await deps.tagger.setTags(entry.key, { [RETAIN_TAG_KEY]: wanted })) {
      await deps.ledger.setTag(tenantId, entry.key, wanted);
      retagged += 1;
    }
  }
  const finished = page.entries.length <= batch;
  const next: RetagJob = {
    ...job,
    state: finished ? 'done' : 'running',
    cursor: lastKey ?? job.cursor,
    checked: job.checked + entries.length,
    retagged: job.retagged + retagged,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.settings.putJob(next);
  return next;
}
