import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoShareLinkRepository } from '../../../adapters/dynamodb/dynamoShareLinkRepository';
import { makeTableContext } from '../../../adapters/dynamodb/tableContext';
import { hashSecret } from '../../../core/agents/hashSecret';
import type { CodeSearchView, EventView, ExportView, SharedClipView, ShareLinkView } from '../../../core/api/eventsApi';
import type { ParcelEvent } from '../../../core/events/parcelEvent';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { makeClip, parcelEvent, seedEvents, stackStores } from '../../support/eventSeeds';
import { ApiClient, startHarness, validLocalSource, type Harness } from '../../support/localStackHarness';

const run = promisify(execFile);

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

describe('events API: search, clips, share links, export (local stack)', () => {
  let harness: Harness;
  let shopA: ApiClient;
  let shopB: ApiClient;
  let tenantA: string;
  let sourceId: string;
  let clip: Buffer;
  let packed: ParcelEvent;
  let pending: ParcelEvent;
  let repacked: ParcelEvent;
  let stores: ReturnType<typeof stackStores>;

  beforeAll(async () => {
    harness = await startHarness();
    const anonymous = new ApiClient(harness.stack.url);
    const a = await anonymous.signUp('owner@shop-a.example', 'Cửa hàng A');
    shopA = a.client;
    tenantA = a.tenantId;
    const b = await anonymous.signUp('owner@shop-b.example', 'Cửa hàng B');
    shopB = b.client;
    await shopA.call('PATCH', '/api/tenant', { timeZone: 'Asia/Ho_Chi_Minh' });
    const created = await shopA.call<{ id: string }>('POST', '/api/sources', {
      ...validLocalSource,
      config: { ...validLocalSource.config, mapping: { renames: { cam1: 'Bàn đóng gói 1' } } },
    });
    sourceId = created.body.id;
    const bSource = (await shopB.call<{ id: string }>('POST', '/api/sources', validLocalSource)).body.id;

    stores = stackStores(harness.stack);
    clip = await makeClip();
    const clipKey = `${tenantA}/${sourceId}/cam1/clips/spx.mp4`;
    await stores.putClip(clipKey, clip);
    // 09:30:03 in Ho Chi Minh City on 18 July; the same code packed again an hour later; one clip still being cut.
    packed = parcelEvent({ tenantId: tenantA, sourceId, codes: ['SPXVN417776317'], start: '2025-07-18T02:30:03.000Z', clipKey, clipBytes: clip.length });
    repacked = parcelEvent({ tenantId: tenantA, sourceId, codes: ['SPXVN417776317', 'GHN91500080636'], start: '2025-07-18T03:30:00.000Z', clipKey, clipBytes: clip.length });
    pending = parcelEvent({ tenantId: tenantA, sourceId, codes: ['GHN74068124158'], start: '2025-07-18T16:59:59.000Z' });
    await seedEvents(stores.events, [packed, repacked, pending]);
    // Tenant B has an order of its own, with a code A never had.
    await seedEvents(stores.events, [parcelEvent({ tenantId: b.tenantId, sourceId: bSource, codes: ['BONLY0001'], start: '2025-07-18T02:30:03.000Z' })]);
  });

  afterAll(async () => {
    stores.close();
    await harness.close();
  });

  it('finds pasted codes in any case and with any separators, newest first, and lists the rest as not found', async () => {
    const response = await shopA.call<CodeSearchView>('POST', '/api/events/search', { text: ' spxvn417776317;\r\nnot-a-code-here ,ghn74068124158\tspxvn417776317 BONLY0001' });

    expect(response.status).toBe(200);
    expect(response.body.found.map((entry) => entry.code)).toEqual(['SPXVN417776317', 'GHN74068124158']);
    const spx = response.body.found[0]?.events ?? [];
    expect(spx.map((event) => event.id)).toEqual([repacked.id, packed.id]);
    expect(spx[1]).toMatchObject({ cameraName: 'Bàn đóng gói 1', start: packed.start, end: packed.end, durationSec: 4, clipState: 'ready' });
    expect(response.body.found[1]?.events[0]?.clipState).toBe('pending');
    // Tenant B's code is not found for A, as any unknown code.
    expect(response.body.notFound).toEqual(['NOT-A-CODE-HERE', 'BONLY0001']);
  });

  it('refuses more than 1,000 codes and a body too big, naming the field', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => `GHN${String(i).padStart(8, '0')}`);

    const list = await shopA.call<ErrorBody>('POST', '/api/events/search', { codes: many });
    const text = await shopA.call<ErrorBody>('POST', '/api/events/search', { text: many.join('\n') });
    const huge = await shopA.call<ErrorBody>('POST', '/api/events/search', { text: 'A'.repeat(300_000) });
    const neither = await shopA.call<ErrorBody>('POST', '/api/events/search', {});

    expect([list.status, list.body.error.field]).toEqual([400, 'codes']);
    expect(list.body.error.message).toContain('1,000');
    expect([text.status, text.body.error.field]).toEqual([400, 'text']);
    expect([huge.status, huge.body.error.field]).toEqual([400, 'body']);
    expect([neither.status, neither.body.error.field]).toEqual([400, 'codes']);
  });

  it('finds codes by their first characters and refuses a prefix shorter than 4', async () => {
    const found = await shopA.call<{ items: EventView[] }>('GET', '/api/events?prefix=ghn9');
    const short = await shopA.call<ErrorBody>('GET', '/api/events?prefix=gh');
    const other = await shopB.call<{ items: EventView[] }>('GET', '/api/events?prefix=SPXV');

    expect(found.body.items.map((event) => event.id)).toEqual([repacked.id]);
    expect([short.status, short.body.error.field]).toEqual([400, 'prefix']);
    expect(other.body.items).toEqual([]);
  });

  it('shows one order by id, and answers 404 for another tenant\'s id on every event route', async () => {
    const own = await shopA.call<EventView>('GET', `/api/events/${packed.id}`);

    expect(own.body).toMatchObject({ id: packed.id, trackingCodes: ['SPXVN417776317'], cameraName: 'Bàn đóng gói 1' });
    for (const [method, pathname] of [
      ['GET', `/api/events/${packed.id}`],
      ['GET', `/api/events/${packed.id}/clip`],
      ['GET', `/api/events/${packed.id}/shares`],
      ['POST', `/api/events/${packed.id}/shares`],
    ] as const) {
      const response = await shopB.call<ErrorBody>(method, pathname, method === 'POST' ? {} : undefined);
      expect([pathname, response.status]).toEqual([pathname, 404]);
      expect(JSON.stringify(response.body)).not.toContain(tenantA);
    }
  });

  it('lists a camera\'s events of one day in the tenant\'s time zone, oldest first', async () => {
    const day = await shopA.call<{ timeZone: string; items: EventView[] }>('GET', `/api/sources/${sourceId}/cameras/cam1/events?day=2025-07-18`);
    const next = await shopA.call<{ items: EventView[] }>('GET', `/api/sources/${sourceId}/cameras/cam1/events?day=2025-07-19`);
    const bad = await shopA.call<ErrorBody>('GET', `/api/sources/${sourceId}/cameras/cam1/events?day=18-07-2025`);
    const foreign = await shopB.call<ErrorBody>('GET', `/api/sources/${sourceId}/cameras/cam1/events?day=2025-07-18`);

    expect(day.body.timeZone).toBe('Asia/Ho_Chi_Minh');
    // The pending order at 16:59:59 UTC is 23:59:59 on the 18th in Ho Chi Minh City; the 19th starts at 17:00 UTC.
    expect(day.body.items.map((event) => event.id)).toEqual([packed.id, repacked.id, pending.id]);
    expect(next.body.items).toEqual([]);
    expect([bad.status, bad.body.error.field]).toEqual([400, 'day']);
    expect(foreign.status).toBe(404);
  });

  it('plays a clip through a presigned URL that seeks with Range, and downloads it under the order\'s name', async () => {
    const play = await shopA.call<{ url: string; fileName: string }>('GET', `/api/events/${packed.id}/clip`);
    const download = await shopA.call<{ url: string; fileName: string }>('GET', `/api/events/${packed.id}/clip?download=1`);

    const whole = await fetch(play.body.url);
    const ranged = await fetch(play.body.url, { headers: { range: 'bytes=1000-1999' } });
    const attachment = await fetch(download.body.url);

    expect(play.body.fileName).toBe('SPXVN417776317_Bàn-đóng-gói-1_2025-07-18_09-30-00.mp4');
    expect(Buffer.from(await whole.arrayBuffer()).equals(clip)).toBe(true);
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(clip.subarray(1000, 2000))).toBe(true);
    const disposition = attachment.headers.get('content-disposition') ?? '';
    expect(disposition.startsWith('attachment;')).toBe(true);
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1] ?? '')).toBe(play.body.fileName);
    await attachment.arrayBuffer();
  });

  it('names a download in the cameras\' clock when the tenant has set no time zone', async () => {
    const anonymous = new ApiClient(harness.stack.url);
    const { client, tenantId } = await anonymous.signUp('owner@shop-c.example', 'Cửa hàng C');
    const source = await client.call<{ id: string }>('POST', '/api/sources', {
      ...validLocalSource,
      config: { ...validLocalSource.config, mapping: { timeZone: '+07:00', renames: { cam1: 'Bàn 2' } } },
    });
    const key = `${tenantId}/${source.body.id}/_clips/c.mp4`;
    await stores.putClip(key, clip);
    const event = parcelEvent({ tenantId, sourceId: source.body.id, codes: ['CZONE0001'], start: '2025-07-18T02:30:03.000Z', clipKey: key });
    await seedEvents(stores.events, [event]);

    const response = await client.call<{ fileName: string }>('GET', `/api/events/${event.id}/clip`);

    expect(response.body.fileName).toBe('CZONE0001_Bàn-2_2025-07-18_09-30-00.mp4');
  });

  it('names files and draws the day in the zone the page shows times in when the tenant has set none, and refuses a bad zone', async () => {
    // Arrange: no tenant zone and no camera clock, so the page shows the viewer's own zone (Ho Chi Minh City).
    const anonymous = new ApiClient(harness.stack.url);
    const { client, tenantId } = await anonymous.signUp('owner@shop-d.example', 'Cửa hàng D');
    const source = await client.call<{ id: string }>('POST', '/api/sources', { ...validLocalSource, config: { ...validLocalSource.config, mapping: { renames: { cam1: 'Bàn 3' } } } });
    const key = `${tenantId}/${source.body.id}/_clips/d.mp4`;
    await stores.putClip(key, clip);
    // 00:30 on 19 July in Ho Chi Minh City, still the 18th in UTC.
    const lateNight = parcelEvent({ tenantId, sourceId: source.body.id, codes: ['DZONE0001'], start: '2025-07-18T17:30:03.000Z', clipKey: key });
    await seedEvents(stores.events, [lateNight]);
    const zone = encodeURIComponent('Asia/Ho_Chi_Minh');

    // Act
    const download = await client.call<{ fileName: string }>('GET', `/api/events/${lateNight.id}/clip?download=1&zone=${zone}`);
    const withoutZone = await client.call<{ fileName: string }>('GET', `/api/events/${lateNight.id}/clip`);
    const day = await client.call<{ timeZone: string; items: EventView[] }>('GET', `/api/sources/${source.body.id}/cameras/cam1/events?day=2025-07-19&zone=${zone}`);
    const badZone = await client.call<ErrorBody>('GET', `/api/events/${lateNight.id}/clip?zone=Mars%2FOlympus`);
    const badDayZone = await client.call<ErrorBody>('GET', `/api/sources/${source.body.id}/cameras/cam1/events?day=2025-07-19&zone=%2B99:00`);
    const badExportZone = await client.call<ErrorBody>('POST', '/api/events/export?zone=nowhere', { text: 'DZONE0001' });

    // Assert
    expect(download.body.fileName).toBe('DZONE0001_Bàn-3_2025-07-19_00-30-00.mp4');
    expect(withoutZone.body.fileName).toBe('DZONE0001_Bàn-3_2025-07-18_17-30-00.mp4');
    expect([day.body.timeZone, day.body.items.map((event) => event.id)]).toEqual(['Asia/Ho_Chi_Minh', [lateNight.id]]);
    expect([badZone.status, badZone.body.error.field]).toEqual([400, 'zone']);
    expect([badDayZone.status, badDayZone.body.error.field]).toEqual([400, 'zone']);
    expect([badExportZone.status, badExportZone.body.error.field]).toEqual([400, 'zone']);
  });

  it('keeps the tenant\'s own zone for file names whatever zone the page sends', async () => {
    const response = await shopA.call<{ fileName: string }>('GET', `/api/events/${packed.id}/clip?zone=${encodeURIComponent('America/New_York')}`);

    expect(response.body.fileName).toBe('SPXVN417776317_Bàn-đóng-gói-1_2025-07-18_09-30-00.mp4');
  });

  it('says a clip still being cut is not ready instead of handing out a URL', async () => {
    const response = await shopA.call<ErrorBody>('GET', `/api/events/${pending.id}/clip`);

    expect(response.status).toBe(409);
    expect(response.body.error.message).toContain('still being cut');
  });

  it('shares a clip through a link that plays without signing in, until it is revoked', async () => {
    const created = await shopA.call<ShareLinkView>('POST', `/api/events/${packed.id}/shares`, {});
    const token = (created.body.url ?? '').split('/share/')[1] ?? '';
    const anonymous = new ApiClient(harness.stack.url);

    const shared = await anonymous.call<SharedClipView>('GET', `/api/public/shares/${token}`);
    const video = await fetch(shared.body.clip.url, { headers: { range: 'bytes=0-99' } });
    const listed = await shopA.call<{ items: ShareLinkView[] }>('GET', `/api/events/${packed.id}/shares`);
    const revoked = await shopA.call('DELETE', `/api/events/${packed.id}/shares/${created.body.id}`);
    const afterRevoke = await anonymous.call<ErrorBody>('GET', `/api/public/shares/${token}`);
    const bRevokes = await shopB.call<ErrorBody>('DELETE', `/api/events/${packed.id}/shares/${created.body.id}`);

    expect(created.status).toBe(201);
    expect(Date.parse(created.body.expiresAt) - Date.parse(created.body.createdAt)).toBe(7 * 86_400_000);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({ trackingCodes: ['SPXVN417776317'], cameraName: 'Bàn đóng gói 1', start: packed.start });
    expect(video.status).toBe(206);
    expect(listed.body.items.map((link) => [link.id, link.url])).toEqual([[created.body.id, null]]);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(revoked.status).toBe(204);
    expect(afterRevoke.status).toBe(410);
    expect(afterRevoke.body.error.message).toContain('turned off');
    expect(bRevokes.status).toBe(404);
  });

  it('refuses an expired link with 410 and an unknown one with 404, and share lengths outside 1–30 days', async () => {
    const dynamo = new DynamoDBClient(localClientConfig(harness.stack.endpoints.dynamodb));
    const shares = new DynamoShareLinkRepository(makeTableContext({ tableName: harness.stack.tableName, client: dynamo }));
    const token = 'e'.repeat(43);
    await shares.create({
      tenantId: tenantA, id: 'shr_expired', eventId: packed.id, tokenHash: hashSecret(token),
      createdAt: '2025-07-01T00:00:00.000Z', createdBy: 'usr_x', expiresAt: '2025-07-08T00:00:00.000Z', revokedAt: null,
    });
    dynamo.destroy();
    const anonymous = new ApiClient(harness.stack.url);

    const expired = await anonymous.call<ErrorBody>('GET', `/api/public/shares/${token}`);
    const unknown = await anonymous.call<ErrorBody>('GET', `/api/public/shares/${'u'.repeat(43)}`);
    const tooLong = await shopA.call<ErrorBody>('POST', `/api/events/${packed.id}/shares`, { days: 31 });
    const zero = await shopA.call<ErrorBody>('POST', `/api/events/${packed.id}/shares`, { days: 0 });
    const thirty = await shopA.call<ShareLinkView>('POST', `/api/events/${packed.id}/shares`, { days: 30 });

    expect([expired.status, expired.body.error.code]).toEqual([410, 'gone']);
    expect(expired.body.error.message).toContain('expired');
    expect(unknown.status).toBe(404);
    expect([tooLong.status, tooLong.body.error.field]).toEqual([400, 'days']);
    expect([zero.status, zero.body.error.field]).toEqual([400, 'days']);
    expect(Date.parse(thirty.body.expiresAt) - Date.parse(thirty.body.createdAt)).toBe(30 * 86_400_000);
  });

  it('makes a link that keeps the clip when asked, lists it as keeping, and refuses a keep that is not true or false', async () => {
    const keeping = await shopA.call<ShareLinkView>('POST', `/api/events/${packed.id}/shares`, { days: 3, keep: true });
    const plain = await shopA.call<ShareLinkView>('POST', `/api/events/${packed.id}/shares`, { days: 3 });
    const wrong = await shopA.call<ErrorBody>('POST', `/api/events/${packed.id}/shares`, { days: 3, keep: 'yes' });
    const listed = await shopA.call<{ items: ShareLinkView[] }>('GET', `/api/events/${packed.id}/shares`);
    const revoked = await shopA.call('DELETE', `/api/events/${packed.id}/shares/${keeping.body.id}`);

    expect([keeping.status, keeping.body.keep, plain.body.keep]).toEqual([201, true, false]);
    expect([wrong.status, wrong.body.error.field]).toEqual([400, 'keep']);
    expect(listed.body.items.find((link) => link.id === keeping.body.id)?.keep).toBe(true);
    expect(revoked.status).toBe(204);
  });

  it('exports the clips of many codes as one ZIP with results.csv, streamed into the bucket', async () => {
    const response = await shopA.call<ExportView>('POST', '/api/events/export', { text: 'spxvn417776317 GHN74068124158 NOPE0001 BONLY0001' });
    const zip = Buffer.from(await (await fetch(response.body.url)).arrayBuffer());
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vtrack-export-'));
    const file = path.join(dir, 'export.zip');
    await writeFile(file, zip);
    const script = 'import sys,zipfile,json\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps({i.filename: z.read(i).decode("utf-8-sig") if i.filename.endswith(".csv") else len(z.read(i)) for i in z.infolist()}))';
    const listing = JSON.parse((await run('python3', ['-c', script, file])).stdout) as Record<string, string | number>;
    await rm(dir, { recursive: true, force: true });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ clips: 2, found: 2, notFound: 2, withoutClip: 1, bytes: zip.length });
    expect(Object.keys(listing)).toEqual([
      'results.csv',
      'SPXVN417776317_Bàn-đóng-gói-1_2025-07-18_10-29-57.mp4',
      'SPXVN417776317_Bàn-đóng-gói-1_2025-07-18_09-30-00.mp4',
    ]);
    expect(listing['SPXVN417776317_Bàn-đóng-gói-1_2025-07-18_09-30-00.mp4']).toBe(clip.length);
    const csv = String(listing['results.csv']).split('\r\n');
    expect(csv[0]).toBe('code,status,camera,start,end,durationSec,clipState,file,note');
    expect(csv).toContain('NOPE0001,not_found,,,,,,,');
    expect(csv).toContain('BONLY0001,not_found,,,,,,,');
    expect(csv.find((line) => line.startsWith('GHN74068124158,found'))).toContain(',pending,,');
  });
});
