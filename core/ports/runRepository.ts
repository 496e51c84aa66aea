import type { RunProcessing } from './runProcessingProgress';
import type { RunOutcome, RunPlanned, RunProgress, SyncRun } from '../sync/syncRun';

/** One file an agent delivered (or reported unprocessable), added to the run that groups its deliveries. */
export interface AgentRunDelivery {
  /** Stable per file and outcome: the same delivery added again is not counted twice. */
  readonly key: string;
  /**
   * When it was recorded: the run's finishedAt (and its duration) move on to it.
   * Null for a delivery counted after its run's hour (the agent sent an earlier
   * hour's delivery again late): its counts are added, the run's end stays.
   */
  readonly at: string | null;
  readonly filesDone: number;
  readonly filesSkipped: number;
  readonly bytes: number;
  readonly processing: RunProcessing;
}

/** Sync runs of a source. Writes are idempotent: a retried step changes nothing twice. */
export interface RunRepository {
  /** Records a started run; a second call with the same id returns the stored run. */
  start(run: SyncRun): Promise<SyncRun>;
  /** Finishes a running run; a second call returns the already finished run unchanged. */
  finish(tenantId: string, sourceId: string, runId: string, outcome: RunOutcome, finishedAt: string): Promise<SyncRun>;
  /** Records what the run's listing found to transfer and starts its live progress at zero (a retried plan keeps progress made). */
  recordPlan(tenantId: string, sourceId: string, runId: string, planned: RunPlanned): Promise<void>;
  /** Adds settled files to a running run's live progress; does nothing for a run that is not running or has no plan. */
  addProgress(tenantId: string, sourceId: string, runId: string, delta: Partial<RunProgress>): Promise<void>;
  /**
   * Adds one delivery's counts to a finished agent run (core/agents/agentRunFor.ts) and moves its end to
   * `delivery.at` (never back: a delivery recorded before the run's end leaves it); false when that delivery's key was added before (nothing changes). NotFoundError without the run.
   */
  addAgentDelivery(tenantId: string, sourceId: string, runId: string, delivery: AgentRunDelivery): Promise<boolean>;
  get(tenantId: string, sourceId: string, runId: string): Promise<SyncRun | null>;
  /** Newest first. */
  listRecent(tenantId: string, sourceId: string, limit: number): Promise<SyncRun[]>;
}
