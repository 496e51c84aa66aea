import type { Agent } from '../agents/agent';
import { isAgentOnline } from '../agents/agentOnline';
import type { SourceAgentView } from '../api/sourcesApi';
import type { Source } from './source';

/** The agent a source names (a local folder, or a camera assigned to one), if any. */
export function agentIdOf(source: Source): string | null {
  return 'agentId' in source.config && typeof source.config.agentId === 'string' ? source.config.agentId : null;
}

/** What a source's page says about its agent: online or not, and this source's state in its last heartbeat. */
export function toSourceAgentView(source: Source, agent: Agent, nowMs: number): SourceAgentView {
  const reported = agent.heartbeat?.sources.find((entry) => entry.sourceId === source.id) ?? null;
  return {
    id: agent.id,
    name: agent.name,
    online: isAgentOnline(agent, nowMs),
    lastSeenAt: agent.lastSeenAt,
    state: reported?.state ?? null,
    error: reported?.error ?? null,
  };
}
