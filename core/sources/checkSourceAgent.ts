import { ValidationError } from '../errors';
import type { AgentRepository } from '../ports/agentRepository';

const FIELD = 'config.agentId';

/**
 * A local-folder source may name only an agent of its own tenant that can
 * still run it: one made and not installed yet (pending), or enrolled
 * (active). Another tenant's agent reads exactly as one that does not exist,
 * so the answer tells nothing about other tenants. A ValidationError on
 * `config.agentId` otherwise; a config without an agent is left alone.
 */
export async function checkSourceAgent(agents: Pick<AgentRepository, 'get'>, tenantId: string, config: { readonly agentId?: string | undefined }): Promise<void> {
  const agentId = config.agentId;
  if (agentId === undefined) return;
  const agent = await agents.get(tenantId, agentId);
  if (agent === null) {
    throw new ValidationError(FIELD, `${FIELD}: no agent ${agentId} in this account; choose one of your agents (Agents page)`, { context: { agentId } });
  }
  if (agent.status === 'revoked') {
    throw new ValidationError(FIELD, `${FIELD}: the agent "${agent.name}" was revoked and runs nothing; choose another agent or enrol a new one`, { context: { agentId } });
  }
}
