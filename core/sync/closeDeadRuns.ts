import type { ExecutionStatus, SyncStarter } from '../ports/syncStarter';
import type { ClaimedSourceRef } from '../ports/sourceRepository';
import { closeDeadRun, type CloseDeadRunDeps } from './closeDeadRun';
import { addMinutes } from './schedule';

/**
 * A claim younger than this is left alone: the dispatcher or "Sync now" may be
 * between claiming the source and starting its execution.
 */
export const DEAD_RUN_GRACE_MINUTES = 2;
/** Claims looked at per dispatch; the oldest first, the rest on the next tick. */
const MAX_CHECKED = 25;

export interface CloseDeadRunsDeps extends CloseDeadRunDeps {
  readonly syncStarter: SyncStarter;
}

export interface DeadRunSweep {
  readonly closed: readonly (ClaimedSourceRef & { readonly reason: string })[];
  /** Claims that could not be checked or closed this time (tried again next tick). */
  readonly errors: readonly { readonly ref: ClaimedSourceRef; readonly error: unknown }[];
}

/**
 * The dispatcher's sweep, every minute: each source claimed for longer than the
 * grace period whose run's execution is no longer running is closed as failed
 * (closeDeadRun), so no run stays "running" and no source stays claimed for
 * the rest of its 30-minute lease.
 */
export async function closeDeadRuns(deps: CloseDeadRunsDeps): Promise<DeadRunSweep> {
  const before = addMinutes(deps.clock.now().toISOString(), -DEAD_RUN_GRACE_MINUTES);
  const claims = await deps.sources.findClaimed(before, MAX_CHECKED);
  const closed: DeadRunSweep['closed'][number][] = [];
  const errors: DeadRunSweep['errors'][number][] = [];
  for (const ref of claims) {
    try {
      const status = await deps.syncStarter.executionStatus(ref.runId);
      if (status === 'running') continue;
      const reason = deadRunReason(status);
      await closeDeadRun(deps, ref, reason);
      closed.push({ ...ref, reason });
    } catch (error) {
      errors.push({ ref, error });
    }
  }
  return { closed, errors };
}

/** What the tenant reads on the run and the source. */
export function deadRunReason(status: Exclude<ExecutionStatus, 'running'>): string {
  const how: Record<typeof status, string> = {
    timed_out: 'the sync ran out of time before it finished',
    aborted: 'the sync was stopped before it finished',
    failed: 'the sync stopped without recording its outcome',
    succeeded: 'the sync stopped without recording its outcome',
    missing: 'the sync stopped unexpectedly (its worker was lost, for example by a restart)',
  };
  return `${how[status]}; the next sync continues where it stopped`;
}
