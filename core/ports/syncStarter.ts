import type { RunTrigger } from '../sync/syncRun';

export interface SyncRequest {
  readonly tenantId: string;
  readonly sourceId: string;
  readonly runId: string;
  readonly trigger: RunTrigger;
}

/**
 * Starts the sync-source state machine. Implementations must be idempotent per
 * runId (Step Functions: the execution name is the run id).
 */
export interface SyncStarter {
  start(request: SyncRequest): Promise<void>;
  /**
   * Where the run's execution is: still running, ended (with how), or unknown to
   * the engine (never started, or lost: a local stack that restarted).
   */
  executionStatus(runId: string): Promise<ExecutionStatus>;
}

export type ExecutionStatus = 'running' | 'succeeded' | 'failed' | 'timed_out' | 'aborted' | 'missing';
