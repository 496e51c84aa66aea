import type { Source, SourceClaim, SourceDeletion } from '../sources/source';
import type { SourceStatus, SourceType } from '../sources/sourceTypes';
import type { SourceConfig } from '../sources/sourceSchemas';
import type { SourceMessageCode } from '../sync/runErrorCodes';

export interface DueSource {
  readonly tenantId: string;
  readonly sourceId: string;
  readonly nextSyncAt: string;
  readonly type: SourceType;
  /** `deleting`: the dispatcher continues the deletion instead of starting a sync. */
  readonly status?: SourceStatus;
}

/** A source held by a run's claim. */
export interface ClaimedSourceRef {
  readonly tenantId: string;
  readonly sourceId: string;
  readonly runId: string;
  readonly claimedAt: string;
}

export interface SourceChanges {
  readonly name?: string;
  readonly intervalMinutes?: number;
  readonly config?: SourceConfig;
  readonly status?: SourceStatus;
  readonly statusMessage?: string | null;
  /** What `statusMessage` is about; written with it (a message set without one has none). */
  readonly statusMessageCode?: SourceMessageCode | null;
  readonly nextSyncAt?: string | null;
  readonly deletion?: SourceDeletion;
}

export interface RunRelease {
  readonly status: SourceStatus;
  readonly statusMessage: string | null;
  readonly statusMessageCode?: SourceMessageCode | null;
  readonly nextSyncAt: string | null;
  readonly lastSyncAt: string;
  /** Added to the source's totals in the same write (a run's new files and bytes). */
  readonly addTotals?: { readonly files: number; readonly bytes: number };
}

/** A run an edge agent's delivery made: the source's last run, and what it stored. */
export interface AgentRunRecord {
  readonly runId: string;
  /** When the delivery was recorded: the source's lastSyncAt. */
  readonly at: string;
  /** Added to the source's totals in the same write. */
  readonly addTotals: { readonly files: number; readonly bytes: number };
}

/** Sources and their scheduling state. Implementations: DynamoDB (adapters/dynamodb). */
export interface SourceRepository {
  /** Fails with ConflictError if the id exists. */
  create(source: Source): Promise<void>;
  get(tenantId: string, sourceId: string): Promise<Source | null>;
  list(tenantId: string): Promise<Source[]>;
  /** Applies changes to an existing source; NotFoundError if it is gone. */
  update(tenantId: string, sourceId: string, changes: SourceChanges, now: string): Promise<Source>;
  /** Removes the source; NotFoundError if it is gone. */
  delete(tenantId: string, sourceId: string): Promise<void>;
  /** Sources whose nextSyncAt is at or before `now`, oldest first, from the due index. */
  findDue(now: string, limit: number): Promise<DueSource[]>;
  /**
   * Marks the source as syncing under `claim`, only if no live claim holds it and
   * it is not paused, awaiting re-auth or being deleted. With `expectedNextSyncAt`, also only if
   * nextSyncAt still has the value the caller saw, so two dispatchers that read the
   * same due source cannot both claim it. Returns false when the condition fails.
   */
  claim(tenantId: string, sourceId: string, claim: SourceClaim, expectedNextSyncAt?: string): Promise<boolean>;
  /** Takes a source out of the due index if nextSyncAt still has the value seen; false otherwise. */
  unschedule(tenantId: string, sourceId: string, expectedNextSyncAt: string): Promise<boolean>;
  /** Sources claimed before `claimedBefore` and still held, oldest claim first (the claims index). */
  findClaimed(claimedBefore: string, limit: number): Promise<ClaimedSourceRef[]>;
  /**
   * Records that the run holding the claim has begun, as the source's last run
   * (a claim that ends in an idle check never becomes a run, so it is not named).
   */
  recordRunStarted(tenantId: string, sourceId: string, runId: string): Promise<void>;
  /**
   * Ends the claim held by `runId`; false if another
   * run holds the claim now (a lapsed lease). A source paused during the run stays
   * paused: only the claim and lastSyncAt change then. A source being deleted stays
   * `deleting` and becomes due at once, so the dispatcher finishes the deletion.
   */
  release(tenantId: string, sourceId: string, runId: string, release: RunRelease): Promise<boolean>;
  /**
   * Records a run an edge agent's delivery made (no claim: the agent, not the
   * cloud, pulls the source) as the last run, with lastSyncAt and the totals
   * added. The last run only moves on: a run older than the last one (run ids
   * are time-ordered; an earlier hour's delivery sent again late) adds its
   * totals and lastSyncAt and leaves the last run. Status and schedule are
   * left alone. False when the source is gone or being deleted.
   */
  recordAgentRun(tenantId: string, sourceId: string, record: AgentRunRecord): Promise<boolean>;
}
