import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoShareLinkRepository } from '../../../adapters/dynamodb/dynamoShareLinkRepository';
import { ConflictError, NotFoundError } from '../../../core/errors';
import type { ShareLink } from '../../../core/shares/shareLink';
import { startDynamoTables, type DynamoTables } from '../../support/dynamoTables';

const link = (overrides: Partial<ShareLink> = {}): ShareLink => ({
  tenantId: 'ten_a',
  id: 'shr_1',
  eventId: 'src_1_cam1_20250718T023003000Z_SPX1',
  tokenHash: 'a'.repeat(64),
  createdAt: '2025-07-18T03:00:00.000Z',
  createdBy: 'usr_1',
  expiresAt: '2025-07-25T03:00:00.000Z',
  revokedAt: null,
  ...overrides,
});

describe('DynamoShareLinkRepository (DynamoDB stand-in)', () => {
  let tables: DynamoTables;
  beforeAll(async () => {
    tables = await startDynamoTables('shares');
  });
  afterAll(async () => {
    await tables.close();
  });

  it('finds a link by its token hash alone, and lists it under its event only', async () => {
    const shares = new DynamoShareLinkRepository(await tables.freshTable());
    await shares.create(link());
    await shares.create(link({ id: 'shr_2', eventId: 'src_1_cam1_other', tokenHash: 'b'.repeat(64) }));

    expect(await shares.findByTokenHash('a'.repeat(64))).toEqual(link());
    expect(await shares.findByTokenHash('c'.repeat(64))).toBeNull();
    expect((await shares.listForEvent('ten_a', link().eventId)).map((l) => l.id)).toEqual(['shr_1']);
    expect(await shares.listForEvent('ten_b', link().eventId)).toEqual([]);
  });

  it('refuses a second link with the same token hash', async () => {
    const shares = new DynamoShareLinkRepository(await tables.freshTable());
    await shares.create(link());

    await expect(shares.create(link({ id: 'shr_9' }))).rejects.toThrow(ConflictError);
  });

  it('revokes once: revoking again keeps the first time, and an unknown link is NotFoundError', async () => {
    const shares = new DynamoShareLinkRepository(await tables.freshTable());
    await shares.create(link());

    const first = await shares.revoke('ten_a', link().eventId, 'shr_1', '2025-07-19T00:00:00.000Z');
    const again = await shares.revoke('ten_a', link().eventId, 'shr_1', '2025-07-20T00:00:00.000Z');

    expect(first.revokedAt).toBe('2025-07-19T00:00:00.000Z');
    expect(again.revokedAt).toBe('2025-07-19T00:00:00.000Z');
    expect((await shares.findByTokenHash('a'.repeat(64)))?.revokedAt).toBe('2025-07-19T00:00:00.000Z');
    await expect(shares.revoke('ten_b', link().eventId, 'shr_1', '2025-07-20T00:00:00.000Z')).rejects.toThrow(NotFoundError);
  });
});
