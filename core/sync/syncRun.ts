import type { RunProcessing } from '../ports/runProcessingProgress';

/** Why a run started: the scheduler, the tenant's "Sync now", or the source's creation. */
export type RunTrigger = 'schedule' | 'manual' | 'initial';
export type RunStatus = 'running' | 'succeeded' | 'failed';
/**
 * How a run went, as tenants read it: a run the machine finished (`succeeded`)
 * whose files did not all make it `finished_with_problems`, never a plain success.
 */
export type RunResult = 'running' | 'succeeded' | 'finished_with_problems' | 'failed';

export function runResultOf(run: { readonly status: RunStatus; readonly filesFailed: number }): RunResult {
  return run.status === 'succeeded' && run.filesFailed > 0 ? 'finished_with_problems' : run.status;
}

/** One execution of the sync-source machine for one source. */
export interface SyncRun {
  readonly tenantId: string;
  readonly sourceId: string;
  readonly id: string;
  readonly trigger: RunTrigger;
  readonly status: RunStatus;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly filesDone: number;
  readonly filesFailed: number;
  readonly filesSkipped: number;
  readonly bytes: number;
  readonly durationMs: number | null;
  readonly error: string | null;
  /** What the run's processing step did; absent when the source's processing was off. */
  readonly processing?: RunProcessing;
}

/** What a finished run reports; counts are totals for the run, not deltas. */
export interface RunOutcome {
  readonly status: Exclude<RunStatus, 'running'>;
  readonly filesDone: number;
  readonly filesFailed: number;
  readonly filesSkipped: number;
  readonly bytes: number;
  readonly error: string | null;
}
