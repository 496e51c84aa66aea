import type { Clock } from '../ports/clock';
import type { SourceRepository } from '../ports/sourceRepository';
import type { SyncStarter } from '../ports/syncStarter';
import type { ClaimedSource } from './claimDueSources';

/**
 * The dispatcher's second step, once per claimed source. If the sync machine
 * cannot be started, the claim is given back with the source due at once, so
 * the next dispatch tries again instead of waiting out the lease.
 */
export async function startClaimedSync(
  deps: { sources: SourceRepository; syncStarter: SyncStarter; clock: Clock },
  claimed: ClaimedSource,
): Promise<{ started: boolean; error?: string }> {
  try {
    await deps.syncStarter.start({ ...claimed, trigger: 'schedule' });
    return { started: true };
  } catch (error) {
    const now = deps.clock.now().toISOString();
    await deps.sources.release(claimed.tenantId, claimed.sourceId, claimed.runId, {
      status: 'idle',
      statusMessage: null,
      nextSyncAt: now,
      lastSyncAt: now,
    });
    return { started: false, error: error instanceof Error ? error.message : String(error) };
  }
}
