import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportView } from '../../../core/api/eventsApi';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { parcelEvent, seedEvents, stackStores } from '../../support/eventSeeds';
import { ApiClient, startHarness, validLocalSource, type Harness } from '../../support/localStackHarness';

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

const stamp = (ms: number): string => new Date(ms).toISOString().replace(/[-:.Z]/g, '');

describe('exports: one call, at most 1 GiB, expired exports deleted (local stack)', () => {
  let harness: Harness;
  let stores: ReturnType<typeof stackStores>;
  let s3: S3Client;
  let shop: ApiClient;
  let tenantId: string;
  let otherTenant: string;

  const keysUnder = async (prefix: string): Promise<string[]> =>
    ((await s3.send(new ListObjectsV2Command({ Bucket: harness.stack.bucketName, Prefix: prefix }))).Contents ?? []).map((object) => object.Key ?? '');
  const put = (key: string): Promise<unknown> => s3.send(new PutObjectCommand({ Bucket: harness.stack.bucketName, Key: key, Body: 'PK old export' }));

  beforeAll(async () => {
    harness = await startHarness();
    stores = stackStores(harness.stack);
    s3 = new S3Client(localClientConfig(harness.stack.endpoints.s3));
    const anonymous = new ApiClient(harness.stack.url);
    ({ client: shop, tenantId } = await anonymous.signUp('owner@export-limits.example', 'Cửa hàng Xuất'));
    otherTenant = (await anonymous.signUp('owner@export-other.example', 'Cửa hàng Khác')).tenantId;
    const sourceId = (await shop.call<{ id: string }>('POST', '/api/sources', validLocalSource)).body.id;
    const clipKey = `${tenantId}/${sourceId}/_clips/small.mp4`;
    await stores.putClip(clipKey, Buffer.from('a small clip'));
    await seedEvents(stores.events, [
      parcelEvent({ tenantId, sourceId, codes: ['SPXVNSMALL0001'], start: '2025-07-18T02:30:03.000Z', clipKey, clipBytes: 12 }),
      // Two long clips whose sizes add up past the limit (their objects need not exist: the limit is checked first).
      parcelEvent({ tenantId, sourceId, codes: ['GHNHUGE000001'], start: '2025-07-18T03:00:00.000Z', clipKey: `${tenantId}/${sourceId}/_clips/h1.mp4`, clipBytes: 700 * 1024 * 1024 }),
      parcelEvent({ tenantId, sourceId, codes: ['GHNHUGE000002'], start: '2025-07-18T04:00:00.000Z', clipKey: `${tenantId}/${sourceId}/_clips/h2.mp4`, clipBytes: 700 * 1024 * 1024 }),
    ]);
  });

  afterAll(async () => {
    stores.close();
    s3.destroy();
    await harness.close();
  });

  it('refuses an export of more than 1 GiB of clips in one call, naming the field and the size, and stores nothing', async () => {
    // Act
    const response = await shop.call<ErrorBody>('POST', '/api/events/export', { text: 'GHNHUGE000001 GHNHUGE000002 SPXVNSMALL0001' });

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('codes');
    expect(response.body.error.message).toMatch(/1401 MiB.*at most 1,024 MiB.*in parts/);
    expect(await keysUnder(`${tenantId}/_exports/`)).toEqual([]);
  });

  it('answers one export in one call and deletes the shop\'s exports whose links expired (no other shop\'s)', async () => {
    // Prepare: a day-old and a two-hour-old export (links expired), a half-hour-old one (link still valid), another shop's old one
    const now = Date.now();
    const dayOld = `${tenantId}/_exports/${stamp(now - 86_400_000)}_exp_dayold.zip`;
    const twoHours = `${tenantId}/_exports/${stamp(now - 7_200_000)}_exp_twohours.zip`;
    const halfHour = `${tenantId}/_exports/${stamp(now - 1_800_000)}_exp_halfhour.zip`;
    const othersOld = `${otherTenant}/_exports/${stamp(now - 86_400_000)}_exp_other.zip`;
    for (const key of [dayOld, twoHours, halfHour, othersOld]) await put(key);

    // Act
    const response = await shop.call<ExportView>('POST', '/api/events/export', { codes: ['SPXVNSMALL0001', 'NOPE0001'] });

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ clips: 1, found: 1, notFound: 1 });
    const zip = Buffer.from(await (await fetch(response.body.url)).arrayBuffer());
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    const left = await keysUnder(`${tenantId}/_exports/`);
    expect(left).toHaveLength(2);
    expect(left[0]).toBe(halfHour);
    expect(left[1]).toMatch(new RegExp(`^${tenantId}/_exports/\\d{8}T\\d{9}_exp_.+\\.zip$`));
    expect(await keysUnder(`${otherTenant}/_exports/`)).toEqual([othersOld]);
  });
});
