import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentConfig, AgentView, EnrolledView, EnrolmentView } from '../../../core/api/agentsApi';
import type { ListOf } from '../../../core/api/collections';
import type { ErrorBody } from '../../../core/api/errorCodes';
import type { SourceView } from '../../../core/api/sourcesApi';
import { enrolNewAgent, openTwoShops } from '../../support/agentShops';
import type { ApiClient, Harness } from '../../support/localStackHarness';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoSourceRepository } from '../../../adapters/dynamodb/dynamoSourceRepository';
import { makeTableContext } from '../../../adapters/dynamodb/tableContext';
import { localClientConfig } from '../../../infra/local/awsClientConfig';

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

  it('refuses a local-folder source naming another tenant\'s agent, a revoked one or none that exists, naming config.agentId and storing nothing', async () => {
    const theirs = await enrolNew(shopB, 'Máy của Kho B');
    const revoked = await enrolNew(shopA, 'Máy đã thu hồi');
    expect((await shopA.call('POST', `/api/agents/${revoked.agentId}/revoke`)).status).toBe(200);
    const before = (await shopA.call<ListOf<SourceView>>('GET', '/api/sources')).body.items.length;

    for (const agentId of [theirs.agentId, revoked.agentId, 'agt_khong_ton_tai']) {
      const refused = await shopA.call<ErrorBody>('POST', '/api/sources', { type: 'local', name: 'Đầu ghi mượn', intervalMinutes: 30, config: { path: '/srv/nvr/muon', agentId } });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'validation_error', field: 'config.agentId' });
      expect(refused.body.error.message).toMatch(/^config\.agentId: /);
      // Another tenant's agent reads exactly as one that does not exist.
      expect(refused.body.error.message).not.toContain('Máy của Kho B');
    }
    expect((await shopA.call<ListOf<SourceView>>('GET', '/api/sources')).body.items).toHaveLength(before);
    // B's agent is handed nothing of A's.
    expect((await theirs.agent.call<AgentConfig>('GET', '/api/agent/config')).body.sources).toEqual([]);
  });

  it('refuses an edit that moves a local-folder source to another tenant\'s, a revoked or a missing agent, and keeps the source as it was', async () => {
    const mine = await enrolNew(shopA, 'Quầy sửa');
    const theirs = await enrolNew(shopB, 'Máy Kho B (sửa)');
    const revoked = await enrolNew(shopA, 'Máy thu hồi (sửa)');
    await shopA.call('POST', `/api/agents/${revoked.agentId}/revoke`);
    const created = await shopA.call<SourceView>('POST', '/api/sources', { type: 'local', name: 'Quầy sửa', intervalMinutes: 30, config: { path: '/srv/nvr/quay-sua', agentId: mine.agentId } });
    expect(created.status).toBe(201);

    for (const agentId of [theirs.agentId, revoked.agentId, 'agt_khong_ton_tai']) {
      const refused = await shopA.call<ErrorBody>('PATCH', `/api/sources/${created.body.id}`, { name: 'Đã đổi tên', config: { path: '/srv/nvr/khac', agentId } });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'validation_error', field: 'config.agentId' });
    }
    const after = await shopA.call<SourceView>('GET', `/api/sources/${created.body.id}`);
    expect(after.body).toMatchObject({ name: 'Quầy sửa', config: { path: '/srv/nvr/quay-sua', agentId: mine.agentId } });
    expect((await theirs.agent.call<AgentConfig>('GET', '/api/agent/config')).body.sources).toEqual([]);
    expect((await mine.agent.call<AgentConfig>('GET', '/api/agent/config')).body.sources.map((source) => source.sourceId)).toEqual([created.body.id]);
  });

  it('accepts an agent that is made but not installed yet (pending), so a folder can be set up before the box is', async () => {
    const made = await shopA.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy sắp lắp' });
    const created = await shopA.call<SourceView>('POST', '/api/sources', { type: 'local', name: 'Quầy mới', intervalMinutes: 30, config: { path: '/srv/nvr/moi', agentId: made.body.agent.id } });
    expect(created.status).toBe(201);
    const enrolled = await anonymous.call<EnrolledView>('POST', '/api/agent/enrol', { code: made.body.code });
    const config = await anonymous.withToken(enrolled.body.credential).call<AgentConfig>('GET', '/api/agent/config');
    expect(config.body.sources.map((source) => source.sourceId)).toEqual([created.body.id]);
  });

  it('hands an agent no source of another tenant, even one stored naming it (written before sources were checked)', async () => {
    const { agentId, agent } = await enrolNew(shopA, 'Quầy cũ');
    const tenantB = (await shopB.call<{ tenantId: string }>('GET', '/api/me')).body.tenantId;
    const dynamo = new DynamoDBClient(localClientConfig(harness.stack.endpoints.dynamodb));
    try {
      const now = new Date().toISOString();
      await new DynamoSourceRepository(makeTableContext({ tableName: harness.stack.tableName, client: dynamo })).create({
        tenantId: tenantB, id: 'src_legacy_b', type: 'local', name: 'Kho B (cũ)', intervalMinutes: 30, config: { path: '/srv/b-cu', agentId },
        status: 'idle', statusMessage: null, nextSyncAt: null, lastSyncAt: null, lastRunId: null, claim: null, totals: { files: 0, bytes: 0 }, createdAt: now, updatedAt: now,
      });
    } finally {
      dynamo.destroy();
    }
    const mine = await shopA.call<SourceView>('POST', '/api/sources', { type: 'local', name: 'Quầy cũ', intervalMinutes: 30, config: { path: '/srv/a-cu', agentId } });

    const config = await agent.call<AgentConfig>('GET', '/api/agent/config');

    expect(config.body.sources.map((source) => [source.sourceId, source.config.path])).toEqual([[mine.body.id, '/srv/a-cu']]);
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
