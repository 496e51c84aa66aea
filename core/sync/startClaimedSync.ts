import type { Clock } from '../ports/clock';
import type { SourceRepository } from '../ports/sourceRepository';
import type { SyncStarter } from '../ports/syncStarter';
import type { ChangeCheck } from './checkForChanges';
import type { ClaimedSource } from './claimDueSources';
import { nextSyncAfter } from './schedule';

export interface StartClaimedSyncDeps {
  readonly sources: SourceRepository;
  readonly syncStarter: SyncStarter;
  readonly clock: Clock;
  /** The cheap poll for sources that have one; absent or failing means "run". */
  readonly checkForChanges?: (claimed: ClaimedSource) => Promise<ChangeCheck | null>;
}

export type StartOutcome =
  | { readonly started: true }
  | { readonly started: false; readonly idle: true }
  | { readonly started: false; readonly idle: false; readonly error: string };

/**
 * The dispatcher's second step, once per claimed source. A source whose
 * provider reports nothing new is rescheduled without a sync-source execution
 * (that is what keeps an idle source cheap). If the machine cannot be started,
 * the claim is given back with the source due at once, so the next dispatch
 * tries again instead of waiting out the lease.
 */
export async function startClaimedSync(deps: StartClaimedSyncDeps, claimed: ClaimedSource): Promise<StartOutcome> {
  const now = deps.clock.now().toISOString();
  let check: ChangeCheck | null = null;
  try {
    check = (await deps.checkForChanges?.(claimed)) ?? null;
  } catch {
    // A failed check decides nothing: the run will meet the same problem and record it.
    check = null;
  }
  if (check?.needsRun === false) {
    const source = await deps.sources.get(claimed.tenantId, claimed.sourceId);
    await deps.sources.release(claimed.tenantId, claimed.sourceId, claimed.runId, {
      status: 'idle',
      statusMessage: null,
      nextSyncAt: nextSyncAfter(now, source?.intervalMinutes ?? 15),
      lastSyncAt: now,
    });
    return { started: false, idle: true };
  }
  try {
    await deps.syncStarter.start({ ...claimed, trigger: 'schedule' });
    return { started: true };
  } catch (error) {
    await deps.sources.release(claimed.tenantId, claimed.sourceId, claimed.runId, {
      status: 'idle',
      statusMessage: null,
      nextSyncAt: now,
      lastSyncAt: now,
    });
    return { started: false, idle: false, error: error instanceof Error ? error.message : String(error) };
  }
}
