import type { RunProcessing } from '../ports/runProcessingProgress';
import type { RunErrorCode } from './runErrorCodes';

/**
 * Why a run started: the scheduler, the tenant's "Sync now", the source's
 * creation, or (`agent`) an edge agent delivering a file it processed on site.
 */
export type RunTrigger = 'schedule' | 'manual' | 'initial' | 'agent';
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
  /** What kind of trouble `error` tells of, for pages in other languages; absent on runs recorded before codes. */
  readonly errorCode?: RunErrorCode | null;
  /** What the run's listing found to transfer; absent while it is still listing. */
  readonly planned?: RunPlanned;
  /** Files settled so far while the run goes on (FinishRun's counts replace these at the end). */
  readonly progress?: RunProgress;
  /** What the run's processing step did; absent when the source's processing was off. */
  readonly processing?: RunProcessing;
}

/** Files (and their bytes) a run set out to transfer once its listing was done. */
export interface RunPlanned {
  readonly files: number;
  readonly bytes: number;
}

/** A running run's stored files, counted as each one is stored. */
export interface RunProgress {
  readonly storedFiles: number;
  readonly storedBytes: number;
}

/** What a finished run reports; counts are totals for the run, not deltas. */
export interface RunOutcome {
  readonly status: Exclude<RunStatus, 'running'>;
  readonly filesDone: number;
  readonly filesFailed: number;
  readonly filesSkipped: number;
  readonly bytes: number;
  readonly error: string | null;
  /** The kind of trouble `error` tells of (runErrorCodes.ts); left out, finishRun reads it from the words of `error`. */
  readonly errorCode?: RunErrorCode | null;
}

/** A run as it starts: running, nothing counted yet. */
export function startingRun(run: Pick<SyncRun, 'tenantId' | 'sourceId' | 'id' | 'trigger' | 'startedAt'> & Pick<Partial<SyncRun>, 'processing'>): SyncRun {
  return { ...run, status: 'running', finishedAt: null, filesDone: 0, filesFailed: 0, filesSkipped: 0, bytes: 0, durationMs: null, error: null };
}
