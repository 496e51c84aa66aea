import type { SourceConfig } from './sourceSchemas';
import type { SourceStatus, SourceType } from './sourceTypes';
import type { SourceMessageCode } from '../sync/runErrorCodes';

/** A claim marks a source as being synced by one run; it lapses at `leaseUntil`. */
export interface SourceClaim {
  readonly runId: string;
  readonly claimedAt: string;
  readonly leaseUntil: string;
}

/** A deletion under way (status `deleting`): what was asked, and how far it got. */
export interface SourceDeletion {
  readonly keepFootage: boolean;
  readonly requestedAt: string;
  /** Tracked files marked removed so far. */
  readonly filesRemoved: number;
  /** Stored objects deleted so far (0 while footage is kept). */
  readonly objectsDeleted: number;
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
  /** What `statusMessage` is about, for pages in other languages; absent on messages stored before codes. */
  readonly statusMessageCode?: SourceMessageCode | null;
  /** When the dispatcher should next start a sync; null while paused or awaiting re-auth. */
  readonly nextSyncAt: string | null;
  readonly lastSyncAt: string | null;
  readonly lastRunId: string | null;
  readonly claim: SourceClaim | null;
  /** Footage stored so far: files done and their bytes, summed over runs. */
  readonly totals: { readonly files: number; readonly bytes: number };
  /** Present while the source is being deleted. */
  readonly deletion?: SourceDeletion | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}
