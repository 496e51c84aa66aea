import type { LedgerBatch, LedgerEntry } from '../../core/ports/storageLedger';
import type { DynamoStorageLedger, PendingChange } from './dynamoStorageLedger';
import { applyCounterChanges, applyCounterChangesTogether, counterChanges, forgetCounterChanges, forgetCounterChangesTogether, type PendingCounterChanges } from './ledgerCounterChanges';
import type { TableContext } from './tableContext';

/** Entries whose counters are added together at most; keeps each ADD's condition short. */
const MAX_PENDING = 25;
/** An entry waits at most this long for the others before its counters are added. */
const MAX_WAIT_MS = 2_000;

/**
 * The storage ledger for a run of writes (a transfer batch): record() writes
 * each entry at once with its change pending, exactly as the ledger's own
 * record() does, but the counters take the changes of up to 25 entries
 * together, two seconds later at most or on flush(): one ADD and one DELETE per
 * counter item instead of per entry and item (a batch of one camera's files
 * costs 2 requests a file instead of 6). Crash-safe the same way: an entry is
 * pending from its write until it records its change as counted, so a process
 * that dies before or during a flush leaves pending entries, which the
 * reconciler finishes exactly once (the counter items remember the ids of the
 * changes they took, whichever way they took them).
 */
export class DynamoLedgerBatch implements LedgerBatch {
  private queue: PendingChange[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly flushing = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(
    private readonly table: TableContext,
    private readonly ledger: DynamoStorageLedger,
  ) {}

  async record(entry: LedgerEntry, day: string): Promise<void> {
    // The same object again: its earlier change must be counted first (a second pending change would wait for it).
    if (this.queue.some((pending) => pending.tenantId === entry.tenantId && pending.key === entry.key)) await this.settleQueued();
    this.queue.push(await this.ledger.writePending(entry, day));
    if (this.queue.length >= MAX_PENDING) {
      await this.settleQueued();
      return;
    }
    this.timer ??= setTimeout(() => void this.settleQueued().catch((error: unknown) => (this.failure ??= error)), MAX_WAIT_MS);
  }

  /** Adds every queued change to the counters; rethrows a failure of an earlier timed flush. */
  async flush(): Promise<void> {
    await this.settleQueued();
    await Promise.all(this.flushing);
    if (this.failure !== null) throw this.failure;
  }

  private async settleQueued(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const taken = this.queue;
    this.queue = [];
    if (taken.length === 0) return;
    const settling = this.settle(taken);
    this.flushing.add(settling);
    try {
      await settling;
    } finally {
      this.flushing.delete(settling);
    }
  }

  private async settle(taken: readonly PendingChange[]): Promise<void> {
    for (const tenantId of new Set(taken.map((pending) => pending.tenantId))) {
      const ofTenant = taken.filter((pending) => pending.tenantId === tenantId);
      const changes: PendingCounterChanges[] = ofTenant.map((pending) => ({ op: pending.op, day: pending.day, changes: counterChanges(pending.counted, pending.now) }));
      const together = await applyCounterChangesTogether(this.table, tenantId, changes);
      // An item had taken one of the changes already: entry by entry, each item skips what it holds.
      if (!together) for (const change of changes) await applyCounterChanges(this.table, tenantId, change.op, change.day, change.changes);
      for (const pending of ofTenant) await this.ledger.markCounted(tenantId, pending.key, pending.op, pending.now);
      if (together) await forgetCounterChangesTogether(this.table, tenantId, changes);
      else for (const change of changes) await forgetCounterChanges(this.table, tenantId, change.op, change.day, change.changes);
    }
  }
}
