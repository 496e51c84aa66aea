import type { Agent } from './agent';

/** Missing this many heartbeats in a row makes an agent offline. */
const MISSED_HEARTBEATS = 3;
const DEFAULT_HEARTBEAT_MS = 60_000;

/** An active agent whose last heartbeat is recent: the Agents page and a source's page say "online" alike. */
export function isAgentOnline(agent: Pick<Agent, 'status' | 'lastSeenAt'>, nowMs: number): boolean {
  const lastSeenMs = agent.lastSeenAt === null ? null : Date.parse(agent.lastSeenAt);
  return agent.status === 'active' && lastSeenMs !== null && nowMs - lastSeenMs <= MISSED_HEARTBEATS * DEFAULT_HEARTBEAT_MS;
}
