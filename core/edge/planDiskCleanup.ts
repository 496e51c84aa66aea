/**
 * What the agent deletes from its local footage store, and when it stops taking
 * new footage. An agent runs for months on a small disk; it must never fill the
 * disk (the recorder and the operating system need it) and never lose footage
 * silently. Order of deletion:
 *  1. footage past its local retention (kept `keepDays` after upload), always;
 *  2. while over a limit: the oldest footage already uploaded;
 *  3. still over: the stated policy — `drop_oldest` deletes the oldest footage
 *     not yet uploaded (each one reported as lost), `refuse_new` deletes nothing
 *     more and stops taking new footage until space is back.
 * A file processing could not read counts as uploaded from the moment the
 * cloud acknowledged its report, when its source keeps clips only (nothing of
 * it is to go up, so the site has no further use for it): it goes with the
 * uploaded footage in 1 and 2 (`unreadable_reported` in 2), never before its
 * report was acknowledged.
 */
export interface StoredFootage {
  readonly id: string;
  readonly bytes: number;
  /** When the recording began (or the file was taken), ISO-8601; oldest goes first. */
  readonly recordedAt: string;
  /** ISO-8601 time the cloud confirmed the upload; null while it is only here. */
  readonly uploadedAt: string | null;
  /**
   * A file processing could not read, whose source keeps clips only: the
   * ISO-8601 time the cloud acknowledged its report. Null or absent otherwise —
   * not reported yet, or its source keeps originals (then it waits for an
   * upload, as any footage does).
   */
  readonly unreadableReportedAt?: string | null;
}

export type FullDiskPolicy = 'drop_oldest' | 'refuse_new';

export interface DiskLimits {
  /** Most bytes the agent's footage may take. */
  readonly maxUsedBytes: number;
  /** Free bytes to leave on the disk for everything else. */
  readonly minFreeBytes: number;
  /** Days to keep footage here after its upload (0: delete once uploaded). */
  readonly keepDaysAfterUpload: number;
  readonly whenFull: FullDiskPolicy;
}

export interface DiskReading {
  readonly usedBytes: number;
  readonly freeBytes: number;
}

export type CleanupReason = 'retention' | 'uploaded_oldest' | 'unreadable_reported' | 'not_uploaded_dropped';

export interface CleanupPlan {
  readonly delete: readonly { readonly id: string; readonly bytes: number; readonly reason: CleanupReason }[];
  /** True when new footage must not be taken (refuse_new and still over a limit). */
  readonly refuseNew: boolean;
  /** Bytes still over the tighter limit after the plan; 0 when within both. */
  readonly stillOverBytes: number;
}

const DAY_MS = 86_400_000;

/** Since when the site no longer needs the file: its upload, or its acknowledged report when nothing of it goes up. */
const doneAt = (item: StoredFootage): string | null => item.uploadedAt ?? item.unreadableReportedAt ?? null;

export function planDiskCleanup(footage: readonly StoredFootage[], disk: DiskReading, limits: DiskLimits, nowMs: number): CleanupPlan {
  const oldestFirst = [...footage].sort((a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt) || (a.id < b.id ? -1 : 1));
  const chosen: { id: string; bytes: number; reason: CleanupReason }[] = [];
  const taken = new Set<string>();
  let over = Math.max(disk.usedBytes - limits.maxUsedBytes, limits.minFreeBytes - disk.freeBytes, 0);
  const remove = (item: StoredFootage, reason: CleanupReason) => {
    chosen.push({ id: item.id, bytes: item.bytes, reason });
    taken.add(item.id);
    over = Math.max(over - item.bytes, 0);
  };

  for (const item of oldestFirst) {
    const done = doneAt(item);
    if (done !== null && Date.parse(done) + limits.keepDaysAfterUpload * DAY_MS <= nowMs) remove(item, 'retention');
  }
  for (const item of oldestFirst) {
    if (over <= 0) break;
    if (!taken.has(item.id) && doneAt(item) !== null) remove(item, item.uploadedAt !== null ? 'uploaded_oldest' : 'unreadable_reported');
  }
  if (over > 0 && limits.whenFull === 'drop_oldest') {
    for (const item of oldestFirst) {
      if (over <= 0) break;
      if (!taken.has(item.id)) remove(item, 'not_uploaded_dropped');
    }
  }
  return { delete: chosen, refuseNew: over > 0 && limits.whenFull === 'refuse_new', stillOverBytes: over };
}
