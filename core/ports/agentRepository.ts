import type { Agent, AgentHeartbeat, CleanupSummary, EnrolmentCode } from '../agents/agent';
import type { FolderListing } from '../agents/folderListing';

/** Edge agents of a tenant and their one-time enrolment codes. */
export interface AgentRepository {
  get(tenantId: string, agentId: string): Promise<Agent | null>;
  list(tenantId: string): Promise<readonly Agent[]>;
  /** Creates the agent (pending) or keeps it, and stores a new enrolment code for it. */
  putWithCode(agent: Agent, code: EnrolmentCode): Promise<void>;
  /**
   * Uses a code exactly once: deletes it and returns it, or null when it does not
   * exist or has expired at `now` (two agents racing with one code: one wins).
   */
  takeCode(codeHash: string, now: string): Promise<EnrolmentCode | null>;
  /** Sets the credential hash and makes the agent active (enrolment and re-enrolment). */
  activate(tenantId: string, agentId: string, credentialHash: string, now: string): Promise<Agent>;
  rename(tenantId: string, agentId: string, name: string): Promise<Agent>;
  /** Drops the credential for good; NotFoundError when there is no such agent. */
  revoke(tenantId: string, agentId: string, now: string): Promise<Agent>;
  /**
   * Stores the heartbeat (without its listing) and last-seen time; with `extras`,
   * the disk guard's last deletions and the agent's folder listing too.
   */
  recordHeartbeat(
    tenantId: string,
    agentId: string,
    heartbeat: AgentHeartbeat,
    now: string,
    extras?: { readonly lastCleanup?: CleanupSummary | null; readonly listingAnswer?: (FolderListing & { readonly at: string }) | null },
  ): Promise<void>;
  /** Records which folder the web app wants listed; NotFoundError when there is no such agent. */
  requestListing(tenantId: string, agentId: string, request: { path: string; requestedAt: string }): Promise<void>;
  /** Stores the hash and revision of the configuration handed out, if it changed (compare-and-set on the old hash). */
  saveConfigRevision(tenantId: string, agentId: string, previousHash: string | null, next: { hash: string; revision: number }): Promise<boolean>;
}
