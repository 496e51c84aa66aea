import type { StorageSettings } from '../storage/storageSettings';

/** A background re-tagging of a tenant's objects after a retention change. */
export interface RetagJob {
  readonly tenantId: string;
  /** The settings generation it tags for; a newer change starts over with the next. */
  readonly generation: number;
  readonly state: 'running' | 'done';
  /** The last ledger key handled; the next batch starts after it (resumable). */
  readonly cursor: string | null;
  readonly checked: number;
  readonly retagged: number;
  /** Objects the tenant had when the job started: the denominator of its progress. */
  readonly total: number;
  readonly startedAt: string;
  readonly updatedAt: string;
}

/** A keep flag on an order: its clip is never deleted by retention while it is set. */
export interface KeepFlag {
  readonly eventId: string;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

export interface StorageSettingsRepository {
  get(tenantId: string): Promise<StorageSettings>;
  put(tenantId: string, settings: StorageSettings): Promise<void>;
  getJob(tenantId: string): Promise<RetagJob | null>;
  /** Writes the job; a running job is listed by `runningJobs` until it is done. */
  putJob(job: RetagJob): Promise<void>;
  /** Tenants with a running job, oldest first (the background worker's queue; not a scan). */
  runningJobs(limit: number): Promise<readonly string[]>;
  getKeep(tenantId: string, eventId: string): Promise<KeepFlag | null>;
  putKeep(tenantId: string, flag: KeepFlag): Promise<void>;
  deleteKeep(tenantId: string, eventId: string): Promise<void>;
  /** True the first time for this tenant and month (the alert is recorded once a month). */
  claimAlert(tenantId: string, month: string, at: string, message: string): Promise<boolean>;
}
