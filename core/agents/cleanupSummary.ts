import type { AgentHeartbeat, CleanupSummary } from './agent';

/**
 * The disk guard's deletions reported in one heartbeat, summed for the Agents
 * page; null when the heartbeat reports none (the last summary then stays).
 */
export function cleanupSummaryOf(heartbeat: AgentHeartbeat, at: string): CleanupSummary | null {
  const cleanup = heartbeat.diskCleanup;
  if (cleanup === undefined || cleanup.deleted.length + cleanup.moreDeleted === 0) return null;
  const reasons = { retention: 0, uploaded_oldest: 0, unreadable_reported: 0, not_uploaded_dropped: 0 };
  for (const item of cleanup.deleted) reasons[item.reason] += 1;
  return {
    at,
    files: cleanup.deleted.length + cleanup.moreDeleted,
    bytes: cleanup.deleted.reduce((sum, item) => sum + item.bytes, 0),
    reasons,
  };
}
