import type { Context } from 'aws-lambda';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransientError } from '../../../core/errors';
import { beginRun } from '../../../core/sync/beginRun';
import { claimLeaseUntil } from '../../../core/sync/schedule';
import { systemClock } from '../../../core/ports/clock';
import type { TrackedFile } from '../../../core/sync/trackedFile';
import type { DynamoRunRepository } from '../../../adapters/dynamodb/dynamoRunRepository';
import type { DynamoSourceRepository } from '../../../adapters/dynamodb/dynamoSourceRepository';
import type { DynamoTrackedFileRepository } from '../../../adapters/dynamodb/dynamoTrackedFileRepository';
import { S3FootageCleaner } from '../../../adapters/s3/s3FootageCleaner';
import { S3RunManifestStore } from '../../../adapters/s3/s3RunManifestStore';
import { makeHandler as makeFinishRun } from '../../../functions/sync/finishRun';
import { appDependencies } from '../../../functions/wiring';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { validLocalSource, type ApiClient, type Harness } from '../../support/localStackHarness';
import { openSyncShop, type SyncShop } from './syncShop';
import { trackedFile } from '../../contracts/support/trackedFiles';

interface SourceBody {
  id: string;
  status: string;
  statusMessage: string | null;
  statusMessageCode: string | null;
  nextSyncAt: string | null;
}

let currentTenant = '';

describe('no sync run stays "running"', () => {
  let seeded: SyncShop;
  let harness: Harness;
  let shop: ApiClient;
  let tenantId: string;
  let sources: DynamoSourceRepository;
  let runs: DynamoRunRepository;
  let trackedFiles: DynamoTrackedFileRepository;
  let s3: S3Client;

  beforeAll(async () => {
    // Google Drive (the fake) for the "Sync now" cases: only cloud sources are synced by the cloud.
    seeded = await openSyncShop('ops@never-stuck.example');
    ({ harness, shop, tenantId, sources, runs, trackedFiles } = seeded);
    s3 = new S3Client(localClientConfig(harness.stack.endpoints.s3));
    currentTenant = tenantId;
  });
  afterAll(async () => {
    s3.destroy();
    await seeded.close();
  });

  /** A source claimed by a run that has begun, as sync-source leaves it before its last step. */
  const runningSource = async (runId: string, claimedAt = new Date().toISOString()): Promise<string> => {
    const created = await shop.call<SourceBody>('POST', '/api/sources', { ...validLocalSource, intervalMinutes: 15 });
    expect(await sources.claim(tenantId, created.body.id, { runId, claimedAt, leaseUntil: claimLeaseUntil(claimedAt) })).toBe(true);
    await beginRun({ runs, sources, clock: systemClock }, { tenantId, sourceId: created.body.id, runId, trigger: 'schedule' });
    return created.body.id;
  };

  /** The same for a Google Drive source, stored as the API stores one but without its first sync. */
  const runningDriveSource = async (runId: string, claimedAt: string): Promise<string> => {
    const sourceId = `src_${runId.slice(-12)}`;
    await seeded.storeDriveSource(sourceId, { name: 'Packing Drive', intervalMinutes: 15, nextSyncAt: new Date().toISOString() });
    expect(await sources.claim(tenantId, sourceId, { runId, claimedAt, leaseUntil: claimLeaseUntil(claimedAt) })).toBe(true);
    await beginRun({ runs, sources, clock: systemClock }, { tenantId, sourceId, runId, trigger: 'schedule' });
    return sourceId;
  };

  it('FinishRun records the outcome and releases the claim even when removing the manifests fails', async () => {
    // Prepare: storage refuses the cleanup (the S3 stand-in was down in the field).
    const sourceId = await runningSource('run_20260101T000000000_cleanupfails');
    const refusing = {
      deletePrefix: () => Promise.reject(new TransientError('DeleteObjects failed: connect ECONNREFUSED')),
      deleteObject: () => Promise.reject(new TransientError('DeleteObject failed: connect ECONNREFUSED')),
      abortUploads: () => Promise.reject(new TransientError('ListMultipartUploads failed: connect ECONNREFUSED')),
    };
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

  it('FinishRun stores a failed run with the code of its failure, on the run and on the source, for pages in other languages', async () => {
    // Prepare: a step whose retries ran out on a dependency that stayed down; its words name nothing known.
    const runId = 'run_20260101T000000000_dependencydown';
    const sourceId = await runningSource(runId);
    const finish = makeFinishRun(appDependencies);
    const failure = { Error: 'TransientError', Cause: JSON.stringify({ errorType: 'TransientError', errorMessage: 'ListObjectsV2 failed: the bucket did not answer' }) };

    // Act
    await finish({ tenantId, sourceId, runId, failure }, {} as Context);

    // Assess: stored with the English words, and the code beside them; the API carries both.
    expect(await runs.get(tenantId, sourceId, runId)).toMatchObject({ status: 'failed', error: 'ListObjectsV2 failed: the bucket did not answer', errorCode: 'network' });
    expect(await sources.get(tenantId, sourceId)).toMatchObject({ status: 'error', statusMessageCode: 'network' });
    const source = await shop.call<SourceBody & { lastRun: { errorCode: string | null } }>('GET', `/api/sources/${sourceId}`);
    expect(source.body).toMatchObject({ statusMessage: 'ListObjectsV2 failed: the bucket did not answer', statusMessageCode: 'network', lastRun: { errorCode: 'network' } });
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

  it('the next dispatch closes a run whose execution is gone: failed with the reason, claim and files released, manifests removed', async () => {
    // Prepare: a run that claimed its source ten minutes ago, holds a file and wrote a manifest, then its worker was lost.
    const runId = 'run_20260101T000000000_lostworker';
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000).toISOString();
    const sourceId = await runningSource(runId, tenMinutesAgo);
    const ref = { tenantId, sourceId, providerFileId: 'file_held' };
    await trackedFiles.upsert(pendingFile(sourceId, 'file_held', runId));
    const leaseUntil = new Date(Date.now() + 60 * 60_000).toISOString();
    expect(await trackedFiles.claimForTransfer(ref, { runId, now: new Date().toISOString(), leaseUntil })).not.toBeNull();
    const manifestKey = `${tenantId}/${sourceId}/_runs/${runId}/batch-00001.json`;
    await s3.send(new PutObjectCommand({ Bucket: harness.stack.bucketName, Key: manifestKey, Body: '{"providerFileIds":["file_held"]}' }));

    // Act
    await harness.stack.dispatchNow();

    // Assess
    const run = await runs.get(tenantId, sourceId, runId);
    expect(run).toMatchObject({ status: 'failed', error: expect.stringMatching(/stopped unexpectedly.*next sync continues/), errorCode: 'run_interrupted' });
    expect(await sources.get(tenantId, sourceId)).toMatchObject({ statusMessageCode: 'run_interrupted' });
    const source = await shop.call<SourceBody>('GET', `/api/sources/${sourceId}`);
    expect(source.body).toMatchObject({ status: 'error', statusMessage: run?.error, statusMessageCode: 'run_interrupted' });
    const now = new Date().toISOString();
    expect(await trackedFiles.claimForTransfer(ref, { runId: 'run_successor', now, leaseUntil })).not.toBeNull();
    const left = await s3.send(new ListObjectsV2Command({ Bucket: harness.stack.bucketName, Prefix: `${tenantId}/${sourceId}/_runs/` }));
    expect(left.Contents ?? []).toEqual([]);
  });

  it('"Sync now" on a source held by a run whose execution is gone starts a new run instead of answering "already running"', async () => {
    // Prepare
    const runId = 'run_20260101T000000000_deadholder';
    const sourceId = await runningDriveSource(runId, new Date(Date.now() - 5 * 60_000).toISOString());

    // Act
    const accepted = await shop.call('POST', `/api/sources/${sourceId}/sync`);
    await harness.stack.settle();

    // Assess
    expect(accepted.status).toBe(202);
    const recorded = await runs.listRecent(tenantId, sourceId, 10);
    expect(recorded).toEqual([
      expect.objectContaining({ trigger: 'manual', status: 'succeeded' }),
      expect.objectContaining({ id: runId, status: 'failed', error: expect.stringMatching(/stopped unexpectedly/) }),
    ]);
  });

  it('"Sync now" still answers 409 while the holding run\'s execution is alive', async () => {
    // Prepare: a claim made this instant (its execution may be starting).
    const sourceId = await runningDriveSource('run_20260101T000000000_justclaimed', new Date().toISOString());

    // Act
    const refused = await shop.call('POST', `/api/sources/${sourceId}/sync`);

    // Assess
    expect(refused.status).toBe(409);
    expect(await runs.get(tenantId, sourceId, 'run_20260101T000000000_justclaimed')).toMatchObject({ status: 'running' });
  });
});

/** A pending file of the shop's source, as the planner writes it. */
function pendingFile(sourceId: string, providerFileId: string, runId: string): TrackedFile {
  const now = new Date().toISOString();
  const s3Key = `${currentTenant}/${sourceId}/cam1/undated/${providerFileId}.mp4`;
  return trackedFile(providerFileId, { tenantId: currentTenant, sourceId, runId, s3Key, modifiedTime: now, createdAt: now, updatedAt: now });
}
