import { ConflictError, NotFoundError, UnauthorizedError, ValidationError } from '../errors';
import type { AgentRepository } from '../ports/agentRepository';
import type { Clock } from '../ports/clock';
import type { IdGenerator } from '../ports/idGenerator';
import type { SecretGenerator } from '../ports/secretGenerator';
import type { Agent } from './agent';
import { ENROLMENT_CODE_TTL_MS, formatCredential, normaliseEnrolmentCode, parseCredential } from './agentSecrets';
import { hashSecret, sameHash } from './hashSecret';

export interface EnrolmentDeps {
  readonly agents: AgentRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly secrets: SecretGenerator;
}

/**
 * A one-time code for a new agent (`agentId` absent) or for enrolling an existing
 * one again on a new box or after a lost credential (`agentId` given: enrolling
 * replaces its credential, which rotates it). The code is shown once.
 */
export async function issueEnrolmentCode(
  input: { tenantId: string; name?: string; agentId?: string },
  deps: EnrolmentDeps,
): Promise<{ agent: Agent; code: string; expiresAt: string }> {
  const now = deps.clock.now();
  let agent: Agent;
  if (input.agentId !== undefined) {
    const existing = await deps.agents.get(input.tenantId, input.agentId);
    if (existing === null) throw new NotFoundError('agent not found');
    if (existing.status === 'revoked') throw new ConflictError('this agent was revoked; add a new agent instead');
    agent = existing;
  } else {
    const name = input.name?.trim() ?? '';
    if (name === '' || name.length > 100) throw new ValidationError('name', 'name: must be 1 to 100 characters');
    agent = {
      tenantId: input.tenantId,
      id: deps.ids.newId('agt'),
      name,
      status: 'pending',
      credentialHash: null,
      createdAt: now.toISOString(),
      enrolledAt: null,
      lastSeenAt: null,
      heartbeat: null,
      config: null,
    };
  }
  const code = deps.secrets.enrolmentCode();
  const expiresAt = new Date(now.getTime() + ENROLMENT_CODE_TTL_MS).toISOString();
  await deps.agents.putWithCode(agent, { codeHash: hashSecret(code), tenantId: agent.tenantId, agentId: agent.id, expiresAt });
  return { agent, code, expiresAt };
}

/** Exchanges a one-time code for the agent's own credential; the code is then spent. */
export async function enrolAgent(codeText: string, deps: EnrolmentDeps): Promise<{ agent: Agent; credential: string }> {
  const code = normaliseEnrolmentCode(codeText);
  if (code === null) throw new ValidationError('code', 'code: an enrolment code is 10 letters and digits, as shown in the web app');
  const now = deps.clock.now().toISOString();
  const taken = await deps.agents.takeCode(hashSecret(code), now);
  if (taken === null) throw new UnauthorizedError('this enrolment code is not valid: it was used already, has expired, or was mistyped; make a new one in the web app');
  const agent = await deps.agents.get(taken.tenantId, taken.agentId);
  if (agent === null) throw new ConflictError('the agent this code was made for was deleted; make a new code in the web app');
  const secret = deps.secrets.credentialSecret();
  const active = await deps.agents.activate(agent.tenantId, agent.id, hashSecret(secret), now);
  return { agent: active, credential: formatCredential(agent.tenantId, agent.id, secret) };
}

/** The agent a credential belongs to, if it is active; the same refusal whatever is wrong. */
export async function authenticateAgent(credentialText: string | undefined, agents: AgentRepository): Promise<Agent> {
  const refused = new UnauthorizedError('this agent is not enrolled or was revoked: enrol it again from the web app');
  const parsed = credentialText === undefined ? null : parseCredential(credentialText);
  if (parsed === null) throw refused;
  const agent = await agents.get(parsed.tenantId, parsed.agentId);
  if (agent === null || agent.status !== 'active' || agent.credentialHash === null) throw refused;
  if (!sameHash(agent.credentialHash, hashSecret(parsed.secret))) throw refused;
  return agent;
}
