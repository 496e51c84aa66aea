import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeSearchView, ClipUrlView } from '../../../core/api/eventsApi';
import type { SourceView } from '../../../core/api/sourcesApi';
import { parseCsv } from '../../../web/src/routes/trace/parseCsv';
import { connectGoogle, startGoogleStack, type GoogleStack } from '../../support/googleStack';
import { ApiClient } from '../../support/localStackHarness';
import { sharedFixtures } from '../processing/helpers/paths';
import { readTruth } from '../processing/helpers/truth';

const truth = readTruth(join(sharedFixtures, 'Cam1_20250718_093000.truth.json'));
const MINUTES = 60_000;

/** `SPXVN417776317` as a shop types it into a spreadsheet: lower case, in groups. */
const asTyped = (code: string): string => code.toLowerCase().replace(/(.{4})(?=.)/g, '$1 ');

/**
 * End to end on the local stack without a browser: footage in a Drive folder (the
 * protocol fake serving the shared fixtures) is synced and processed into orders,
 * then a marketplace-style CSV of 1,000 codes finds exactly the orders in it.
 */
describe('searching footage synced from Google Drive', () => {
  let google: GoogleStack;
  let shop: ApiClient;
  let other: ApiClient;

  beforeAll(async () => {
    google = await startGoogleStack();
    const anonymous = new ApiClient(google.harness.stack.url);
    shop = (await anonymous.signUp('owner@synced-shop.example', 'Cửa hàng Đồng bộ')).client;
    other = (await anonymous.signUp('owner@other-shop.example', 'Another shop')).client;
    await shop.call('PATCH', '/api/tenant', { timeZone: 'Asia/Ho_Chi_Minh' });
    const folder = google.fake.drive.addFolder({ name: 'Quầy đóng gói 1' });
    for (const file of truth.files) google.fake.drive.addFile({ name: file.name, parentId: folder, content: readFileSync(join(sharedFixtures, file.name)) });
    const connection = await connectGoogle(shop);
    const created = await shop.call<SourceView>('POST', '/api/sources', {
      type: 'google_drive',
      name: 'Packing station',
      intervalMinutes: 15,
      config: { connectionId: connection.id, folderIds: [folder], mapping: { layout: 'flat', timeZone: '+07:00', renames: { cam1: 'Quầy 1' }, excluded: [] }, processing: { enabled: true } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await google.harness.stack.settle();
  }, 10 * MINUTES);

  afterAll(async () => {
    await google.close();
  });

  it('finds every ground-truth order of a 1,000-code CSV with junk rows, typed in lower case with spaces, and no other', async () => {
    const fillers = Array.from({ length: 1000 - truth.orders.length }, (_, i) => `GHN${String(90_000_000 + i).padStart(11, '0')}`);
    const rows = [...truth.orders.map((order) => asTyped(order.code)), ...fillers].map((code, i) => `${i + 1};"${code}";Áo thun, size M`);
    const csv = `\uFEFFSTT;Mã vận đơn;Sản phẩm\r\n${rows.slice(0, 500).join('\r\n')}\r\n;;\r\n------;-------;\r\n${rows.slice(500).join('\r\n')}\r\nTổng cộng;;1000 đơn\r\n`;
    const column = parseCsv(csv).slice(1).map((row) => row[1] ?? '');

    const response = await shop.call<CodeSearchView>('POST', '/api/events/search', { codes: column });

    expect(response.status).toBe(200);
    expect(response.body.found.map((entry) => entry.code).sort()).toEqual(truth.orders.map((order) => order.code).sort());
    expect([...response.body.notFound].sort()).toEqual([...fillers].sort());
    expect(response.body.rejected.map((entry) => entry.input)).toEqual(['-------']);
    for (const entry of response.body.found) expect(entry.events[0], entry.code).toMatchObject({ cameraName: 'Quầy 1', clipState: 'ready' });
  });

  it('plays and downloads a found order\'s clip under its name, and another shop finds nothing', async () => {
    const order = truth.orders[1]!;
    const found = await shop.call<CodeSearchView>('POST', '/api/events/search', { text: order.code });
    const event = found.body.found[0]!.events[0]!;
    const clip = await shop.call<ClipUrlView>('GET', `/api/events/${event.id}/clip?download=1`);
    const ranged = await fetch(clip.body.url, { headers: { range: 'bytes=0-1023' } });
    const elsewhere = await other.call<CodeSearchView>('POST', '/api/events/search', { text: order.code });

    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).subarray(4, 8).toString()).toBe('ftyp');
    expect(clip.body.fileName).toMatch(new RegExp(`^${order.code}_Quầy-1_2025-07-18_09-30-\\d\\d\\.mp4$`));
    expect(decodeURIComponent(ranged.headers.get('content-disposition')?.split("''")[1] ?? '')).toBe(clip.body.fileName);
    expect(elsewhere.body).toMatchObject({ found: [], notFound: [order.code] });
  });
});
