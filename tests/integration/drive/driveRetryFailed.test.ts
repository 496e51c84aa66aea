/**
 * Failed files are retried (issue #10 item 3): on the local stack with the
 * Drive fake, a download quota is tried again by a later sync once its day is
 * over, a file Google will never hand out is not retried by itself, and
 * "Retry failed files" takes every failed file up again at once.
 */
import { createHash } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetryFailedView, RunView, SourceView, TrackedFileView } from '../../../core/api/sourcesApi';
import { tableKeys } from '../../../core/keys/tableKeys';
import { DynamoSourceRepository } from '../../../adapters/dynamodb/dynamoSourceRepository';
import { makeTableContext } from '../../../adapters/dynamodb/tableContext';
import type { GoogleStack } from '../../support/googleStack';
import { ApiClient } from '../../support/localStackHarness';
import { openGoogleShop } from '../../support/googleShop';

const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');
const hoursFromNow = (iso: string | null | undefined): number => (Date.parse(iso ?? '') - Date.now()) / 3600_000;

describe('failed files are retried', () => {
  let google: GoogleStack;
  let shop: ApiClient;
  let s3: S3Client;
  let dynamo: DynamoDBDocumentClient;
  let dynamoBase: DynamoDBClient;
  let connectionId: string;
  let tenantId: string;

  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ google, shop, connectionId, tenantId, s3, dynamo, dynamoBase, close } = await openGoogleShop('owner@retries.example', 'Retry Shop'));
  });
  afterAll(() => close());

  async function createSource(folderId: string): Promise<string> {
    const created = await shop.call<SourceView>('POST', '/api/sources', {
      type: 'google_drive',
      name: `Retries ${folderId}`,
      intervalMinutes: 60,
      config: { connectionId, folderIds: [folderId] },
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }
  const fileOf = async (sourceId: string, id: string): Promise<TrackedFileView | undefined> =>
    (await shop.call<{ items: TrackedFileView[] }>('GET', `/api/sources/${sourceId}/files?limit=500`)).body.items.find((f) => f.providerFileId === id);
  const lastRun = async (sourceId: string): Promise<RunView | undefined> =>
    (await shop.call<{ items: RunView[] }>('GET', `/api/sources/${sourceId}/runs`)).body.items[0];
  const mediaReads = (id: string): number => google.fake.requests.filter((r) => r.operation === 'files.get.media' && r.fileId === id).length;
  const syncNow = async (sourceId: string): Promise<void> => {
    expect((await shop.call('POST', `/api/sources/${sourceId}/sync`)).status).toBe(202);
    await google.harness.stack.settle();
  };
  /** As if the planned wait were over: the retry time moved into the past. */
  const timePasses = (sourceId: string, providerFileId: string): Promise<unknown> =>
    dynamo.send(
      new UpdateCommand({
        TableName: google.harness.stack.tableName,
        Key: tableKeys.file(tenantId, sourceId, providerFileId),
        UpdateExpression: 'SET nextAttemptAt = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 60_000).toISOString() },
      }),
    );
  const storedMd5 = async (key: string): Promise<string> => {
    const object = await s3.send(new GetObjectCommand({ Bucket: google.harness.stack.bucketName, Key: key }));
    return md5(await object.Body!.transformToByteArray());
  };

  it('tries a quota-blocked file again on a sync about a day later, not before, and stores it then', async () => {
    // Prepare: Drive refuses the first download for its daily quota.
    const folder = google.fake.drive.addFolder({ name: 'Quota tomorrow' });
    const content = Buffer.from('footage blocked by the download quota today');
    const id = google.fake.drive.addFile({ name: 'Cam1_20250718_140000.mp4', parentId: folder, content });
    google.fake.faults.add({ match: { operation: 'files.get.media', fileId: id }, respond: { status: 403, reason: 'downloadQuotaExceeded' } });
    const sourceId = await createSource(folder);
    await google.harness.stack.settle();
    const failed = await fileOf(sourceId, id);

    // Act: a sync the same day, then one once the day is over.
    await syncNow(sourceId);
    const sameDay = await fileOf(sourceId, id);
    const readsSameDay = mediaReads(id);
    await timePasses(sourceId, id);
    await syncNow(sourceId);
    const nextDay = await fileOf(sourceId, id);

    // Assess
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringMatching(/downloadQuotaExceeded/) });
    expect(hoursFromNow(failed?.nextAttemptAt)).toBeGreaterThan(23.5);
    expect(hoursFromNow(failed?.nextAttemptAt)).toBeLessThan(24.5);
    expect(sameDay).toMatchObject({ status: 'failed', nextAttemptAt: failed?.nextAttemptAt });
    expect(readsSameDay).toBe(1);
    expect(nextDay).toMatchObject({ status: 'done', nextAttemptAt: null });
    expect(await storedMd5(nextDay?.s3Key ?? '')).toBe(md5(content));
    expect(await lastRun(sourceId)).toMatchObject({ status: 'succeeded', outcome: 'succeeded', filesDone: 1, filesFailed: 0 });
  });

  it('has the scheduler start a run for a failed file whose retry is due, though nothing changed in Drive', async () => {
    // Prepare: a download that kept breaking, failed with a retry planned; then the wait is over and the source is due.
    const folder = google.fake.drive.addFolder({ name: 'Flaky tonight' });
    const content = Buffer.from('footage behind a flaky connection');
    const id = google.fake.drive.addFile({ name: 'Cam4_20250718_160000.mp4', parentId: folder, content });
    google.fake.faults.add({ match: { operation: 'files.get.media', fileId: id }, respond: { status: 403, reason: 'downloadQuotaExceeded' } });
    const sourceId = await createSource(folder);
    await google.harness.stack.settle();
    expect(await fileOf(sourceId, id)).toMatchObject({ status: 'failed' });
    await timePasses(sourceId, id);
    const sources = new DynamoSourceRepository(makeTableContext({ tableName: google.harness.stack.tableName, client: dynamoBase }));
    const past = new Date(Date.now() - 60_000).toISOString();
    await sources.update(tenantId, sourceId, { nextSyncAt: past }, past);

    // Act: the scheduler's tick (its cheap change check sees no Drive change, only the due retry).
    await google.harness.stack.dispatchNow();

    // Assess
    expect(await fileOf(sourceId, id)).toMatchObject({ status: 'done' });
    expect(await lastRun(sourceId)).toMatchObject({ trigger: 'schedule', outcome: 'succeeded', filesDone: 1 });
  });

  it('leaves a file Google will never hand out failed, with no retry planned, until the tenant asks; Retry failed files then stores it', async () => {
    // Prepare: Google flags the file once; the tenant has it checked and cleared in Drive afterwards.
    const folder = google.fake.drive.addFolder({ name: 'Flagged' });
    const content = Buffer.from('footage Google flagged by mistake');
    const id = google.fake.drive.addFile({ name: 'Cam2_20250718_150000.mp4', parentId: folder, content });
    google.fake.drive.addFile({ name: 'Cam2_20250718_150100.mp4', parentId: folder, content: Buffer.from('fine') });
    google.fake.faults.add({ match: { operation: 'files.get.media', fileId: id }, respond: { status: 403, reason: 'cannotDownloadAbusiveFile' } });
    const sourceId = await createSource(folder);
    await google.harness.stack.settle();
    const failed = await fileOf(sourceId, id);
    const firstRun = await lastRun(sourceId);

    // Act
    await syncNow(sourceId);
    const afterSync = await fileOf(sourceId, id);
    const retried = await shop.call<RetryFailedView>('POST', `/api/sources/${sourceId}/retry-failed`);
    await google.harness.stack.settle();
    const afterRetry = await fileOf(sourceId, id);
    const nothingLeft = await shop.call<RetryFailedView>('POST', `/api/sources/${sourceId}/retry-failed`);

    // Assess
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null, lastError: expect.stringMatching(/cannotDownloadAbusiveFile/) });
    expect(firstRun).toMatchObject({ outcome: 'finished_with_problems', filesFailed: 1, filesDone: 1 });
    expect(afterSync).toMatchObject({ status: 'failed', nextAttemptAt: null });
    expect(mediaReads(id)).toBe(2);
    expect(retried.status).toBe(202);
    expect(retried.body).toEqual({ requeued: 1, runId: expect.stringMatching(/^run_/), message: 'Retrying 1 file now.' });
    expect(afterRetry).toMatchObject({ status: 'done' });
    expect(await storedMd5(afterRetry?.s3Key ?? '')).toBe(md5(content));
    expect(nothingLeft.body).toEqual({ requeued: 0, runId: null, message: 'No failed files to retry.' });
  });

  it('answers 404 for Retry failed files on a source of another tenant', async () => {
    const other = (await new ApiClient(google.harness.stack.url).signUp('other@retries.example', 'Other Shop')).client;
    const folder = google.fake.drive.addFolder({ name: 'Private' });
    const sourceId = await createSource(folder);
    await google.harness.stack.settle();

    const response = await other.call('POST', `/api/sources/${sourceId}/retry-failed`);

    expect(response.status).toBe(404);
  });
});
