import type { Clock } from '../ports/clock';
import type { IdGenerator } from '../ports/idGenerator';
import type { SourceRepository } from '../ports/sourceRepository';
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
 * is started once.
 */
export async function claimDueSources(
  deps: { sources: SourceRepository; clock: Clock; ids: IdGenerator },
  limit: number = MAX_CLAIMS_PER_DISPATCH,
): Promise<ClaimedSource[]> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const due = await deps.sources.findDue(nowIso, limit);
  const claimed: ClaimedSource[] = [];
  for (const candidate of due) {
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
