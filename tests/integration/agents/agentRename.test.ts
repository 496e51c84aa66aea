import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentView, EnrolmentView } from '../../../core/api/agentsApi';
import type { ListOf } from '../../../core/api/collections';
import type { ErrorBody } from '../../../core/api/errorCodes';
import { openTwoShops } from '../../support/agentShops';
import type { ApiClient, Harness } from '../../support/localStackHarness';

describe('renaming an edge agent on the local stack', () => {
  let harness: Harness;
  let shopA: ApiClient;
  let shopB: ApiClient;

  beforeAll(async () => {
    ({ harness, shopA, shopB } = await openTwoShops('doi-ten'));
  });
  afterAll(() => harness.close());

  const nameOf = async (agentId: string): Promise<string | undefined> =>
    (await shopA.call<ListOf<AgentView>>('GET', '/api/agents')).body.items.find((item) => item.id === agentId)?.name;

  it('renames an agent, trimming the spaces around the new name', async () => {
    // Prepare
    const made = await shopA.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy kho' });

    // Act
    const renamed = await shopA.call<AgentView>('PATCH', `/api/agents/${made.body.agent.id}`, { name: '  Máy kho Quận 7  ' });

    // Assess
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Máy kho Quận 7');
    expect(await nameOf(made.body.agent.id)).toBe('Máy kho Quận 7');
  });

  it.each([
    ['blank', '   ', 'must not be empty'],
    ['over 100 characters', 'M'.repeat(101), 'at most 100 characters'],
    ['with a line break', 'Máy kho\nQuận 7', 'control characters'],
    ['with a tab', 'Máy\tkho', 'control characters'],
    ['with a NUL', 'Máy kho\u0000', 'control characters'],
  ])('refuses a name %s with a 400 naming the field, and keeps the old name', async (_case, name, reason) => {
    // Prepare
    const made = await shopA.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy giữ tên' });

    // Act
    const refused = await shopA.call<ErrorBody>('PATCH', `/api/agents/${made.body.agent.id}`, { name });

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'validation_error', field: 'name' });
    expect(refused.body.error.message).toMatch(/^name: /);
    expect(refused.body.error.message).toContain(reason);
    expect(await nameOf(made.body.agent.id)).toBe('Máy giữ tên');
  });

  it('refuses a new agent whose name holds control characters, and adds none', async () => {
    // Prepare
    const before = (await shopA.call<ListOf<AgentView>>('GET', '/api/agents')).body.items.length;

    // Act
    const refused = await shopA.call<ErrorBody>('POST', '/api/agents', { name: 'Máy\r\nkho' });

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'validation_error', field: 'name' });
    expect((await shopA.call<ListOf<AgentView>>('GET', '/api/agents')).body.items).toHaveLength(before);
  });

  it('does not let another tenant rename an agent', async () => {
    // Prepare
    const made = await shopA.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy của A' });

    // Act
    const refused = await shopB.call<ErrorBody>('PATCH', `/api/agents/${made.body.agent.id}`, { name: 'Của B rồi' });

    // Assess
    expect(refused.status).toBe(404);
    expect(await nameOf(made.body.agent.id)).toBe('Máy của A');
  });
});
