import type { Agent } from './agent';
import { storeAgentEvents, type AgentEventsDeps } from './agentEvents';
import type { AgentEventsBody } from './agentEventsSchema';
import { agentSource } from './agentUploads';
import { deliveredOriginal, recordAgentDelivery, type AgentDeliveryDeps } from './recordAgentDelivery';

export type AgentBatchDeps = AgentEventsDeps & AgentDeliveryDeps;

/**
 * One batch an agent delivers (`POST /api/agent/events`): the events of the
 * camera window it processed, then the file it processed, recorded for the
 * source's page (recordAgentDelivery). The file is checked before anything is
 * stored, so a refused batch leaves nothing behind. Returns the ids of events
 * the window no longer has.
 */
export async function deliverAgentBatch(agent: Agent, body: AgentEventsBody, deps: AgentBatchDeps): Promise<readonly string[]> {
  const source = await agentSource(agent, body.sourceId, deps.sources);
  const file = body.file;
  const delivery = file === undefined ? null : { cameraId: body.cameraId, file, events: body.events.length };
  const original = delivery === null ? null : await deliveredOriginal(source, delivery, deps);
  const removed = await storeAgentEvents(agent, body, deps);
  if (delivery !== null) await recordAgentDelivery(source, delivery, original, deps);
  return removed;
}
