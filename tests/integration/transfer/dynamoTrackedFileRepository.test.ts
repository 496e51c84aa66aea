import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConflictError } from '../../../core/errors';
import { filesByStatusIndex, tableKeys } from '../../../core/keys/tableKeys';
import type { TrackedFile, TransferCheckpoint } from '../../../core/sync/trackedFile';
import { DynamoTrackedFileRepository } from '../../../adapters/dynamodb/dynamoTrackedFileRepository';
import { makeTableContext, type TableContext } from '../../../adapters/dynamodb/tableContext';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { createTableIfMissing } from '../../../infra/local/dynamodb/createTableIfMissing';
import { startDynamoStandIn } from '../../../infra/local/dynamodb/startDynamoStandIn';
import type { RunningService } from '../../../infra/local/runningService';
import { caught } from '../standins/support/caught';

const at = (second: number): string => new Date(Date.UTC(2025, 6, 18, 9, 0, second)).toISOString();
const T = 'tenant-r';
const S = 'source-r';
const ref = (id: string) => ({ tenantId: T, sourceId: S, providerFileId: id });

function file(id: string, overrides: Partial<TrackedFile> = {}): TrackedFile {
  return {
    ...ref(id),
    name: `${id}.mp4`,
    relativePath: `cam1/${id}.mp4`,
    cameraId: 'cam1',
    mimeType: 'video/mp4',
    size: 20_000_000,
    md5: 'a'.repeat(32),
    revision: 'rev-1',
    modifiedTime: at(0),
    recordingStartAt: null,
    s3Key: `${T}/footage/${id}.mp4`,
    status: 'pending',
    attempts: 0,
    lastError: null,
    reason: null,
    bytesTransferred: 0,
    checkpoint: null,
    runId: 'run-plan',
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

/** A distinct, valid base64 CRC32 per part index. */
const crcOf = (i: number): string => Buffer.from([i >>> 24, (i >>> 16) & 255, (i >>> 8) & 255, (i & 255) ^ 0xa5]).toString('base64');

function checkpoint(parts: number, overrides: Partial<TransferCheckpoint> = {}): TransferCheckpoint {
  const partSize = 8 * 1024 * 1024;
  return {
    uploadId: 'upload-1',
    s3Key: `${T}/footage/x.mp4`,
    partSize,
    parts: Array.from({ length: parts }, (_, i) => ({
      partNumber: i + 1,
      etag: `"${String(i).padStart(32, '0')}"`,
      size: partSize,
      checksumCrc32: crcOf(i),
    })),
    bytesDone: parts * partSize,
    md5State: 'c3RhdGU=',
    revision: 'rev-1',
    updatedAt: at(5),
    partChecksum: 'CRC32',
    ...overrides,
  };
}

describe('DynamoTrackedFileRepository', () => {
  let dynamo: RunningService;
  let client: DynamoDBClient;
  let table: TableContext;
  let repo: DynamoTrackedFileRepository;
  let tables = 0;

  beforeAll(async () => {
    dynamo = await startDynamoStandIn({});
    client = new DynamoDBClient(localClientConfig(dynamo.endpoint));
  });
  afterAll(async () => {
    client.destroy();
    await dynamo.stop();
  });

  async function fresh(): Promise<void> {
    tables += 1;
    await createTableIfMissing(client, `files-${tables}`);
    table = makeTableContext({ tableName: `files-${tables}`, client });
    repo = new DynamoTrackedFileRepository(table);
  }

  async function rawItem(id: string): Promise<Record<string, unknown>> {
    const result = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: tableKeys.file(T, S, id) }));
    return result.Item ?? {};
  }

  test('a claimed file is refused to another run until its lease lapses', async () => {
    // Prepare
    await fresh();
    await repo.upsert(file('f1'));

    // Act
    const first = await repo.claimForTransfer(ref('f1'), { runId: 'run-a', now: at(10), leaseUntil: at(70) });
    const whileLive = await repo.claimForTransfer(ref('f1'), { runId: 'run-b', now: at(69), leaseUntil: at(129) });
    const afterLapse = await repo.claimForTransfer(ref('f1'), { runId: 'run-b', now: at(70), leaseUntil: at(130) });

    // Assess
    expect(first).toMatchObject({ status: 'transferring', runId: 'run-a', updatedAt: at(10) });
    expect(whileLive).toBeNull();
    expect(afterLapse).toMatchObject({ status: 'transferring', runId: 'run-b' });
    expect(await rawItem('f1')).toMatchObject({ claimRunId: 'run-b', leaseUntil: at(130), gsi2pk: filesByStatusIndex.partition(T, S, 'transferring'), gsi2sk: at(70) });
  });

  test('a run that lost its claim cannot save a checkpoint, mark done or release the file', async () => {
    // Prepare
    await fresh();
    await repo.upsert(file('f2'));
    await repo.claimForTransfer(ref('f2'), { runId: 'run-a', now: at(10), leaseUntil: at(20) });
    await repo.claimForTransfer(ref('f2'), { runId: 'run-b', now: at(30), leaseUntil: at(90) });

    // Act
    const save = await caught(repo.saveCheckpoint(ref('f2'), 'run-a', checkpoint(1), at(100)));
    const done = await caught(repo.markDone(ref('f2'), 'run-a', { now: at(31), bytes: 1 }));
    await repo.releaseClaim(ref('f2'), 'run-a', at(32));

    // Assess
    expect(save).toBeInstanceOf(ConflictError);
    expect(done).toBeInstanceOf(ConflictError);
    expect(await rawItem('f2')).toMatchObject({ claimRunId: 'run-b', leaseUntil: at(90), status: 'transferring' });
  });

  test('a checkpoint round-trips with part numbers and sizes, and its bytes show as progress', async () => {
    // Prepare
    await fresh();
    await repo.upsert(file('f3'));
    await repo.claimForTransfer(ref('f3'), { runId: 'run-a', now: at(10), leaseUntil: at(70) });
    const saved = checkpoint(3, { bytesDone: 3 * 8 * 1024 * 1024 });

    // Act
    await repo.saveCheckpoint(ref('f3'), 'run-a', saved, at(130));
    const row = await repo.get(ref('f3'));

    // Assess
    expect(row?.checkpoint).toEqual(saved);
    expect(row).toMatchObject({ bytesTransferred: saved.bytesDone, updatedAt: saved.updatedAt });
    expect(await rawItem('f3')).toMatchObject({ leaseUntil: at(130), gsi2sk: saved.updatedAt });
  });

  test('part CRC32s are stored as 4 bytes per part and a 10,000-part checkpoint still fits in one item', async () => {
    // Prepare
    await fresh();
    await repo.upsert(file('f3c', { size: 10_000 * 8 * 1024 * 1024 }));
    await repo.claimForTransfer(ref('f3c'), { runId: 'run-a', now: at(10), leaseUntil: at(70) });
    const saved = checkpoint(10_000);

    // Act
    await repo.saveCheckpoint(ref('f3c'), 'run-a', saved, at(130));
    const row = await repo.get(ref('f3c'));
    const raw = (await rawItem('f3c')) as { checkpoint?: { crc32s?: Uint8Array } };

    // Assess
    expect(row?.checkpoint).toEqual(saved);
    expect(raw.checkpoint?.crc32s).toBeInstanceOf(Uint8Array);
    expect(raw.checkpoint?.crc32s?.byteLength).toBe(40_000);
  });

  test('an upload with part checksums and no parts yet round-trips; a part without a valid CRC32 is refused', async () => {
    // Prepare
    await fresh();
    await repo.upsert(file('f3d'));
    await repo.claimForTransfer(ref('f3d'), { runId: 'run-a', now: at(10), leaseUntil: at(70) });
    const empty = checkpoint(0, { bytesDone: 0 });
    const broken = checkpoint(2, { parts: checkpoint(2).parts.map((part) => (part.partNumber === 2 ? { ...part, checksumCrc32: 'not-a-crc' } : part)) });

    // Act
    await repo.saveCheckpoint(ref('f3d'), 'run-a', empty, at(130));
    const row = await repo.get(ref('f3d'));
    const refused = await caught(repo.saveCheckpoint(ref('f3d'), 'run-a', broken, at(130)));

    // Assess
    expect(row?.checkpoint).toEqual(empty);
    expect((refused as Error).message).toBe('part 2 has no valid CRC32 checksum');
  });

  test('a checkpoint written before part checksums reads back without them, so the engine can tell it apart', async () => {
    // Prepare: the item exactly as the earlier encoding wrote it.
    await fresh();
    await repo.upsert(file('f3e'));
    await repo.claimForTransfer(ref('f3e'), { runId: 'run-a', now: at(10), leaseUntil: at(70) });
    const legacy = checkpoint(2, { partChecksum: undefined, parts: checkpoint(2).parts.map(({ checksumCrc32: _crc, ...part }) => part) });
    const { partChecksum: _p, ...legacyShape } = legacy;

    // Act
    await repo.saveCheckpoint(ref('f3e'), 'run-a', legacyShape, at(130));
    const raw = (await rawItem('f3e')) as { checkpoint?: Record<string, unknown> };
    const row = await repo.get(ref('f3e'));

    // Assess
    expect(Object.keys(raw.checkpoint ?? {}).sort()).toEqual(['bytesDone', 'etags', 'md5State', 'partSize', 'revision', 's3Key', 'updatedAt', 'uploadId']);
    expect(row?.checkpoint).toEqual(legacyShape);
    expect(row?.checkpoint?.partChecksum).toBeUndefined();
    expect(row?.checkpoint?.parts.map((part) => part.checksumCrc32)).toEqual([undefined, undefined]);
  });

  test('the planner\'s upsert keeps a done file done and a live checkpoint of the same revision', async () => {
    // Prepare
    await fresh();
    await repo.upsert(file('done'));
    await repo.claimForTransfer(ref('done'), { runId: 'run-a', now: at(1), leaseUntil: at(60) });
    await repo.markDone(ref('done'), 'run-a', { now: at(2), bytes: 20_000_000 });
    await repo.upsert(file('live'));
    await repo.claimForTransfer(ref('live'), { runId: 'run-a', now: at(1), leaseUntil: at(60) });
    await repo.saveCheckpoint(ref('live'), 'run-a', checkpoint(2), at(60));

    // Act
    const done = await repo.upsert(file('done', { name: 'renamed.mp4', updatedAt: at(40), runId: 'run-next' }));
    const live = await repo.upsert(file('live', { updatedAt: at(40), runId: 'run-next' }));

    // Assess
    expect(done).toMatchObject({ status: 'done', name: 'renamed.mp4', bytesTransferred: 20_000_000 });
    expect(live).toMatchObject({ status: 'transferring', bytesTransferred: 2 * 8 * 1024 * 1024 });
    expect(live.checkpoint).toEqual(checkpoint(2));
    expect(await rawItem('live')).toMatchObject({ claimRunId: 'run-a' });
  });

  test('a new revision starts the row over, ends the claim and keeps the old checkpoint for its abort', async () => {
    // Prepare
    await fresh();
    await repo.upsert(file('f4'));
    await repo.claimForTransfer(ref('f4'), { runId: 'run-a', now: at(1), leaseUntil: at(60) });
    await repo.saveCheckpoint(ref('f4'), 'run-a', checkpoint(2), at(60));

    // Act
    const updated = await repo.upsert(file('f4', { revision: 'rev-2', md5: 'b'.repeat(32), size: 9, updatedAt: at(30) }));
    const claimedByNext = await repo.claimForTransfer(ref('f4'), { runId: 'run-b', now: at(31), leaseUntil: at(90) });

    // Assess
    expect(updated).toMatchObject({ status: 'pending', revision: 'rev-2', md5: 'b'.repeat(32), size: 9, attempts: 0, bytesTransferred: 0 });
    expect(updated.checkpoint?.revision).toBe('rev-1');
    expect(claimedByNext).toMatchObject({ status: 'transferring', runId: 'run-b' });
  });

  test('failed is final unless the claim asks to retry failed files', async () => {
    // Prepare
    await fresh();
    await repo.upsert(file('f5'));
    await repo.claimForTransfer(ref('f5'), { runId: 'run-a', now: at(1), leaseUntil: at(60) });
    const failed = await repo.markFailed(ref('f5'), 'run-a', { now: at(2), error: 'downloadQuotaExceeded' });

    // Act
    const automatic = await repo.claimForTransfer(ref('f5'), { runId: 'run-b', now: at(3), leaseUntil: at(60) });
    const explicit = await repo.claimForTransfer(ref('f5'), { runId: 'run-b', now: at(3), leaseUntil: at(60), retryFailed: true });

    // Assess
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, lastError: 'downloadQuotaExceeded', checkpoint: null });
    expect(automatic).toBeNull();
    expect(explicit).toMatchObject({ status: 'transferring', attempts: 1 });
  });

  test('releaseForRetry counts the attempt and keeps or drops the checkpoint as asked', async () => {
    // Prepare
    await fresh();
    for (const id of ['keep', 'drop']) {
      await repo.upsert(file(id));
      await repo.claimForTransfer(ref(id), { runId: 'run-a', now: at(1), leaseUntil: at(60) });
      await repo.saveCheckpoint(ref(id), 'run-a', checkpoint(1), at(60));
    }

    // Act
    const kept = await repo.releaseForRetry(ref('keep'), 'run-a', { now: at(5), error: 'Drive 503', keepCheckpoint: true });
    const dropped = await repo.releaseForRetry(ref('drop'), 'run-a', { now: at(5), error: 'checksum mismatch', keepCheckpoint: false });

    // Assess
    expect(kept).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Drive 503', bytesTransferred: 8 * 1024 * 1024 });
    expect(kept.checkpoint?.parts).toHaveLength(1);
    expect(dropped).toMatchObject({ status: 'pending', attempts: 1, lastError: 'checksum mismatch', bytesTransferred: 0, checkpoint: null });
    expect(await rawItem('keep')).not.toHaveProperty('claimRunId');
  });

  test('markDone is idempotent for the run that did it', async () => {
    // Prepare
    await fresh();
    await repo.upsert(file('f6'));
    await repo.claimForTransfer(ref('f6'), { runId: 'run-a', now: at(1), leaseUntil: at(60) });
    const first = await repo.markDone(ref('f6'), 'run-a', { now: at(2), bytes: 20_000_000 });

    // Act
    const second = await repo.markDone(ref('f6'), 'run-a', { now: at(3), bytes: 20_000_000 });

    // Assess
    expect(second).toEqual(first);
  });

  test('clearCheckpoint removes only the checkpoint of the named upload', async () => {
    // Prepare
    await fresh();
    await repo.upsert(file('f7'));
    await repo.claimForTransfer(ref('f7'), { runId: 'run-a', now: at(1), leaseUntil: at(60) });
    await repo.saveCheckpoint(ref('f7'), 'run-a', checkpoint(1, { uploadId: 'newer' }), at(60));

    // Act
    const other = await repo.clearCheckpoint(ref('f7'), 'older', at(10));
    const named = await repo.clearCheckpoint(ref('f7'), 'newer', at(11));

    // Assess
    expect(other).toBe(false);
    expect(named).toBe(true);
    expect(await repo.get(ref('f7'))).toMatchObject({ checkpoint: null, bytesTransferred: 0 });
  });

  test('listByStatus follows status changes (gsi2 in step), newest first, in pages', async () => {
    // Prepare
    await fresh();
    for (let i = 1; i <= 5; i += 1) await repo.upsert(file(`p${i}`, { updatedAt: at(i) }));
    await repo.claimForTransfer(ref('p3'), { runId: 'run-a', now: at(20), leaseUntil: at(80) });
    await repo.markDone(ref('p3'), 'run-a', { now: at(21), bytes: 1 });

    // Act
    const firstPage = await repo.listByStatus(T, S, 'pending', { limit: 2 });
    const secondPage = await repo.listByStatus(T, S, 'pending', { limit: 2, pageToken: firstPage.nextPageToken });
    const thirdPage = await repo.listByStatus(T, S, 'pending', { limit: 2, pageToken: secondPage.nextPageToken });
    const done = await repo.listByStatus(T, S, 'done', { limit: 10 });
    const transferring = await repo.listByStatus(T, S, 'transferring', { limit: 10 });

    // Assess
    const ids = (page: { items: readonly TrackedFile[] }) => page.items.map((item) => item.providerFileId);
    expect([...ids(firstPage), ...ids(secondPage), ...ids(thirdPage)]).toEqual(['p5', 'p4', 'p2', 'p1']);
    expect(ids(done)).toEqual(['p3']);
    expect(ids(transferring)).toEqual([]);
  });

  test('list pages through a source\'s files in provider id order', async () => {
    // Prepare
    await fresh();
    for (const id of ['c', 'a', 'b']) await repo.upsert(file(id));
    await repo.upsert({ ...file('other'), sourceId: 'another-source' });

    // Act
    const first = await repo.list(T, S, { limit: 2 });
    const second = await repo.list(T, S, { limit: 2, pageToken: first.nextPageToken });

    // Assess
    expect(first.items.map((item) => item.providerFileId)).toEqual(['a', 'b']);
    expect(second.items.map((item) => item.providerFileId)).toEqual(['c']);
    expect(second.nextPageToken).toBeNull();
  });

  test('marking a file removed ends a live claim, so the transfer stops at its next checkpoint', async () => {
    // Prepare
    await fresh();
    await repo.upsert(file('gone'));
    await repo.claimForTransfer(ref('gone'), { runId: 'run-a', now: at(1), leaseUntil: at(60) });

    // Act
    const removed = await repo.upsert(file('gone', { status: 'removed', reason: 'deleted in Drive', updatedAt: at(5) }));
    const save = await caught(repo.saveCheckpoint(ref('gone'), 'run-a', checkpoint(1), at(60)));

    // Assess
    expect(removed).toMatchObject({ status: 'removed', reason: 'deleted in Drive' });
    expect(save).toBeInstanceOf(ConflictError);
  });
});
