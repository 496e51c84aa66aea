import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../core/ports/clock';
import { claimLeaseUntil } from '../../../core/sync/schedule';
import type { DynamoRunRepository } from '../../../adapters/dynamodb/dynamoRunRepository';
import type { DynamoSourceRepository } from '../../../adapters/dynamodb/dynamoSourceRepository';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { localStateMachineArn } from '../../../infra/local/stepfunctions/localArns';
import { validLocalSource, type ApiClient, type Harness } from '../../support/localStackHarness';
import { openSyncShop, type SyncShop } from './syncShop';

import type { SourceView } from '../../../core/api/sourcesApi';

/** Sources the cloud pulls (Drive); edge sources are the on-site agent's. */
const DRIVE_INTERVAL_MINUTES = 30;

describe('dispatch and sync-source machines on the local stack', () => {
  let seeded: SyncShop;
  let harness: Harness;
  let shop: ApiClient;
  let tenantId: string;
  let sfn: SFNClient;
  let sources: DynamoSourceRepository;
  let runs: DynamoRunRepository;

  beforeAll(async () => {
    seeded = await openSyncShop('ops@dispatch.example');
    ({ harness, shop, tenantId, sources, runs } = seeded);
    sfn = new SFNClient(localClientConfig(harness.stack.endpoints.stepFunctions));
  });
  afterAll(async () => {
    sfn.destroy();
    await seeded.close();
  });

  const runsOf = (sourceId: string) => runs.listRecent(tenantId, sourceId, 50);
  let created = 0;

  /** A Drive source stored due now, as the API stores one, without its initial download (so the dispatcher starts it). */
  const dueDriveSource = async (): Promise<{ body: Pick<SourceView, 'id' | 'nextSyncAt'> }> => {
    const now = new Date().toISOString();
    created += 1;
    const id = `src_dispatch${created}`;
    await seeded.storeDriveSource(id, { name: 'Packing station Drive', intervalMinutes: DRIVE_INTERVAL_MINUTES, nextSyncAt: now });
    return { body: { id, nextSyncAt: now } };
  };

  it('dispatches a due source, records a run and schedules the next sync one interval later', async () => {
    const created = await dueDriveSource();

    await harness.stack.dispatchNow();
    const source = await shop.call<SourceView>('GET', `/api/sources/${created.body.id}`);
    const recorded = await runsOf(created.body.id);

    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ trigger: 'schedule', status: 'succeeded' });
    expect(source.body).toMatchObject({ status: 'idle', lastRun: { status: 'succeeded' } });
    const finishedAt = Date.parse(recorded[0]?.finishedAt ?? '');
    expect(Date.parse(source.body.nextSyncAt ?? '')).toBe(finishedAt + DRIVE_INTERVAL_MINUTES * 60_000);
  });

  it('does not dispatch a source before it is due', async () => {
    const created = await dueDriveSource();
    await harness.stack.dispatchNow();

    await harness.stack.dispatchNow();

    expect(await runsOf(created.body.id)).toHaveLength(1);
  });

  it('starts each due source once when two dispatches overlap', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await dueDriveSource()).body.id);

    const dispatch = localStateMachineArn('dispatch');
    await Promise.all([
      sfn.send(new StartExecutionCommand({ stateMachineArn: dispatch, name: 'overlap-a', input: '{}' })),
      sfn.send(new StartExecutionCommand({ stateMachineArn: dispatch, name: 'overlap-b', input: '{}' })),
    ]);
    await harness.stack.settle();

    const counts = await Promise.all(ids.map(async (id) => (await runsOf(id)).length));
    expect(counts).toEqual([1, 1, 1, 1, 1]);
  });

  it('lets exactly one of two claims on the same due row win', async () => {
    const created = await dueDriveSource();
    const seen = created.body.nextSyncAt ?? '';
    const now = systemClock.now().toISOString();
    const claim = (runId: string) => sources.claim(tenantId, created.body.id, { runId, claimedAt: now, leaseUntil: claimLeaseUntil(now) }, seen);

    const outcomes = await Promise.all([claim('run_a'), claim('run_b'), claim('run_c')]);

    expect(outcomes.filter(Boolean)).toHaveLength(1);
  });

  it('dispatches again a source whose run died, once its claim lease has lapsed', async () => {
    const created = await dueDriveSource();
    const longAgo = new Date(Date.now() - 2 * 3600_000).toISOString();
    // A run that claimed the source two hours ago and never finished (crashed worker).
    expect(await sources.claim(tenantId, created.body.id, { runId: 'run_dead', claimedAt: longAgo, leaseUntil: claimLeaseUntil(longAgo) })).toBe(true);

    await harness.stack.dispatchNow();
    const after = await shop.call<SourceView>('GET', `/api/sources/${created.body.id}`);

    expect(await runsOf(created.body.id)).toEqual([expect.objectContaining({ status: 'succeeded', trigger: 'schedule' })]);
    expect(after.body.status).toBe('idle');
  });

  it('runs "Sync now" as a manual run and refuses a second one while it is claimed', async () => {
    const created = await dueDriveSource();
    const now = new Date().toISOString();
    expect(await sources.claim(tenantId, created.body.id, { runId: 'run_busy', claimedAt: now, leaseUntil: claimLeaseUntil(now) })).toBe(true);

    const whileBusy = await shop.call('POST', `/api/sources/${created.body.id}/sync`);
    await sources.release(tenantId, created.body.id, 'run_busy', { status: 'idle', statusMessage: null, nextSyncAt: now, lastSyncAt: now });
    const accepted = await shop.call('POST', `/api/sources/${created.body.id}/sync`);
    await harness.stack.settle();

    expect(whileBusy.status).toBe(409);
    expect(accepted.status).toBe(202);
    expect(await runsOf(created.body.id)).toEqual([expect.objectContaining({ status: 'succeeded', trigger: 'manual' })]);
  });

  it('records a failed run with its reason when a step fails, and the execution fails', async () => {
    // A run for a source that no longer exists: ListChanges fails, the Catch path must still finish the run.
    const request = { tenantId, sourceId: 'src_gone', runId: 'run_failing_1', trigger: 'manual' };
    const started = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: localStateMachineArn('sync-source'), name: request.runId, input: JSON.stringify(request) }),
    );
    await harness.stack.settle();
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    const run = await runs.get(tenantId, 'src_gone', 'run_failing_1');

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('SyncRunFailed');
    expect(run).toMatchObject({ status: 'failed' });
    expect(run?.error).toBe('source was deleted during the run');
  });

  it('treats a repeated StartExecution with the same name and input as the same execution', async () => {
    const input = JSON.stringify({});
    const dispatch = localStateMachineArn('dispatch');

    const first = await sfn.send(new StartExecutionCommand({ stateMachineArn: dispatch, name: 'same-name', input }));
    const second = await sfn.send(new StartExecutionCommand({ stateMachineArn: dispatch, name: 'same-name', input }));
    const different = sfn.send(new StartExecutionCommand({ stateMachineArn: dispatch, name: 'same-name', input: '{"x":1}' }));

    expect(second.executionArn).toBe(first.executionArn);
    await expect(different).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    await harness.stack.settle();
  });

  it('never starts a cloud sync for an edge source (local, onvif): one found due leaves the due index', async () => {
    // Prepare: the API stores a local-folder source due now; the on-site agent pulls it, not the cloud.
    const edge = await shop.call<SourceView>('POST', '/api/sources', validLocalSource);
    const onvif = await shop.call<SourceView>('POST', '/api/sources', {
      type: 'onvif',
      name: 'Packing cameras',
      intervalMinutes: 5,
      config: { address: '192.168.1.64' },
    });

    // Act
    await harness.stack.dispatchNow();
    await harness.stack.dispatchNow();

    // Assess
    for (const created of [edge, onvif]) {
      expect(created.status).toBe(201);
      expect(await runsOf(created.body.id)).toEqual([]);
      expect(await sources.get(tenantId, created.body.id)).toMatchObject({ nextSyncAt: null, claim: null, status: 'idle' });
    }
    expect((await sources.findDue(new Date(Date.now() + 3600_000).toISOString(), 100)).map((d) => d.sourceId)).not.toContain(edge.body.id);
  });
});
