/**
 * An agent is shown offline once it has missed three heartbeats (one a minute:
 * core/agents/toAgentView.ts), and online again with its next one. Heartbeats
 * and the Agents list go through the deployed handlers on a clock the test
 * sets, against the local stack's tables: minutes pass without waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentView, EnrolledView, EnrolmentView } from '../../../core/api/agentsApi';
import type { MeView } from '../../../core/api/authApi';
import type { ListOf } from '../../../core/api/collections';
import { openTwoShops } from '../../support/agentShops';
import type { ApiClient, Harness } from '../../support/localStackHarness';
import { agentHandlersOn, SetClock } from './support/handlersOnClock';

const MINUTE_MS = 60_000;
const heartbeat = { version: '0.1.0', hostname: 'kho-thu-duc', uptimeSec: 60, disk: { usedBytes: 1_000_000, freeBytes: 90_000_000_000 }, queueDepth: 0, uploadBytesPerSec: 0, sources: [] };

describe('an agent that stops sending heartbeats', () => {
  let harness: Harness;
  let shop: ApiClient;
  let member: { tenantId: string; userId: string };
  const clock = new SetClock(Date.now());
  const handlers = agentHandlersOn(clock);

  beforeAll(async () => {
    ({ harness, shopA: shop } = await openTwoShops('mat-ket-noi'));
    member = (await shop.call<MeView>('GET', '/api/me')).body;
  });
  afterAll(() => harness.close());

  const listedAt = async (at: number, agentId: string): Promise<AgentView | undefined> => {
    clock.set(at);
    const listed = await handlers.agents<ListOf<AgentView>>('GET /api/agents', member);
    expect(listed.status).toBe(200);
    return listed.body.items.find((item) => item.id === agentId);
  };

  it('is online up to three minutes after its last heartbeat, offline after, and online again with the next one', async () => {
    // Prepare: an enrolled agent reports once.
    const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy kho Thủ Đức' });
    const lastBeat = Date.now();
    const seen = new Date(lastBeat).toISOString();
    clock.set(lastBeat);
    const enrolled = await handlers.agent<EnrolledView>('POST /api/agent/enrol', null, { code: made.body.code });
    const agentId = enrolled.body.agentId;
    const credential = { credential: enrolled.body.credential };
    expect((await handlers.agent('POST /api/agent/heartbeat', credential, heartbeat)).status).toBe(204);

    // Act and Assess: two heartbeats missed, then exactly three: still online.
    expect(await listedAt(lastBeat + 2 * MINUTE_MS, agentId)).toMatchObject({ online: true, lastSeenAt: seen });
    expect(await listedAt(lastBeat + 3 * MINUTE_MS, agentId)).toMatchObject({ online: true });
    // Past the third: offline, still saying when it was last seen and what it last reported.
    expect(await listedAt(lastBeat + 3 * MINUTE_MS + 1_000, agentId)).toMatchObject({ status: 'active', online: false, lastSeenAt: seen, hostname: 'kho-thu-duc' });
    expect(await listedAt(lastBeat + 60 * MINUTE_MS, agentId)).toMatchObject({ online: false });

    // Its next heartbeat brings it back.
    const back = lastBeat + 61 * MINUTE_MS;
    clock.set(back);
    expect((await handlers.agent('POST /api/agent/heartbeat', credential, heartbeat)).status).toBe(204);
    expect(await listedAt(back + 1_000, agentId)).toMatchObject({ online: true, lastSeenAt: new Date(back).toISOString() });
  });

  it('is never shown online while it waits for enrolment, however recent', async () => {
    // Prepare
    const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy chưa lắp' });

    // Act
    const listed = await listedAt(Date.now(), made.body.agent.id);

    // Assess
    expect(listed).toMatchObject({ status: 'pending', online: false, lastSeenAt: null });
  });
});

