import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentConfig, AgentView, EnrolledView, EnrolmentView } from '../../../core/api/agentsApi';
import type { ListOf } from '../../../core/api/collections';
import type { ErrorBody } from '../../../core/api/errorCodes';
import type { SourceView } from '../../../core/api/sourcesApi';
import { enrolNewAgent, openTwoShops } from '../../support/agentShops';
import type { ApiClient, Harness } from '../../support/localStackHarness';

const heartbeat = {
  version: '0.0.9',
  hostname: 'kho-quan-7',
  uptimeSec: 3600,
  disk: { usedBytes: 12_000_000_000, freeBytes: 80_000_000_000 },
  queueDepth: 3,
  uploadBytesPerSec: 1_500_000,
  sources: [],
};

describe('edge agent enrolment, configuration and heartbeats on the local stack', () => {
  let harness: Harness;
  let anonymous: ApiClient;
  let shopA: ApiClient;
  let shopB: ApiClient;

  beforeAll(async () => {
    ({ harness, anonymous, shopA, shopB } = await openTwoShops('kho'));
  });
  afterAll(() => harness.close());

  const enrolNew = (shop: ApiClient, name: string): ReturnType<typeof enrolNewAgent> => enrolNewAgent(anonymous, shop, name);

  it('shows a one-time code with the command to run, and exchanges it once for the agent credential', async () => {
    const made = await shopA.call<EnrolmentView>('POST', '/api/agents', { name: 'Kho Quận 7' });
    expect(made.body.code).toMatch(/^[A-HJ-KMNP-Z2-9]{10}$/);
    expect(made.body.command).toContain(`--code ${made.body.code}`);
    expect(made.body.agent).toMatchObject({ name: 'Kho Quận 7', status: 'pending', online: false });

    // Typed by a person: lower case and a dash are forgiven.
    const typed = `${made.body.code.slice(0, 5).toLowerCase()}-${made.body.code.slice(5)}`;
    const enrolled = await anonymous.call<EnrolledView>('POST', '/api/agent/enrol', { code: typed });
    expect(enrolled.status).toBe(201);
    expect(enrolled.body.credential).toMatch(/^vta\./);

    const again = await anonymous.call<ErrorBody>('POST', '/api/agent/enrol', { code: made.body.code });
    expect(again.status).toBe(401);
    expect(again.body.error.message).toContain('used already');
  });

  it('refuses a malformed code with the field named', async () => {
    const bad = await anonymous.call<ErrorBody>('POST', '/api/agent/enrol', { code: 'short' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'validation_error', field: 'code' });
  });

  it('hands the agent only its own local-folder sources, and a new revision when they change, including a delete', async () => {
    const { agentId, agent } = await enrolNew(shopA, 'Quầy 1');
    const other = await enrolNew(shopA, 'Quầy 2');
    const empty = await agent.call<AgentConfig>('GET', '/api/agent/config');
    expect(empty.status).toBe(200);
    expect(empty.body.sources).toEqual([]);

    const mine = await shopA.call<SourceView>('POST', '/api/sources', { type: 'local', name: 'NVR Quầy 1', intervalMinutes: 30, config: { path: '/srv/nvr/quay-1', agentId } });
    expect(mine.status).toBe(201);
    await shopA.call('POST', '/api/sources', { type: 'local', name: 'NVR Quầy 2', intervalMinutes: 30, config: { path: '/srv/nvr/quay-2', agentId: other.agentId } });
    await shopB.call('POST', '/api/sources', { type: 'local', name: 'Kho B', intervalMinutes: 30, config: { path: '/srv/b', agentId } });

    const withSource = await agent.call<AgentConfig>('GET', '/api/agent/config');
    expect(withSource.body.sources.map((source) => [source.sourceId, source.config.path])).toEqual([[mine.body.id, '/srv/nvr/quay-1']]);
    expect(withSource.body.revision).toBeGreaterThan(empty.body.revision);
    const same = await agent.call<AgentConfig>('GET', '/api/agent/config');
    expect(same.body.revision).toBe(withSource.body.revision);

    await shopA.call('DELETE', `/api/sources/${mine.body.id}`);
    const afterDelete = await agent.call<AgentConfig>('GET', '/api/agent/config');
    expect(afterDelete.body.sources).toEqual([]);
    expect(afterDelete.body.revision).toBeGreaterThan(withSource.body.revision);
  });

  it('shows heartbeats on the Agents list (online, version flagged outdated, disk, queue)', async () => {
    const { agentId, agent } = await enrolNew(shopA, 'Kho heartbeat');
    expect((await agent.call('POST', '/api/agent/heartbeat', heartbeat)).status).toBe(204);
    const listed = await shopA.call<ListOf<AgentView>>('GET', '/api/agents');
    expect(listed.body.items.find((item) => item.id === agentId)).toMatchObject({
      status: 'active',
      online: true,
      version: '0.0.9',
      outdated: true,
      hostname: 'kho-quan-7',
      queueDepth: 3,
      disk: { usedBytes: 12_000_000_000, freeBytes: 80_000_000_000 },
    });
    const bad = await agent.call<ErrorBody>('POST', '/api/agent/heartbeat', { ...heartbeat, queueDepth: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('queueDepth');
  });

  it('stops serving a revoked agent at once, and another tenant can neither see nor revoke it', async () => {
    const { agentId, agent } = await enrolNew(shopA, 'Kho bị thu hồi');
    expect((await shopB.call('POST', `/api/agents/${agentId}/revoke`)).status).toBe(404);
    expect((await shopB.call<ListOf<AgentView>>('GET', '/api/agents')).body.items.map((item) => item.id)).not.toContain(agentId);
    expect((await agent.call('GET', '/api/agent/config')).status).toBe(200);

    const revoked = await shopA.call<AgentView>('POST', `/api/agents/${agentId}/revoke`);
    expect(revoked.body.status).toBe('revoked');
    expect((await agent.call('GET', '/api/agent/config')).status).toBe(401);
    expect((await agent.call('POST', '/api/agent/heartbeat', heartbeat)).status).toBe(401);
    expect((await shopA.call('POST', `/api/agents/${agentId}/enrolment`)).status).toBe(409);
  });

  it('rotates the credential by enrolling again: the old one stops working, the new one works', async () => {
    const { agentId, agent: oldAgent } = await enrolNew(shopA, 'Kho xoay vòng');
    const again = await shopA.call<EnrolmentView>('POST', `/api/agents/${agentId}/enrolment`);
    expect(again.status).toBe(201);
    const enrolled = await anonymous.call<EnrolledView>('POST', '/api/agent/enrol', { code: again.body.code });
    expect(enrolled.body.agentId).toBe(agentId);
    expect((await oldAgent.call('GET', '/api/agent/config')).status).toBe(401);
    expect((await anonymous.withToken(enrolled.body.credential).call('GET', '/api/agent/config')).status).toBe(200);
  });

  it('refuses forged and malformed credentials the same way', async () => {
    const { agentId } = await enrolNew(shopA, 'Kho giả mạo');
    const tenantId = (await shopA.call<{ tenantId: string }>('GET', '/api/me')).body.tenantId;
    for (const credential of [`vta.${tenantId}.${agentId}.${'A'.repeat(43)}`, 'vta.x.y.z', 'nonsense', '']) {
      const response = await anonymous.withToken(credential).call<ErrorBody>('GET', '/api/agent/config');
      expect(response.status).toBe(401);
    }
    expect((await anonymous.call('GET', '/api/agent/config')).status).toBe(401);
  });
});
