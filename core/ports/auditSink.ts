/**
 * Where tenant-level happenings are recorded for the audit trail. The storage
 * alert records through this port; the audit trail of issue #16 (core/audit)
 * implements it, and until that is wired the alert's own record (the
 * STORAGEALERT item, see docs/DATA_MODEL.md) is the entry.
 */
export interface AuditEntry {
  readonly tenantId: string;
  /** Who did it: a user id, or `system` for what the app noticed itself. */
  readonly actor: string;
  readonly action: string;
  readonly detail: string;
  readonly at: string;
}

export interface AuditSink {
  record(entry: AuditEntry): Promise<void>;
}
