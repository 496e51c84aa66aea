import type { Agent } from './agent';

/** The web app's interest in a listing lasts this long after its last ask; meanwhile the agent checks in every few seconds. */
export const LISTING_INTEREST_MS = 120_000;
/** How often an agent checks in while the web app waits for a listing. */
export const QUICK_HEARTBEAT_SECONDS = 5;

/** The answer to an agent's heartbeat: a folder to list, and when to check in next. */
export interface HeartbeatAnswer {
  readonly listing: { readonly path: string } | null;
  readonly nextHeartbeatSeconds: number;
}

/**
 * What a heartbeat answers (null: nothing, 204). While someone waits for a
 * listing the agent is asked to check in every few seconds, and to list the
 * folder when its last answer is older than the ask or for another folder.
 */
export function heartbeatAnswerFor(agent: Pick<Agent, 'listingRequest' | 'listingAnswer'>, nowMs: number): HeartbeatAnswer | null {
  const request = agent.listingRequest ?? null;
  if (request === null || nowMs - Date.parse(request.requestedAt) > LISTING_INTEREST_MS) return null;
  const answer = agent.listingAnswer ?? null;
  const answered = answer !== null && answer.path === request.path && answer.at >= request.requestedAt;
  return { listing: answered ? null : { path: request.path }, nextHeartbeatSeconds: QUICK_HEARTBEAT_SECONDS };
}

/** A repeated ask for the same folder refreshes the request this often at most, so the agent lists it again at most once a minute. */
const REASK_AFTER_MS = 60_000;

/** The request to store for an ask from the web app, or null when the stored one still stands. */
export function listingRequestFor(agent: Pick<Agent, 'listingRequest'>, path: string, nowMs: number): { path: string; requestedAt: string } | null {
  const current = agent.listingRequest ?? null;
  if (current !== null && current.path === path && nowMs - Date.parse(current.requestedAt) < REASK_AFTER_MS) return null;
  return { path, requestedAt: new Date(nowMs).toISOString() };
}
