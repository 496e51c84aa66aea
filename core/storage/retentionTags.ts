import { clipRetentionDays, footageRetentionDays, type Retention } from './retention';

/** The S3 object tag lifecycle rules match on. */
export const RETAIN_TAG_KEY = 'vt-retain';
/** Clips of an order under dispute (a keep flag): no rule matches it, so S3 never expires them. */
export const HOLD_TAG = 'hold';

export type StoredObjectKind = 'footage' | 'clip';

/**
 * Footage of a `keep: clips_only` source whose clips are cut and whose next
 * recording is processed too (or 24 hours after it was processed): the
 * shortest class, one day from storing (core/storage/clippedFootage.ts).
 */
export const FOOTAGE_CLIPPED_TAG = 'footage-clipped';
export const FOOTAGE_CLIPPED_DAYS = 1;

/**
 * The tag value of an object of `kind` under `retention`, e.g. `footage-14d`,
 * `clip-180d`, `footage-keep`, `clip-forever`; `hold` for a clip under a keep flag.
 */
export function retentionTagFor(kind: StoredObjectKind, retention: Retention, hold = false): string {
  if (kind === 'clip') {
    if (hold) return HOLD_TAG;
    return retention.clipDays === null ? 'clip-forever' : `clip-${retention.clipDays}d`;
  }
  return retention.footageDays === null ? 'footage-keep' : `footage-${retention.footageDays}d`;
}

export interface LifecycleClass {
  /** Lifecycle rule id and the tag value it matches. */
  readonly tag: string;
  readonly days: number;
}

/**
 * Every retention class that expires: one S3 lifecycle rule each, matched by
 * the `vt-retain` tag. The list is fixed by the choices a tenant has, so the
 * rule count never grows with tenants. `footage-keep`, `clip-forever` and
 * `hold` are deliberately absent: nothing matches them. `footage-clipped` is
 * the footage of a clips-only source once its clips are cut.
 */
export const lifecycleClasses: readonly LifecycleClass[] = [
  ...footageRetentionDays.map((days) => ({ tag: `footage-${days}d`, days })),
  ...clipRetentionDays.map((days) => ({ tag: `clip-${days}d`, days })),
  { tag: FOOTAGE_CLIPPED_TAG, days: FOOTAGE_CLIPPED_DAYS },
];

/** Days after which an object of this tag expires; null when it never does. */
export function daysOfTag(tag: string | undefined): number | null {
  return lifecycleClasses.find((entry) => entry.tag === tag)?.days ?? null;
}

/**
 * When S3 expires an object created at `createdAt` under a rule of `days`:
 * S3 adds the days to the creation time and rounds up to the next midnight UTC.
 */
export function lifecycleExpiryOf(createdAt: Date, days: number): Date {
  const at = new Date(createdAt.getTime() + days * 86_400_000);
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  return new Date(midnight === at.getTime() ? midnight : midnight + 86_400_000);
}
