import type { ClipDays, FootageDays, Retention, RetentionOverride } from '../storage/retention';
import type { UsageAlert } from '../storage/storageSettings';

/** One day of the chart: what was stored at the end of that UTC day. */
export interface UsagePoint {
  readonly day: string;
  readonly bytes: number;
  readonly files: number;
}

export interface CameraUsageView {
  readonly sourceId: string;
  readonly cameraId: string;
  readonly footageBytes: number;
  readonly clipBytes: number;
  readonly files: number;
  readonly series: readonly UsagePoint[];
}

export interface CostEstimateView {
  /** US dollars for the calendar month (UTC) so far plus the rest at today's size. */
  readonly storage: number;
  readonly transfer: number;
  readonly processing: number;
  readonly total: number;
  readonly month: string;
}

export interface RetentionSavingsView {
  /** Footage and clips added per day, averaged over the last 30 days. */
  readonly footageBytesPerDay: number;
  readonly clipBytesPerDay: number;
  /** Stored a year from now at that rate, keeping everything / with the chosen retention. */
  readonly keepAllBytes: number;
  readonly withRetentionBytes: number;
  /** Storage dollars a month the chosen retention saves then. */
  readonly savesPerMonth: number;
}

export interface RetagProgressView {
  readonly state: 'running' | 'done';
  readonly checked: number;
  readonly retagged: number;
  readonly total: number;
  readonly startedAt: string;
  readonly updatedAt: string;
}

/**
 * What crossed the tenant's usage alert, as numbers the web words in the
 * reader's language: stored bytes against the threshold (`gb`), or the
 * month's estimated US dollars against it (`cost`).
 */
export type UsageAlertCrossing =
  | { readonly kind: 'gb'; readonly thresholdBytes: number; readonly measuredBytes: number }
  | { readonly kind: 'cost'; readonly thresholdUsd: number; readonly measuredUsd: number };

export interface AlertStatusView {
  readonly alert: UsageAlert | null;
  /** The threshold is crossed now; `crossing` says by what. */
  readonly crossed: boolean;
  readonly crossing: UsageAlertCrossing | null;
}

/** `GET /api/storage`: settings, usage of the last 90 days, cost and savings, re-tagging progress, alert. */
export interface StorageView {
  readonly retention: Retention;
  readonly sources: Readonly<Record<string, RetentionOverride>>;
  readonly choices: { readonly footageDays: readonly FootageDays[]; readonly clipDays: readonly ClipDays[] };
  readonly totals: { readonly footageBytes: number; readonly footageFiles: number; readonly clipBytes: number; readonly clipFiles: number };
  readonly series: readonly UsagePoint[];
  readonly cameras: readonly CameraUsageView[];
  readonly cost: CostEstimateView;
  readonly savings: RetentionSavingsView;
  readonly retag: RetagProgressView | null;
  readonly alert: AlertStatusView;
}

/** `PUT /api/events/{eventId}/keep`: body `{ keep: boolean, reason?: string }`. */
export interface KeepFlagView {
  readonly eventId: string;
  readonly keep: boolean;
  readonly reason: string | null;
  readonly at: string | null;
}
