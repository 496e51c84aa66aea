/** What an audit entry can say happened. */
export const auditActions = [
  'source.created',
  'source.edited',
  'source.deleted',
  'connection.added',
  'connection.removed',
  'member.invited',
  'member.joined',
  'member.role_changed',
  'member.removed',
  'invite.revoked',
  'share.created',
  'share.revoked',
  'export.made',
  'storage.settings_changed',
  'storage.alert_crossed',
  'order.keep_set',
  'order.keep_cleared',
  'camera.added',
  'camera.edited',
  'camera.paused',
  'camera.resumed',
  'camera.removed',
  'tenant.deleted',
] as const;

export type AuditAction = (typeof auditActions)[number];

/** Small facts about a change (`{ from: 'staff', to: 'admin' }`, `{ codes: 12 }`). */
export type AuditDetail = Readonly<Record<string, string | number | boolean | null>>;

/** One change to a tenant: who did what to which thing, and when. Kept per tenant, never edited. */
export interface AuditEntry {
  readonly tenantId: string;
  readonly id: string;
  /** ISO time of the change. */
  readonly at: string;
  readonly action: AuditAction;
  readonly actor: { readonly userId: string; readonly email: string | null };
  /** What was changed: a source, a connection, a member, an invite, a share link or an export. */
  readonly target: { readonly type: string; readonly id: string; readonly name?: string };
  readonly detail?: AuditDetail;
}
