export interface RunRef {
  readonly tenantId: string;
  readonly sourceId: string;
  readonly runId: string;
}

/** What a run's processing did so far, shown in the run history while it runs and after. */
export interface RunProcessing {
  /** Files the run planned to process (its own new files and any backlog). */
  readonly todo: number;
  readonly processed: number;
  readonly unprocessable: number;
  /** Orders found (events written) by the run. */
  readonly events: number;
}

/** Processing counts on the run's record: set once planned, added to by each step. */
export interface RunProcessingProgress {
  planned(run: RunRef, todo: number): Promise<void>;
  add(run: RunRef, delta: Omit<RunProcessing, 'todo'>): Promise<void>;
}
