import { request } from './client';
import type { Agent, AgentListingBody, AgentListingView, CreateAgentBody, Enrolment, ListOf, RenameAgentBody } from './types';

const base = '/agents';
const one = (id: string): string => `${base}/${encodeURIComponent(id)}`;

export async function listAgents(signal?: AbortSignal): Promise<readonly Agent[]> {
  return (await request<ListOf<Agent>>('GET', base, { signal })).items;
}

export function createAgent(body: CreateAgentBody): Promise<Enrolment> {
  return request<Enrolment>('POST', base, { body });
}

/** A new one-time code for an agent: enrolling with it replaces the agent's credential. */
export function newEnrolmentCode(id: string): Promise<Enrolment> {
  return request<Enrolment>('POST', `${one(id)}/enrolment`);
}

export function renameAgent(id: string, body: RenameAgentBody): Promise<Agent> {
  return request<Agent>('PATCH', one(id), { body });
}

export function revokeAgent(id: string): Promise<Agent> {
  return request<Agent>('POST', `${one(id)}/revoke`);
}

/**
 * Asks the agent to list a folder on its computer (it answers when it next
 * checks in) and returns what is known: waiting, or the listing mapped to cameras.
 */
export function agentListing(id: string, body: AgentListingBody, signal?: AbortSignal): Promise<AgentListingView> {
  return request<AgentListingView>('POST', `${one(id)}/listing`, { body, signal });
}
