import { expect } from 'vitest';
import type { EnrolledView, EnrolmentView } from '../../core/api/agentsApi';
import type { SourceView } from '../../core/api/sourcesApi';
import { ApiClient, startHarness, type Harness } from './localStackHarness';

/** A local stack with two signed-up shops (A and B, to prove one never sees the other's) and an anonymous client. */
export interface TwoShops {
  readonly harness: Harness;
  readonly anonymous: ApiClient;
  readonly shopA: ApiClient;
  readonly shopB: ApiClient;
}

/** `emailTag` keeps the owners' emails apart between files: owner@<tag>-a.example, owner@<tag>-b.example. */
export async function openTwoShops(emailTag: string): Promise<TwoShops> {
  const harness = await startHarness();
  const anonymous = new ApiClient(harness.stack.url);
  const shopA = (await anonymous.signUp(`owner@${emailTag}-a.example`, 'Kho A')).client;
  const shopB = (await anonymous.signUp(`owner@${emailTag}-b.example`, 'Kho B')).client;
  return { harness, anonymous, shopA, shopB };
}

/** Adds an agent to `shop` and enrols it with its one-time code, as vtrack-agent does; the agent client carries its credential. */
export async function enrolNewAgent(anonymous: ApiClient, shop: ApiClient, name: string): Promise<{ agentId: string; agent: ApiClient; code: string }> {
  const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name });
  expect(made.status).toBe(201);
  const enrolled = await anonymous.call<EnrolledView>('POST', '/api/agent/enrol', { code: made.body.code });
  expect(enrolled.status).toBe(201);
  return { agentId: enrolled.body.agentId, agent: anonymous.withToken(enrolled.body.credential), code: made.body.code };
}

/** An enrolled agent of `shop` with a local-folder source assigned to it (`/srv/nvr/<name>`, the auto layout in Vietnam's time). */
export async function agentWithLocalSource(anonymous: ApiClient, shop: ApiClient, name: string): Promise<{ agentId: string; agent: ApiClient; credential: string; sourceId: string }> {
  const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name });
  const enrolled = await anonymous.call<EnrolledView>('POST', '/api/agent/enrol', { code: made.body.code });
  const source = await shop.call<SourceView>('POST', '/api/sources', {
    type: 'local',
    name: `${name} — Quầy 1`,
    intervalMinutes: 30,
    config: { path: `/srv/nvr/${name}`, agentId: enrolled.body.agentId, settleSeconds: 5, mapping: { layout: 'auto', timeZone: '+07:00', renames: {}, excluded: [] } },
  });
  expect(source.status).toBe(201);
  return { agentId: enrolled.body.agentId, agent: anonymous.withToken(enrolled.body.credential), credential: enrolled.body.credential, sourceId: source.body.id };
}
