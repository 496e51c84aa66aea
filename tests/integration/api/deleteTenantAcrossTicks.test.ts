/**
 * A deleted shop with much left in the table is emptied a batch at a time,
 * one bounded step per dispatcher tick, on the local stack's real DynamoDB
 * stand-in. The clock is the one injected port moved on by hand (every reading
 * 6 s later), so each tick's 20-second budget covers a known share of the work.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableKeys } from '../../../core/keys/tableKeys';
import type { Clock } from '../../../core/ports/clock';
import { makeHandler as makeClaimDueSources } from '../../../functions/sync/claimDueSources';
import { appDependencies } from '../../../functions/wiring';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { localLambdaContext } from '../../../infra/local/lambda/localLambdaContext';
import { ApiClient, startHarness, type Harness } from '../../support/localStackHarness';

/** Audit entries the shop left: several 500-item purge batches. */
const SEEDED_ENTRIES = 2600;
const TICK_MS = 6_000;

function steppingClock(): Clock {
  let at = Date.now();
  return { now: () => new Date((at += TICK_MS)) };
}

describe('emptying a deleted shop across dispatcher ticks', () => {
  let harness: Harness;
  let dynamo: DynamoDBDocumentClient;

  beforeAll(async () => {
    harness = await startHarness();
    dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(harness.stack.endpoints.dynamodb)));
  }, 60_000);

  afterAll(async () => {
    dynamo.destroy();
    await harness.close();
  });

  const count = async (pk: string): Promise<number> => {
    let total = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({ TableName: harness.stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, Select: 'COUNT', ExclusiveStartKey: startKey }),
      );
      total += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return total;
  };

  it('purges a little more at every tick, saves its progress, and removes its record only when nothing is left', { timeout: 300_000 }, async () => {
    // Prepare: a shop whose audit trail grew long, deleted by its owner.
    const { client: owner, tenantId } = await new ApiClient(harness.stack.url).signUp('owner@lau-nam.vn', 'Tiệm Lâu Năm');
    const { pk } = tableKeys.auditOfTenant(tenantId);
    for (let i = 0; i < SEEDED_ENTRIES; i += 25) {
      const items = Array.from({ length: 25 }, (_, j) => ({ PutRequest: { Item: { pk, sk: `2025-01-01T00:00:00.000Z#seed_${String(i + j).padStart(5, '0')}`, action: 'source.edited' } } }));
      await dynamo.send(new BatchWriteCommand({ RequestItems: { [harness.stack.tableName]: items } }));
    }
    expect((await owner.call('DELETE', '/api/tenant', { confirm: 'Tiệm Lâu Năm' })).status).toBe(204);
    const clock = steppingClock();
    const tick = makeClaimDueSources(() => ({ ...appDependencies(), clock }));
    const deletions = appDependencies().tenantDeletions;

    // Act: dispatcher ticks until the record is gone.
    const purgedAt: number[] = [];
    for (let ticks = 0; ticks < 20; ticks += 1) {
      await tick({}, localLambdaContext('ClaimDueSources', 60));
      const record = await deletions.get(tenantId);
      if (record === null) break;
      purgedAt.push(record.itemsDeleted);
    }

    // Assess: several steps, each further on; the record went last; nothing of the audit trail left.
    expect(purgedAt.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < purgedAt.length; i += 1) expect(purgedAt[i]).toBeGreaterThan(purgedAt[i - 1] ?? 0);
    expect(await deletions.get(tenantId)).toBeNull();
    expect(await count(pk)).toBe(0);
    expect(await count(`T#${tenantId}`)).toBe(0);
  });
});
