import type { AuditEntry } from '../audit/auditEntry';

/** A page of a tenant's audit trail, newest first. */
export interface AuditPage {
  readonly entries: AuditEntry[];
  /** Pass back as `before` for the next (older) page; null on the last page. */
  readonly next: string | null;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Newest first; `before` is a `next` from an earlier page. */
  list(tenantId: string, options: { readonly limit: number; readonly before?: string }): Promise<AuditPage>;
}
