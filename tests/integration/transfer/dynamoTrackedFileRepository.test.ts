import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { filesByStatusIndex, tableKeys } from '../../../core/keys/tableKeys';
import { DynamoTrackedFileRepository } from '../../../adapters/dynamodb/dynamoTrackedFileRepository';
import { makeTableContext, type TableContext } from '../../../adapters/dynamodb/tableContext';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { createTableIfMissing } from '../../../infra/local/dynamodb/createTableIfMissing';
import { startDynamoStandIn } from '../../../infra/local/dynamodb/startDynamoStandIn';
import type { RunningService } from '../../../infra/local/runningService';
import { at, checkpoint, ref, S, T, trackedFile as file } from '../../contracts/support/trackedFiles';

/**
 * How DynamoTrackedFileRepository stores what it promises: claim attributes,
 * index keys, the checkpoint encoding. What it promises is asserted by the
 * contract suite (tests/contracts/trackedFileRepositoryContract.ts), which
 * runs the in-memory repository through the same cases.
 */
describe('DynamoTrackedFileRepository storage', () => {
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

  test('a claim is stored as claimRunId and leaseUntil, with the status index in step', async () => {
    // Prepare
    await fresh();
    await repo.upsert(file('f1'));

    // Act
    await repo.claimForTransfer(ref('f1'), { runId: 'run-a', now: at(10), leaseUntil: at(70) });
    await repo.claimForTransfer(ref('f1'), { runId: 'run-b', now: at(70), leaseUntil: at(130) });

    // Assess
    expect(await rawItem('f1')).toMatchObject({ claimRunId: 'run-b', leaseUntil: at(130), gsi2pk: filesByStatusIndex.partition(T, S, 'transferring'), gsi2sk: at(70) });
  });

  test('writes of a run that lost its claim leave the holder\'s claim attributes alone', async () => {
    // Prepare
    await fresh();
    await repo.upsert(file('f2'));
    await repo.claimForTransfer(ref('f2'), { runId: 'run-a', now: at(10), leaseUntil: at(20) });
    await repo.claimForTransfer(ref('f2'), { runId: 'run-b', now: at(30), leaseUntil: at(90) });

    // Act
    await repo.saveCheckpoint(ref('f2'), 'run-a', checkpoint(1), at(100)).catch(() => undefined);
    await repo.markDone(ref('f2'), 'run-a', { now: at(31), bytes: 1 }).catch(() => undefined);
    await repo.releaseClaim(ref('f2'), 'run-a', at(32));

    // Assess
    expect(await rawItem('f2')).toMatchObject({ claimRunId: 'run-b', leaseUntil: at(90), status: 'transferring' });
  });

  test('a saved checkpoint moves the lease and the index time', async () => {
    // Prepare
    await fresh();
    await repo.upsert(file('f3'));
    await repo.claimForTransfer(ref('f3'), { runId: 'run-a', now: at(10), leaseUntil: at(70) });
    const saved = checkpoint(3);

    // Act
    await repo.saveCheckpoint(ref('f3'), 'run-a', saved, at(130));

    // Assess
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

  test('a checkpoint without part checksums is stored in the encoding written before them', async () => {
    // Prepare: the item exactly as the earlier encoding wrote it.
    await fresh();
    await repo.upsert(file('f3e'));
    await repo.claimForTransfer(ref('f3e'), { runId: 'run-a', now: at(10), leaseUntil: at(70) });
    const { partChecksum: _p, ...legacyShape } = checkpoint(2, { parts: checkpoint(2).parts.map(({ checksumCrc32: _crc, ...part }) => part) });

    // Act
    await repo.saveCheckpoint(ref('f3e'), 'run-a', legacyShape, at(130));
    const raw = (await rawItem('f3e')) as { checkpoint?: Record<string, unknown> };

    // Assess
    expect(Object.keys(raw.checkpoint ?? {}).sort()).toEqual(['bytesDone', 'etags', 'md5State', 'partSize', 'revision', 's3Key', 'updatedAt', 'uploadId']);
  });

  test('the planner\'s upsert of a live transfer on the same revision keeps its claim attribute', async () => {
    // Prepare
    await fresh();
    await repo.upsert(file('live'));
    await repo.claimForTransfer(ref('live'), { runId: 'run-a', now: at(1), leaseUntil: at(60) });
    await repo.saveCheckpoint(ref('live'), 'run-a', checkpoint(2), at(60));

    // Act
    await repo.upsert(file('live', { updatedAt: at(40), runId: 'run-next' }));

    // Assess
    expect(await rawItem('live')).toMatchObject({ claimRunId: 'run-a' });
  });

  test('releaseForRetry removes the claim attributes', async () => {
    // Prepare
    await fresh();
    await repo.upsert(file('keep'));
    await repo.claimForTransfer(ref('keep'), { runId: 'run-a', now: at(1), leaseUntil: at(60) });
    await repo.saveCheckpoint(ref('keep'), 'run-a', checkpoint(1), at(60));

    // Act
    await repo.releaseForRetry(ref('keep'), 'run-a', { now: at(5), error: 'Drive 503', keepCheckpoint: true });

    // Assess
    expect(await rawItem('keep')).not.toHaveProperty('claimRunId');
  });
});
