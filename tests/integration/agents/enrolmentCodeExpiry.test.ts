/**
 * An enrolment code is valid for the 30 minutes the web app states
 * (`expiresAt`, core/agents/agentSecrets.ts ENROLMENT_CODE_TTL_MS). The enrol
 * handler runs on a clock the test sets, against the local stack's tables, so
 * the expiry is crossed without waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentView, EnrolledView, EnrolmentView } from '../../../core/api/agentsApi';
import type { ListOf } from '../../../core/api/collections';
import type { ErrorBody } from '../../../core/api/errorCodes';
import type { MeView } from '../../../core/api/authApi';
import { openTwoShops } from '../../support/agentShops';
import type { ApiClient, Harness } from '../../support/localStackHarness';
import { agentHandlersOn, SetClock } from './support/handlersOnClock';

const THIRTY_MINUTES_MS = 30 * 60_000;

describe('an enrolment code after its stated lifetime', () => {
  let harness: Harness;
  let shop: ApiClient;
  const clock = new SetClock(Date.now());
  const handlers = agentHandlersOn(clock);

  let caller: { tenantId: string; userId: string };

  beforeAll(async () => {
    ({ harness, shopA: shop } = await openTwoShops('het-han'));
    caller = (await shop.call<MeView>('GET', '/api/me')).body;
  });
  afterAll(() => harness.close());

  const agentsListed = async (): Promise<readonly AgentView[]> => (await shop.call<ListOf<AgentView>>('GET', '/api/agents')).body.items;

  it('states a lifetime of 30 minutes from when the code was made', async () => {
    // Act
    const before = Date.now();
    const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy hạn mã' });
    const after = Date.now();

    // Assess
    const expiresMs = Date.parse(made.body.expiresAt);
    expect(expiresMs).toBeGreaterThanOrEqual(before + THIRTY_MINUTES_MS);
    expect(expiresMs).toBeLessThanOrEqual(after + THIRTY_MINUTES_MS);
  });

  it('still enrols a minute before the code expires', async () => {
    // Prepare
    const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy kịp giờ' });
    clock.set(Date.parse(made.body.expiresAt) - 60_000);

    // Act
    const enrolled = await handlers.agent<EnrolledView>('POST /api/agent/enrol', null, { code: made.body.code });

    // Assess
    expect(enrolled.status).toBe(201);
    expect(enrolled.body.agentId).toBe(made.body.agent.id);
  });

  it('refuses the code once it has expired, says so, and makes no agent nor any credential', async () => {
    // Prepare
    const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy trễ hạn' });
    const listedBefore = await agentsListed();
    clock.set(Date.parse(made.body.expiresAt) + 1);

    // Act
    const refused = await handlers.agent<ErrorBody>('POST /api/agent/enrol', null, { code: made.body.code });

    // Assess: a clear refusal that names expiry and says what to do.
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toContain('has expired');
    expect(refused.body.error.message).toContain('make a new one in the web app');
    expect(JSON.stringify(refused.body)).not.toContain('vta.');
    // No agent became active and none was added: the one the code was for still waits for enrolment.
    const listedAfter = await agentsListed();
    expect(listedAfter.map((agent) => [agent.id, agent.status])).toEqual(listedBefore.map((agent) => [agent.id, agent.status]));
    expect(listedAfter.find((agent) => agent.id === made.body.agent.id)).toMatchObject({ status: 'pending', enrolledAt: null });
  });

  it('refuses the code at the very moment it expires', async () => {
    // Prepare
    const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy đúng hạn' });
    clock.set(made.body.expiresAt);

    // Act
    const atExpiry = await handlers.agent<ErrorBody>('POST /api/agent/enrol', null, { code: made.body.code });

    // Assess
    expect(atExpiry.status).toBe(401);
  });

  it('gives the agent still waiting a new code ("New code" on the Agents page), which enrols it', async () => {
    // Prepare: the first code ran out before the box was set up.
    const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy chờ mã mới' });
    clock.set(Date.parse(made.body.expiresAt) + 60_000);
    expect((await handlers.agent('POST /api/agent/enrol', null, { code: made.body.code })).status).toBe(401);

    // Act
    const again = await handlers.agents<EnrolmentView>('POST /api/agents/{agentId}/enrolment', caller, undefined, { agentId: made.body.agent.id });
    const enrolled = await handlers.agent<EnrolledView>('POST /api/agent/enrol', null, { code: again.body.code });

    // Assess
    expect(again.status).toBe(201);
    expect(again.body.agent).toMatchObject({ id: made.body.agent.id, status: 'pending' });
    expect(Date.parse(again.body.expiresAt)).toBe(clock.now().getTime() + THIRTY_MINUTES_MS);
    expect(enrolled.status).toBe(201);
    expect(enrolled.body.agentId).toBe(made.body.agent.id);
    expect((await agentsListed()).filter((agent) => agent.name === 'Máy chờ mã mới').map((agent) => agent.status)).toEqual(['active']);
  });

  it('makes the earlier code useless once a new one is made (a code seen on a screen or a photo stops working)', async () => {
    // Prepare: a code is made, then replaced while both are within their 30 minutes.
    const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy đổi mã' });
    clock.set(Date.parse(made.body.expiresAt) - 20 * 60_000);
    const replacement = await handlers.agents<EnrolmentView>('POST /api/agents/{agentId}/enrolment', caller, undefined, { agentId: made.body.agent.id });
    expect(replacement.status).toBe(201);

    // Act
    const withOld = await handlers.agent<ErrorBody>('POST /api/agent/enrol', null, { code: made.body.code });
    const withNew = await handlers.agent<EnrolledView>('POST /api/agent/enrol', null, { code: replacement.body.code });

    // Assess
    expect(withOld.status).toBe(401);
    expect(withNew.status).toBe(201);
    expect(withNew.body.agentId).toBe(made.body.agent.id);
  });

  it('makes an active agent\'s unused re-enrolment code useless once another is made', async () => {
    // Prepare: enrolled; then two re-enrolment codes, the first never used.
    const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy cài lại' });
    clock.set(Date.parse(made.body.expiresAt) - 60_000);
    expect((await handlers.agent('POST /api/agent/enrol', null, { code: made.body.code })).status).toBe(201);
    const first = await handlers.agents<EnrolmentView>('POST /api/agents/{agentId}/enrolment', caller, undefined, { agentId: made.body.agent.id });
    const second = await handlers.agents<EnrolmentView>('POST /api/agents/{agentId}/enrolment', caller, undefined, { agentId: made.body.agent.id });

    // Act
    const withFirst = await handlers.agent<ErrorBody>('POST /api/agent/enrol', null, { code: first.body.code });

    // Assess
    expect(withFirst.status).toBe(401);
    expect((await handlers.agent('POST /api/agent/enrol', null, { code: second.body.code })).status).toBe(201);
  });
});
