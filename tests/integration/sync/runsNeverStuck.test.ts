import type { Context } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransientError } from '../../../core/errors';
import { beginRun } from '../../../core/sync/beginRun';
import { claimLeaseUntil } from '../../../core/sync/schedule';
import { systemClock } from '../../../core/ports/clock';
import { DynamoRunRepository } from '../../../adapters/dynamodb/dynamoRunRepository';
import { DynamoSourceRepository } from '../../../adapters/dynamodb/dynamoSourceRepository';
import { makeTableContext } from '../../../adapters/dynamodb/tableContext';
import { S3FootageCleaner } from '../../../adapters/s3/s3FootageCleaner';
import { S3RunManifestStore } from '../../../adapters/s3/s3RunManifestStore';
import { makeHandler as makeFinishRun } from '../../../functions/sync/finishRun';
import { appDependencies } from '../../../functions/wiring';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { ApiClient, startHarness, validLocalSource, type Harness } from '../../support/localStackHarness';

interface SourceBody {
  id: string;
  status: string;
  statusMessage: string | null;
  nextSyncAt: string | null;
}

describe('no sync run stays "running"', () => {
  let harness: Harness;
  let shop: ApiClient;
  let tenantId: string;
  let dynamo: DynamoDBClient;
  let sources: DynamoSourceRepository;
  let runs: DynamoRunRepository;

  beforeAll(async () => {
    harness = await startHarness();
    ({ client: shop, tenantId } = await new ApiClient(harness.stack.url).signUp('ops@never-stuck.example'));
    dynamo = new DynamoDBClient(localClientConfig(harness.stack.endpoints.dynamodb));
    const table = makeTableContext({ tableName: harness.stack.tableName, client: dynamo });
    sources = new DynamoSourceRepository(table);
    runs = new DynamoRunRepository(table);
  });
  afterAll(async () => {
    dynamo.destroy();
    await harness.close();
  });

  /** A source claimed by a run that has begun, as sync-source leaves it before its last step. */
  const runningSource = async (runId: string, claimedAt = new Date().toISOString()): Promise<string> => {
    const created = await shop.call<SourceBody>('POST', '/api/sources', { ...validLocalSource, intervalMinutes: 15 });
    expect(await sources.claim(tenantId, created.body.id, { runId, claimedAt, leaseUntil: claimLeaseUntil(claimedAt) })).toBe(true);
    await beginRun({ runs, sources, clock: systemClock }, { tenantId, sourceId: created.body.id, runId, trigger: 'schedule' });
    return created.body.id;
  };

  it('FinishRun records the outcome and releases the claim even when removing the manifests fails', async () => {
    // Prepare: storage refuses the cleanup (the S3 stand-in was down in the field).
    const sourceId = await runningSource('run_20260101T000000000_cleanupfails');
    const refusing = { deletePrefix: () => Promise.reject(new TransientError('DeleteObjects failed: connect ECONNREFUSED')) };
    const finish = makeFinishRun(() => ({ ...appDependencies(), footage: refusing }));

    // Act
    const result = await finish({ tenantId, sourceId, runId: 'run_20260101T000000000_cleanupfails' }, {} as Context);

    // Assess
    expect(result).toMatchObject({ status: 'succeeded' });
    expect(await runs.get(tenantId, sourceId, 'run_20260101T000000000_cleanupfails')).toMatchObject({ status: 'succeeded' });
    expect((await sources.get(tenantId, sourceId))?.status).toBe('idle');
    const now = new Date().toISOString();
    expect(await sources.claim(tenantId, sourceId, { runId: 'run_next', claimedAt: now, leaseUntil: claimLeaseUntil(now) })).toBe(true);
  });

  it('a dropped S3 connection is a TransientError for manifests and cleanup, so steps retry it', async () => {
    // Prepare: a port where nothing listens.
    const gone = new S3Client({ ...localClientConfig('http://127.0.0.1:9'), maxAttempts: 1 });

    // Act
    const [read, write, clean] = await Promise.allSettled([
      new S3RunManifestStore(gone, harness.stack.bucketName).read('t/s/_runs/r/batch-00001.json'),
      new S3RunManifestStore(gone, harness.stack.bucketName).write('t', 's', 'r', [{ providerFileIds: ['a'] }]),
      new S3FootageCleaner(gone, harness.stack.bucketName).deletePrefix('t/s/'),
    ]);
    gone.destroy();

    // Assess
    for (const outcome of [read, write, clean]) {
      expect(outcome.status).toBe('rejected');
      const reason: unknown = outcome.status === 'rejected' ? outcome.reason : null;
      expect(reason).toBeInstanceOf(TransientError);
      expect(reason).toMatchObject({ name: 'TransientError', message: expect.stringMatching(/ECONNREFUSED/) });
    }
  });
});
