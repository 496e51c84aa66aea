import type { Clock } from '../ports/clock';
import type { IdGenerator } from '../ports/idGenerator';
import type { SourceRepository } from '../ports/sourceRepository';
import { edgeSourceTypes } from '../sources/sourceTypes';
import { claimLeaseUntil, MAX_CLAIMS_PER_DISPATCH } from './schedule';

export interface ClaimedSource {
  readonly tenantId: string;
  readonly sourceId: string;
  readonly runId: string;
}

/**
 * The dispatcher's first step: reads due sources from the index and claims each
 * with a conditional write on the nextSyncAt it saw. Two overlapping dispatches
 * read the same rows, but only one write per source can match, so each source
 * is started once. Edge sources (`onvif`, `local`) are pulled by the on-site
 * agent, not by the cloud: one found due is taken out of the index instead.
 * A source being deleted gets a step of its deletion instead.
 */
export async function claimDueSources(
  deps: {
    sources: SourceRepository;
    clock: Clock;
    ids: IdGenerator;
    /** A step of a deletion under way (continueDeletion); without it such sources wait. */
    continueDeletion?: (tenantId: string, sourceId: string) => Promise<void>;
  },
  limit: number = MAX_CLAIMS_PER_DISPATCH,
): Promise<ClaimedSource[]> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const due = await deps.sources.findDue(nowIso, limit);
  const claimed: ClaimedSource[] = [];
  for (const candidate of due) {
    if (candidate.status === 'deleting') {
      // Deleted by its tenant: a step of the deletion instead of a sync; it stays due until done.
      await deps.continueDeletion?.(candidate.tenantId, candidate.sourceId);
      continue;
    }
    if (edgeSourceTypes.includes(candidate.type)) {
      // No cloud worker pulls it (the edge agent does): out of the due index, never a sync-source execution.
      await deps.sources.unschedule(candidate.tenantId, candidate.sourceId, candidate.nextSyncAt);
      continue;
    }
    const runId = deps.ids.newTimeOrderedId('run', now);
    const won = await deps.sources.claim(
      candidate.tenantId,
      candidate.sourceId,
      { runId, claimedAt: nowIso, leaseUntil: claimLeaseUntil(nowIso) },
      candidate.nextSyncAt,
    );
    if (won) claimed.push({ tenantId: candidate.tenantId, sourceId: candidate.sourceId, runId });
  }
  return claimed;
}
