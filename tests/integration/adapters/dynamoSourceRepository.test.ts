import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../../core/errors';
import type { Source } from '../../../core/sources/source';
import { claimLeaseUntil } from '../../../core/sync/schedule';
import { DynamoSourceRepository } from '../../../adapters/dynamodb/dynamoSourceRepository';
import { startDynamoTables, type DynamoTables } from '../../support/dynamoTables';

const at = (minute: number): string => new Date(Date.UTC(2025, 6, 18, 9, minute)).toISOString();

function source(tenantId: string, id: string, overrides: Partial<Source> = {}): Source {
  return {
    tenantId,
    id,
    type: 'local',
    name: id,
    intervalMinutes: 15,
    config: { path: '/footage' },
    status: 'idle',
    statusMessage: null,
    nextSyncAt: at(0),
    lastSyncAt: null,
    lastRunId: null,
    claim: null,
    totals: { files: 0, bytes: 0 },
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

describe('DynamoSourceRepository', () => {
  let tables: DynamoTables;
  let repo: DynamoSourceRepository;

  beforeAll(async () => {
    tables = await startDynamoTables('sources');
  });
  afterAll(() => tables.close());

  async function freshRepo(): Promise<DynamoSourceRepository> {
    repo = new DynamoSourceRepository(await tables.freshTable());
    return repo;
  }

  it('refuses to create a source twice', async () => {
    await freshRepo();
    await repo.create(source('t1', 's1'));
    await expect(repo.create(source('t1', 's1'))).rejects.toBeInstanceOf(ConflictError);
  });

  it('finds due sources across shards, oldest first, up to the limit, and none that are not due', async () => {
    await freshRepo();
    for (let i = 0; i < 12; i += 1) await repo.create(source(`t${i % 3}`, `s${i}`, { nextSyncAt: at(i) }));
    await repo.create(source('t0', 'paused', { nextSyncAt: null, status: 'paused' }));

    const due = await repo.findDue(at(9), 5);
    const allDue = await repo.findDue(at(9), 100);

    expect(due.map((d) => d.sourceId)).toEqual(['s0', 's1', 's2', 's3', 's4']);
    expect(allDue).toHaveLength(10);
    expect(allDue.map((d) => d.sourceId)).not.toContain('paused');
  });

  it('claims only when nextSyncAt still has the value the caller saw', async () => {
    await freshRepo();
    await repo.create(source('t1', 's1', { nextSyncAt: at(0) }));
    const claim = { runId: 'run_1', claimedAt: at(1), leaseUntil: claimLeaseUntil(at(1)) };

    expect(await repo.claim('t1', 's1', claim, at(5))).toBe(false);
    expect(await repo.claim('t1', 's1', claim, at(0))).toBe(true);
    const claimed = await repo.get('t1', 's1');

    expect(claimed).toMatchObject({ status: 'syncing', lastRunId: null, nextSyncAt: claim.leaseUntil, claim });
    await repo.recordRunStarted('t1', 's1', 'run_other');
    await repo.recordRunStarted('t1', 's1', 'run_1');
    expect((await repo.get('t1', 's1'))?.lastRunId).toBe('run_1');
    expect((await repo.findDue(at(2), 10)).map((d) => d.sourceId)).not.toContain('s1');
  });

  it('refuses to claim a paused source or one awaiting re-auth', async () => {
    await freshRepo();
    await repo.create(source('t1', 'p', { status: 'paused', nextSyncAt: null }));
    await repo.create(source('t1', 'r', { status: 'needs_reauth', nextSyncAt: null }));
    const claim = { runId: 'run_1', claimedAt: at(1), leaseUntil: claimLeaseUntil(at(1)) };

    expect(await repo.claim('t1', 'p', claim)).toBe(false);
    expect(await repo.claim('t1', 'r', claim)).toBe(false);
    expect(await repo.claim('t1', 'missing', claim)).toBe(false);
  });

  it('releases only the claim of the run that holds it, and schedules the next sync', async () => {
    await freshRepo();
    await repo.create(source('t1', 's1'));
    await repo.claim('t1', 's1', { runId: 'run_1', claimedAt: at(1), leaseUntil: claimLeaseUntil(at(1)) });
    const release = { status: 'idle', statusMessage: null, nextSyncAt: at(20), lastSyncAt: at(5) } as const;

    expect(await repo.release('t1', 's1', 'run_other', release)).toBe(false);
    expect(await repo.release('t1', 's1', 'run_1', release)).toBe(true);
    expect(await repo.release('t1', 's1', 'run_1', release)).toBe(false);
    expect(await repo.get('t1', 's1')).toMatchObject({ status: 'idle', claim: null, nextSyncAt: at(20), lastSyncAt: at(5) });
  });

  it('keeps a source paused during its run paused and unscheduled when the run releases it', async () => {
    await freshRepo();
    await repo.create(source('t1', 's1'));
    await repo.claim('t1', 's1', { runId: 'run_1', claimedAt: at(1), leaseUntil: claimLeaseUntil(at(1)) });
    await repo.update('t1', 's1', { status: 'paused', nextSyncAt: null }, at(2));

    expect(await repo.release('t1', 's1', 'run_1', { status: 'idle', statusMessage: null, nextSyncAt: at(20), lastSyncAt: at(5) })).toBe(true);

    expect(await repo.get('t1', 's1')).toMatchObject({ status: 'paused', nextSyncAt: null, claim: null, lastSyncAt: at(5) });
    expect(await repo.findDue(at(59), 10)).toEqual([]);
  });

  it('records an agent’s run as the last run with its totals, leaving status and schedule alone, and not for a source being deleted or gone', async () => {
    // Prepare
    await freshRepo();
    await repo.create(source('t1', 's1', { status: 'paused', nextSyncAt: null, totals: { files: 2, bytes: 100 } }));
    await repo.create(source('t1', 'gone', { status: 'deleting' }));

    // Act
    const recorded = await repo.recordAgentRun('t1', 's1', { runId: 'run_a', at: at(7), addTotals: { files: 1, bytes: 50 } });
    const deleting = await repo.recordAgentRun('t1', 'gone', { runId: 'run_b', at: at(7), addTotals: { files: 1, bytes: 50 } });
    const missing = await repo.recordAgentRun('t1', 'none', { runId: 'run_c', at: at(7), addTotals: { files: 1, bytes: 50 } });

    // Assess
    expect([recorded, deleting, missing]).toEqual([true, false, false]);
    expect(await repo.get('t1', 's1')).toMatchObject({ status: 'paused', nextSyncAt: null, lastRunId: 'run_a', lastSyncAt: at(7), totals: { files: 3, bytes: 150 } });
    expect(await repo.get('t1', 'gone')).toMatchObject({ lastRunId: null, totals: { files: 0, bytes: 0 } });
  });

  it('keeps the newer agent run as the last run when an older one is recorded late, adding its totals', async () => {
    // Prepare: the run of 09:00 is the last run.
    await freshRepo();
    await repo.create(source('t1', 's1'));
    await repo.recordAgentRun('t1', 's1', { runId: 'run_20250718T090000000_bbbbbbbb', at: at(9), addTotals: { files: 1, bytes: 50 } });

    // Act: a delivery of the 08:00 run counted late, then the next hour's run.
    const late = await repo.recordAgentRun('t1', 's1', { runId: 'run_20250718T080000000_aaaaaaaa', at: at(30), addTotals: { files: 1, bytes: 20 } });
    const afterLate = await repo.get('t1', 's1');
    await repo.recordAgentRun('t1', 's1', { runId: 'run_20250718T100000000_cccccccc', at: at(31), addTotals: { files: 0, bytes: 0 } });

    // Assess
    expect(late).toBe(true);
    expect(afterLate).toMatchObject({ lastRunId: 'run_20250718T090000000_bbbbbbbb', lastSyncAt: at(30), totals: { files: 2, bytes: 70 } });
    expect(await repo.get('t1', 's1')).toMatchObject({ lastRunId: 'run_20250718T100000000_cccccccc', totals: { files: 2, bytes: 70 } });
  });

  it('answers NotFound for updates and deletes of a missing source and lists only the tenant\'s sources', async () => {
    await freshRepo();
    await repo.create(source('t1', 'a'));
    await repo.create(source('t2', 'b'));

    await expect(repo.update('t1', 'b', { name: 'x' }, at(1))).rejects.toBeInstanceOf(NotFoundError);
    await expect(repo.delete('t1', 'b')).rejects.toBeInstanceOf(NotFoundError);
    expect((await repo.list('t1')).map((s) => s.id)).toEqual(['a']);
  });
});
