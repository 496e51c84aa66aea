/**
 * A tenant its owner deleted. Access ends in the request (members, invites,
 * agents, share links, the tenant row); this record stays until the dispatcher
 * has removed everything else the tenant stored (continueTenantDeletion).
 */
export interface TenantDeletion {
  readonly tenantId: string;
  /** The shop's name when it was deleted, for logs. */
  readonly tenantName: string;
  readonly requestedAt: string;
  readonly requestedBy: string;
  /** Objects deleted under the tenant's prefix and table items purged so far. */
  readonly objectsDeleted: number;
  readonly itemsDeleted: number;
}
