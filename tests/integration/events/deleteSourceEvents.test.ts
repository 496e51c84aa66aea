import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoFileProcessingRepository } from '../../../adapters/dynamodb/dynamoFileProcessingRepository';
import { makeTableContext } from '../../../adapters/dynamodb/tableContext';
import type { CodeSearchView, ShareLinkView } from '../../../core/api/eventsApi';
import { clipKeyOf } from '../../../core/processing/cloud/clipKeyOf';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { parcelEvent, seedEvents, stackStores } from '../../support/eventSeeds';
import { ApiClient, startHarness, validLocalSource, type Harness } from '../../support/localStackHarness';

interface ErrorBody {
  error: { code: string; message: string };
}

describe('deleting a source deletes its orders, processing records and clips (local stack)', () => {
  let harness: Harness;
  let stores: ReturnType<typeof stackStores>;
  let dynamo: DynamoDBClient;
  let s3: S3Client;

  beforeAll(async () => {
    harness = await startHarness();
    stores = stackStores(harness.stack);
    dynamo = new DynamoDBClient(localClientConfig(harness.stack.endpoints.dynamodb));
    s3 = new S3Client(localClientConfig(harness.stack.endpoints.s3));
  });

  afterAll(async () => {
    stores.close();
    dynamo.destroy();
    s3.destroy();
    await harness.close();
  });

  const exists = async (key: string): Promise<boolean> =>
    s3.send(new HeadObjectCommand({ Bucket: harness.stack.bucketName, Key: key })).then(
      () => true,
      () => false,
    );

  it('with its footage kept: its events are not found, its clips and records are gone, its share links answer 410; the other source keeps everything', async () => {
    // Prepare: two sources of one shop, each with a found order, its clip, a processing record and footage
    const { client: shop, tenantId } = await new ApiClient(harness.stack.url).signUp('owner@delete-events.example', 'Cửa hàng Xoá');
    const doomed = (await shop.call<{ id: string }>('POST', '/api/sources', { ...validLocalSource, name: 'Kho cũ' })).body.id;
    const kept = (await shop.call<{ id: string }>('POST', '/api/sources', { ...validLocalSource, name: 'Kho mới' })).body.id;
    const orders = [doomed, kept].map((sourceId, i) => {
      const draft = parcelEvent({ tenantId, sourceId, codes: [`SPXVN00000000${i}`, `GHN${i}0000000`], start: '2025-07-18T02:30:03.000Z' });
      return parcelEvent({ tenantId, sourceId, codes: draft.trackingCodes, start: draft.start, clipKey: clipKeyOf(tenantId, sourceId, draft.id) });
    });
    await seedEvents(stores.events, orders);
    const records = new DynamoFileProcessingRepository(makeTableContext({ tableName: harness.stack.tableName, client: dynamo }));
    for (const order of orders) {
      await stores.putClip(order.clip.s3Key ?? '', Buffer.from('clip'));
      await s3.send(new PutObjectCommand({ Bucket: harness.stack.bucketName, Key: `${tenantId}/${order.sourceId}/cam1/Cam1_20250718_093000.mp4`, Body: 'footage' }));
      await records.put({ tenantId, sourceId: order.sourceId, providerFileId: 'f1', revisionTag: 'r|m', state: 'processed', reason: null, events: 1, runId: null, at: '2025-07-18T03:00:00.000Z' });
    }
    const [gone, stays] = orders as [(typeof orders)[0], (typeof orders)[0]];
    const link = await shop.call<ShareLinkView>('POST', `/api/events/${gone.id}/shares`, { days: 7 });
    const token = (link.body.url ?? '').split('/share/')[1] ?? '';
    const anonymous = new ApiClient(harness.stack.url);
    expect((await anonymous.call('GET', `/api/public/shares/${token}`)).status).toBe(200);

    // Act
    const deleted = await shop.call<{ done?: boolean }>('DELETE', `/api/sources/${doomed}`);

    // Assess
    expect(deleted.status).toBeLessThan(300);
    expect((await shop.call('GET', `/api/sources/${doomed}`)).status).toBe(404);
    const search = await shop.call<CodeSearchView>('POST', '/api/events/search', { codes: [...gone.trackingCodes, ...stays.trackingCodes] });
    expect(search.body.notFound).toEqual(gone.trackingCodes);
    expect(search.body.found.map((entry) => entry.code)).toEqual(stays.trackingCodes);
    expect((await shop.call('GET', `/api/events/${gone.id}`)).status).toBe(404);
    expect((await shop.call<{ items: unknown[] }>('GET', '/api/events?prefix=SPXVN')).body.items).toHaveLength(1);
    expect(await records.listBySource(tenantId, doomed)).toEqual([]);
    expect(await records.listBySource(tenantId, kept)).toHaveLength(1);
    expect(await exists(gone.clip.s3Key ?? '')).toBe(false);
    expect(await exists(stays.clip.s3Key ?? '')).toBe(true);
    // The tenant chose to keep the footage (the default): only the found orders and their clips went.
    expect(await exists(`${tenantId}/${doomed}/cam1/Cam1_20250718_093000.mp4`)).toBe(true);
    const shared = await anonymous.call<ErrorBody>('GET', `/api/public/shares/${token}`);
    expect(shared.status).toBe(410);
    expect(shared.body.error.message).toMatch(/deleted/);
  });
});
