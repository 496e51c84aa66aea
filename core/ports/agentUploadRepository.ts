import type { AgentUpload } from '../agents/agentUpload';

/** The multipart uploads of each agent, kept in the tenant's partition. */
export interface AgentUploadRepository {
  put(upload: AgentUpload): Promise<void>;
  /** null when the agent has no upload of this id (another agent's id reads the same). */
  get(tenantId: string, agentId: string, uploadId: string): Promise<AgentUpload | null>;
  list(tenantId: string, agentId: string): Promise<readonly AgentUpload[]>;
  touch(tenantId: string, agentId: string, uploadId: string, now: string): Promise<void>;
  delete(tenantId: string, agentId: string, uploadId: string): Promise<void>;
}
