/**
 * An owner deletes their shop (issue #16): access ends in the request, and the
 * dispatcher's ticks remove every source, object and item of the tenant,
 * through the real local stack. A second shop on the same stack keeps all of its data.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeView } from '../../../core/api/authApi';
import type { ErrorBody } from '../../../core/api/errorCodes';
import type { ShareLinkView } from '../../../core/api/eventsApi';
import type { SourceView } from '../../../core/api/sourcesApi';
import { clipKeyOf } from '../../../core/processing/cloud/clipKeyOf';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { enrolNewAgent } from '../../support/agentShops';
import { parcelEvent, seedEvents, stackStores } from '../../support/eventSeeds';
import { ApiClient, startHarness, validLocalSource, type Harness } from '../../support/localStackHarness';
import { shopWithTeam } from '../../support/team';

/** One shop with something of every kind: a source with footage, an order with its clip and a share link, an agent, an export, a snapshot, an invite. */
interface FullShop {
  readonly tenantId: string;
  readonly owner: ApiClient;
  readonly sourceId: string;
  readonly shareToken: string;
  readonly agent: ApiClient;
}

describe('an owner deletes their shop (local stack)', () => {
  let harness: Harness;
  let anonymous: ApiClient;
  let stores: ReturnType<typeof stackStores>;
  let dynamo: DynamoDBDocumentClient;
  let s3: S3Client;

  beforeAll(async () => {
    harness = await startHarness();
    anonymous = new ApiClient(harness.stack.url);
    stores = stackStores(harness.stack);
    dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(harness.stack.endpoints.dynamodb)));
    s3 = new S3Client(localClientConfig(harness.stack.endpoints.s3));
  }, 60_000);

  afterAll(async () => {
    stores.close();
    dynamo.destroy();
    s3.destroy();
    await harness.close();
  });

  async function fill(owner: ApiClient, tenantId: string, tag: string): Promise<FullShop> {
    const sourceId = (await owner.call<SourceView>('POST', '/api/sources', { ...validLocalSource, name: `Kho ${tag}` })).body.id;
    const draft = parcelEvent({ tenantId, sourceId, codes: [`SPXVN${tag.toUpperCase()}0000001`], start: '2025-07-18T02:30:03.000Z' });
    const order = parcelEvent({ tenantId, sourceId, codes: draft.trackingCodes, start: draft.start, clipKey: clipKeyOf(tenantId, sourceId, draft.id) });
    await seedEvents(stores.events, [order]);
    await stores.putClip(order.clip.s3Key ?? '', Buffer.from('clip'));
    for (const key of [`${sourceId}/cam1/Cam1_20250718_093000.mp4`, '_exports/don-hang.zip', '_snapshots/ban-1.jpg']) {
      await s3.send(new PutObjectCommand({ Bucket: harness.stack.bucketName, Key: `${tenantId}/${key}`, Body: 'bytes' }));
    }
    const link = await owner.call<ShareLinkView>('POST', `/api/events/${order.id}/shares`, { days: 7 });
    const { agent } = await enrolNewAgent(anonymous, owner, `Máy ${tag}`);
    await owner.call('POST', '/api/team/invites', { email: `moi@${tag}.example`, role: 'staff' });
    return { tenantId, owner, sourceId, shareToken: (link.body.url ?? '').split('/share/')[1] ?? '', agent };
  }

  async function allItems(): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(new ScanCommand({ TableName: harness.stack.tableName, ExclusiveStartKey: startKey }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return items;
  }

  /** Every item of the tenant: its partitions, and the cross-tenant items that name it. The rate windows change with every request, so they are left out. */
  async function itemsOf(tenantId: string): Promise<string[]> {
    return (await allItems())
      .filter((item) => String(item['pk']).startsWith(`T#${tenantId}`) || item['tenantId'] === tenantId)
      .map((item) => `${String(item['pk'])} ${String(item['sk'])}`)
      .filter((key) => !key.startsWith(`T#${tenantId}#RATE `))
      .sort();
  }

  async function objectsOf(tenantId: string): Promise<string[]> {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: harness.stack.bucketName, Prefix: `${tenantId}/` }));
    return (listed.Contents ?? []).map((object) => object.Key ?? '').sort();
  }

  it('refuses an admin with 403 and a wrong confirmation with 400 naming confirm, and nothing changes', async () => {
    // Prepare
    const shop = await shopWithTeam(anonymous, 'tu-choi.vn', 'Cửa hàng Từ Chối');
    await fill(shop.owner, shop.tenantId, 'tuchoi');
    const before = await itemsOf(shop.tenantId);

    // Act
    const byAdmin = await shop.admin.client.call<ErrorBody>('DELETE', '/api/tenant', { confirm: 'Cửa hàng Từ Chối' });
    const byStaff = await shop.staff.client.call<ErrorBody>('DELETE', '/api/tenant', { confirm: 'Cửa hàng Từ Chối' });
    const wrongName = await shop.owner.call<ErrorBody>('DELETE', '/api/tenant', { confirm: 'cửa hàng từ chối' });
    const noName = await shop.owner.call<ErrorBody>('DELETE', '/api/tenant', {});

    // Assess
    expect([byAdmin.status, byAdmin.body.error?.code]).toEqual([403, 'forbidden']);
    expect([byStaff.status, byStaff.body.error?.code]).toEqual([403, 'forbidden']);
    expect([wrongName.status, wrongName.body.error?.field]).toEqual([400, 'confirm']);
    expect([noName.status, noName.body.error?.field]).toEqual([400, 'confirm']);
    expect(await itemsOf(shop.tenantId)).toEqual(before);
    expect((await shop.owner.call<MeView>('GET', '/api/me')).body.tenantName).toBe('Cửa hàng Từ Chối');
  }, 120_000);

  it('ends every access at once, removes everything across dispatcher ticks, lets the email sign up anew, and leaves another shop intact', async () => {
    // Prepare: the shop to delete, with a team, and another shop with the same kinds of data.
    const shop = await shopWithTeam(anonymous, 'xoa-het.vn', 'Tiệm Xoá Hết');
    const doomed = await fill(shop.owner, shop.tenantId, 'xoahet');
    const other = await anonymous.signUp('owner@con-lai.vn', 'Tiệm Còn Lại');
    const kept = await fill(other.client, other.tenantId, 'conlai');
    const otherItems = await itemsOf(other.tenantId);
    const otherObjects = await objectsOf(other.tenantId);
    expect((await anonymous.call('GET', `/api/public/shares/${doomed.shareToken}`)).status).toBe(200);
    expect((await doomed.agent.call('GET', '/api/agent/config')).status).toBe(200);
    expect(await objectsOf(shop.tenantId)).toHaveLength(4);

    // Act: the owner deletes the shop.
    const deleted = await shop.owner.call('DELETE', '/api/tenant', { confirm: 'Tiệm Xoá Hết' });

    // Assess: access ends in the request.
    expect(deleted.status).toBe(204);
    for (const client of [shop.owner, shop.admin.client, shop.staff.client]) expect((await client.call('GET', '/api/me')).status).toBe(401);
    expect((await anonymous.call('POST', '/api/auth/local/sign-in', { email: 'owner@xoa-het.vn', password: 'correct horse battery' })).status).toBe(401);
    expect((await anonymous.call('POST', '/api/auth/local/sign-in', { email: 'nhan.vien@xoa-het.vn', password: 'mật khẩu nhân viên 1' })).status).toBe(401);
    expect([404, 410]).toContain((await anonymous.call('GET', `/api/public/shares/${doomed.shareToken}`)).status);
    expect((await doomed.agent.call('GET', '/api/agent/config')).status).toBe(401);

    // Act: the dispatcher's ticks remove what the shop stored.
    for (let tick = 0; tick < 5 && (await itemsOf(shop.tenantId)).length > 0; tick += 1) await harness.stack.dispatchNow();

    // Assess: nothing of the deleted shop is left; the email signs up as a new shop.
    expect(await itemsOf(shop.tenantId)).toEqual([]);
    expect(await objectsOf(shop.tenantId)).toEqual([]);
    const again = await anonymous.signUp('owner@xoa-het.vn', 'Tiệm Mới');
    expect(again.tenantId).not.toBe(shop.tenantId);
    expect((await again.client.call<{ items: unknown[] }>('GET', '/api/sources')).body.items).toEqual([]);

    // Assess: the other shop has every item and object it had, and works as before.
    expect(await itemsOf(other.tenantId)).toEqual(otherItems);
    expect(await objectsOf(other.tenantId)).toEqual(otherObjects);
    expect((await anonymous.call('GET', `/api/public/shares/${kept.shareToken}`)).status).toBe(200);
    expect((await kept.agent.call('GET', '/api/agent/config')).status).toBe(200);
    expect((await other.client.call<SourceView>('GET', `/api/sources/${kept.sourceId}`)).body.status).not.toBe('deleting');
  }, 180_000);
});
