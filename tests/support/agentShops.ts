import { expect } from 'vitest';
import type { EnrolledView, EnrolmentView } from '../../core/api/agentsApi';
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
