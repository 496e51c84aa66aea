import type { SyncState } from '../sync/syncState';

/** Where each source's sync stands at its provider. Implementations: DynamoDB (adapters/dynamodb). */
export interface SyncStateRepository {
  get(tenantId: string, sourceId: string): Promise<SyncState | null>;
  /** Records the cursor a run will commit if it settles every file. */
  setPending(tenantId: string, sourceId: string, runId: string, cursor: string): Promise<void>;
  /** pendingCursor → cursor, only if `runId` set it; false otherwise. */
  commit(tenantId: string, sourceId: string, runId: string, now: string): Promise<boolean>;
  /**
   * Moves the committed cursor on when a check found nothing for this source
   * among the changes: only if it is still `from` and no run has a cursor pending.
   */
  advanceIdle(tenantId: string, sourceId: string, from: string, to: string, now: string): Promise<boolean>;
  /** Forgets the cursor (the provider refused it): the next run lists everything. */
  reset(tenantId: string, sourceId: string): Promise<void>;
}
