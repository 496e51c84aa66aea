import type { AgentView } from '../api/agentsApi';
import type { Agent } from './agent';
import { isAgentOnline } from './agentOnline';

/** Dotted numeric versions compared part by part (`0.10.0` > `0.9.3`). */
export function olderVersion(version: string, than: string): boolean {
  const a = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const b = than.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff < 0;
  }
  return false;
}

export function toAgentView(agent: Agent, nowMs: number, currentVersion: string): AgentView {
  const heartbeat = agent.heartbeat;
  return {
    id: agent.id,
    name: agent.name,
    status: agent.status,
    online: isAgentOnline(agent, nowMs),
    lastSeenAt: agent.lastSeenAt,
    enrolledAt: agent.enrolledAt,
    createdAt: agent.createdAt,
    version: heartbeat?.version ?? null,
    outdated: heartbeat !== null && olderVersion(heartbeat.version, currentVersion),
    hostname: heartbeat?.hostname ?? null,
    disk: heartbeat?.disk ?? null,
    queueDepth: heartbeat?.queueDepth ?? null,
    uploadBytesPerSec: heartbeat?.uploadBytesPerSec ?? null,
    sources: heartbeat?.sources ?? [],
    uploadBacklog: heartbeat?.uploadBacklog ?? null,
    diskCleanup: heartbeat?.diskCleanup === undefined ? null : { refusingNew: heartbeat.diskCleanup.refusingNew, last: agent.lastCleanup ?? null },
  };
}
