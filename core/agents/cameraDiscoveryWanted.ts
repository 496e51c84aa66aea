import type { Agent } from './agent';

/** A new agent looks for cameras this long after its enrolment, while it has none: the shop's first camera is found without asking. */
export const DISCOVERY_AFTER_ENROLMENT_MS = 7 * 86_400_000;
/** Opening the Cameras page asks every agent to look (again) for this long. */
export const DISCOVERY_AFTER_ASKING_MS = 30 * 60_000;

/**
 * Whether an agent's configuration asks it to look for ONVIF cameras on its
 * LAN (WS-Discovery every 10 minutes while on, edge-agent/cameras/cameraScout.ts):
 * always once it records cameras (the next one is added from what it found);
 * for its first week while it has none, so the shop's first camera shows up
 * on the Cameras page; and for half an hour after anyone opened the Cameras
 * page. A site that only watches folders stops probing a week after enrolment.
 */
export function cameraDiscoveryWanted(input: { agent: Pick<Agent, 'createdAt' | 'enrolledAt'>; cameraCount: number; askedAt: string | null; nowMs: number }): boolean {
  if (input.cameraCount > 0) return true;
  const enrolledMs = Date.parse(input.agent.enrolledAt ?? input.agent.createdAt);
  if (input.nowMs - enrolledMs < DISCOVERY_AFTER_ENROLMENT_MS) return true;
  return input.askedAt !== null && input.nowMs - Date.parse(input.askedAt) < DISCOVERY_AFTER_ASKING_MS;
}
