/** Why a run started: the scheduler, the tenant's "Sync now", or the source's creation. */
export type RunTrigger = 'schedule' | 'manual' | 'initial';
export type RunStatus = 'running' | 'succeeded' | 'failed';

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
  /** What the run's listing found to transfer; absent while it is still listing. */
  readonly planned?: RunPlanned;
  /** Files settled so far while the run goes on (FinishRun's counts replace these at the end). */
  readonly progress?: RunProgress;
}

/** Files (and their bytes) a run set out to transfer once its listing was done. */
export interface RunPlanned {
  readonly files: number;
  readonly bytes: number;
}

/** A running run's settled files, counted as each one settles. */
export interface RunProgress {
  readonly storedFiles: number;
  readonly storedBytes: number;
  readonly failedFiles: number;
  /** Sizes of the files that failed: settled too, so the progress bar can reach its end. */
  readonly failedBytes: number;
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
