import type { AuditEntry } from '../audit/auditEntry';

/** `GET /api/audit?limit=&before=`: the tenant's changes, newest first. */
export interface AuditPageView {
  readonly entries: readonly Omit<AuditEntry, 'tenantId'>[];
  /** Pass as `before` for older entries; null when there are none. */
  readonly next: string | null;
}
