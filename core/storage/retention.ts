/**
 * How long a tenant keeps what it stores: raw footage and order clips, each
 * its own choice. `null` means keep (footage) or forever (clips). The choices
 * are a fixed list, so S3 needs one lifecycle rule per choice, not per tenant.
 */
export const footageRetentionDays = [7, 14, 30, 60, 90] as const;
export const clipRetentionDays = [30, 90, 180, 365] as const;

export type FootageDays = (typeof footageRetentionDays)[number] | null;
export type ClipDays = (typeof clipRetentionDays)[number] | null;

export interface Retention {
  readonly footageDays: FootageDays;
  readonly clipDays: ClipDays;
}

/** A source may override either choice; what it leaves out comes from the tenant. */
export interface RetentionOverride {
  readonly footageDays?: FootageDays;
  readonly clipDays?: ClipDays;
}

/** Until a tenant chooses: nothing is deleted (what the product did before retention existed). */
export const defaultRetention: Retention = { footageDays: null, clipDays: null };

/** The retention that applies to one source's objects. */
export function resolveRetention(tenant: Retention, override: RetentionOverride | undefined): Retention {
  return {
    footageDays: override?.footageDays !== undefined ? override.footageDays : tenant.footageDays,
    clipDays: override?.clipDays !== undefined ? override.clipDays : tenant.clipDays,
  };
}

/** Days in words for messages: "14 days", "kept". */
export function describeDays(days: number | null, never: string): string {
  return days === null ? never : `${days} days`;
}
