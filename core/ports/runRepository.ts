import type { RunOutcome, SyncRun } from '../sync/syncRun';

/** Sync runs of a source. Writes are idempotent: a retried step changes nothing twice. */
export interface RunRepository {
  /** Records a started run; a second call with the same id returns the stored run. */
  start(run: SyncRun): Promise<SyncRun>;
  /** Finishes a running run; a second call returns the already finished run unchanged. */
  finish(tenantId: string, sourceId: string, runId: string, outcome: RunOutcome, finishedAt: string): Promise<SyncRun>;
  get(tenantId: string, sourceId: string, runId: string): Promise<SyncRun | null>;
  /** Newest first. */
  listRecent(tenantId: string, sourceId: string, limit: number): Promise<SyncRun[]>;
}
