import type { StoredObjectKind } from '../storage/retentionTags';

/** One stored object the ledger knows: what it is, whose, how big, how it is tagged. */
export interface LedgerEntry {
  readonly tenantId: string;
  readonly key: string;
  readonly kind: StoredObjectKind;
  readonly sourceId: string;
  readonly cameraId: string;
  readonly bytes: number;
  /** ISO UTC, when it was stored (lifecycle rules count from here). */
  readonly storedAt: string;
  /** The `vt-retain` tag value the object carries. */
  readonly tag: string;
  /** Footage: the tracked file it is a copy of (null for agent footage without one). */
  readonly providerFileId: string | null;
  /** Clips: the order (event) it shows. */
  readonly eventId: string | null;
}

/** Stored bytes and files of one scope (tenant or camera), by kind. */
export interface UsageTotals {
  readonly footageBytes: number;
  readonly footageFiles: number;
  readonly clipBytes: number;
  readonly clipFiles: number;
}

/** One day's change of a scope: net bytes and files, and bytes added (ingest). */
export interface UsageDayDelta extends UsageTotals {
  /** YYYY-MM-DD, UTC. */
  readonly day: string;
  readonly footageAddedBytes: number;
  readonly clipAddedBytes: number;
}

export interface CameraUsage {
  readonly sourceId: string;
  readonly cameraId: string;
  readonly totals: UsageTotals;
  readonly days: readonly UsageDayDelta[];
}

export interface UsageRecord {
  readonly totals: UsageTotals;
  /** The tenant's day deltas in [fromDay, toDay], oldest first; days without change are absent. */
  readonly days: readonly UsageDayDelta[];
  readonly cameras: readonly CameraUsage[];
}

/** A change left pending this long is its writer's no more (longer than any function runs): the reconciler finishes it. */
export const LEDGER_CHANGE_GRACE_MS = 20 * 60_000;

/**
 * The tenant's stored objects, one entry per object key, and the usage counters
 * kept with them: a running total and per-day deltas per camera (the tenant's are their sums),
 * maintained with atomic ADDs as objects are stored and removed. Nothing here
 * lists the bucket. Recording an entry again (a retry) adds only the difference
 * in size, and removing one that is gone adds nothing, so retries never count twice;
 * a change cut off between the entry and its counters is finished by `reconcile`.
 */
export interface StorageLedger {
  /** Stores (or replaces) the entry and adds the change to the counters of `day`. */
  record(entry: LedgerEntry, day: string): Promise<void>;
  /** Removes the entry and subtracts it on `day`; null when there was none (counted already). */
  remove(tenantId: string, key: string, day: string): Promise<LedgerEntry | null>;
  get(tenantId: string, key: string): Promise<LedgerEntry | null>;
  /** Entries whose key starts with `prefix`, in key order after `afterKey`. */
  page(tenantId: string, prefix: string, afterKey: string | null, limit: number): Promise<{ entries: readonly LedgerEntry[]; lastKey: string | null }>;
  /** Records the tag the object now carries. */
  setTag(tenantId: string, key: string, tag: string): Promise<void>;
  usage(tenantId: string, fromDay: string, toDay: string): Promise<UsageRecord>;
  /**
   * Finishes counter changes a process stopped half-way (killed between an
   * entry's write and its counter ADDs): entries changed before `writtenBefore`
   * whose change is still pending, at most `limit`; each exactly once. Returns how many.
   */
  reconcile(writtenBefore: string, limit: number): Promise<number>;
  /**
   * A ledger for a run of writes whose counters may be added together: record()
   * stores each entry at once and the counters take the changes by flush() at the
   * latest. Absent where every record() counts at once.
   */
  batch?(): LedgerBatch;
}

/** See StorageLedger.batch. A process that dies before flush() leaves the changes to reconcile. */
export interface LedgerBatch {
  record(entry: LedgerEntry, day: string): Promise<void>;
  flush(): Promise<void>;
}
