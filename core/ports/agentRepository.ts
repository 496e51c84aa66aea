import type { Agent, AgentHeartbeat, EnrolmentCode } from '../agents/agent';

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
  recordHeartbeat(tenantId: string, agentId: string, heartbeat: AgentHeartbeat, now: string): Promise<void>;
  /** Stores the hash and revision of the configuration handed out, if it changed (compare-and-set on the old hash). */
  saveConfigRevision(tenantId: string, agentId: string, previousHash: string | null, next: { hash: string; revision: number }): Promise<boolean>;
}
