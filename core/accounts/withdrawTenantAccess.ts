import type { AccountRepository } from '../ports/accountRepository';
import type { AgentRepository } from '../ports/agentRepository';
import type { Clock } from '../ports/clock';
import type { MemberDirectory } from '../ports/memberDirectory';
import type { ShareLinkRepository } from '../ports/shareLinkRepository';
import type { SourceRepository } from '../ports/sourceRepository';

export interface WithdrawTenantAccessDeps {
  readonly sources: Pick<SourceRepository, 'list' | 'update'>;
  readonly agents: Pick<AgentRepository, 'list' | 'revoke'>;
  readonly shareLinks: Pick<ShareLinkRepository, 'listForTenant' | 'revoke' | 'deleteToken'>;
  readonly accounts: Pick<AccountRepository, 'listInvites' | 'deleteInvite'>;
  readonly clock: Clock;
}

/**
 * The part of a tenant deletion that ends what works without a member's
 * sign-in, each step idempotent (the request runs it, and every dispatcher
 * step runs it again until the tenant is gone, in case the request stopped
 * halfway): every source is put into deletion with its footage (the
 * dispatcher continues each like any deleted source), every agent's
 * credential is dropped, every share link is revoked and its token item
 * deleted (public links stop at once) and every invite is withdrawn. With a
 * directory (the request only), an invitee's Cognito account goes too.
 */
export async function withdrawTenantAccess(deps: WithdrawTenantAccessDeps, tenantId: string, directory?: MemberDirectory): Promise<{ readonly sourcesLeft: number }> {
  const now = deps.clock.now().toISOString();
  const sources = await deps.sources.list(tenantId);
  for (const source of sources) {
    if (source.status === 'deleting' && source.deletion?.keepFootage === false) continue;
    // A deletion already under way that kept footage is turned into one that removes it: nothing of the tenant stays.
    const deletion = { filesRemoved: 0, objectsDeleted: 0, requestedAt: now, ...source.deletion, keepFootage: false };
    await deps.sources.update(tenantId, source.id, { status: 'deleting', statusMessage: 'Being deleted with its shop', statusMessageCode: 'being_deleted', nextSyncAt: now, deletion }, now);
  }
  for (const agent of await deps.agents.list(tenantId)) {
    if (agent.status !== 'revoked') await deps.agents.revoke(tenantId, agent.id, now);
  }
  for (const link of await deps.shareLinks.listForTenant(tenantId)) {
    await deps.shareLinks.deleteToken(link.tokenHash);
    if (link.revokedAt === null) await deps.shareLinks.revoke(tenantId, link.eventId, link.id, now);
  }
  for (const invite of await deps.accounts.listInvites(tenantId)) {
    await deps.accounts.deleteInvite(invite);
    if (directory?.delivery === 'email') await directory.remove({ tenantId, email: invite.email });
  }
  return { sourcesLeft: sources.length };
}
