import type { SourceConfig } from './sourceSchemas';
import type { SourceStatus, SourceType } from './sourceTypes';

/** A claim marks a source as being synced by one run; it lapses at `leaseUntil`. */
export interface SourceClaim {
  readonly runId: string;
  readonly claimedAt: string;
  readonly leaseUntil: string;
}

/** A video source as stored; times are ISO-8601 UTC strings. */
export interface Source {
  readonly tenantId: string;
  readonly id: string;
  readonly type: SourceType;
  readonly name: string;
  readonly intervalMinutes: number;
  readonly config: SourceConfig;
  readonly status: SourceStatus;
  readonly statusMessage: string | null;
  /** When the dispatcher should next start a sync; null while paused or awaiting re-auth. */
  readonly nextSyncAt: string | null;
  readonly lastSyncAt: string | null;
  readonly lastRunId: string | null;
  readonly claim: SourceClaim | null;
  /** Footage stored so far: files done and their bytes, summed over runs. */
  readonly totals: { readonly files: number; readonly bytes: number };
  readonly createdAt: string;
  readonly updatedAt: string;
}
