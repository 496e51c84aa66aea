/**
 * The shop-ready story end to end, in Vietnamese browsers against the local
 * stack: a shop owner reads the first screen, signs up, invites a packer as
 * staff; the packer joins on a phone, finds an order by its code, plays and
 * downloads its clip, and is offered nothing staff may not do; the owner reads
 * why a sync stopped, from the message the backend stored in English. No
 * English reaches either of them.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRunRepository } from '../../adapters/dynamodb/dynamoRunRepository';
import { DynamoSourceRepository } from '../../adapters/dynamodb/dynamoSourceRepository';
import { makeTableContext } from '../../adapters/dynamodb/tableContext';
import { systemClock } from '../../core/ports/clock';
import { beginRun } from '../../core/sync/beginRun';
import { claimLeaseUntil } from '../../core/sync/schedule';
import { localClientConfig } from '../../infra/local/awsClientConfig';
import { makeClip, parcelEvent, seedEvents, stackStores } from '../support/eventSeeds';
import { ApiClient, validLocalSource } from '../support/localStackHarness';
import { startBrowserStack, type BrowserStack } from './support/browserStack';
import { englishIn, readableTexts } from './support/pageText';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const VIETNAM = { locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' } as const;
const PHONE = { ...VIETNAM, viewport: { width: 360, height: 740 }, touch: true } as const;
const CODE = 'SPXVN417776317';
const VIDEO = '[data-testid="clip-video"]';

let web: BrowserStack | undefined;
let stores: ReturnType<typeof stackStores> | undefined;
let owner: Page;
let packer: Page;
let ownerErrors: string[];
let packerErrors: string[];
let inviteLink = '';

beforeAll(async () => {
  web = await startBrowserStack('vi-story');
  ({ page: owner, errors: ownerErrors } = await web.newPage(VIETNAM));
  ({ page: packer, errors: packerErrors } = await web.newPage(PHONE));
});

afterAll(async () => {
  stores?.close();
  await web?.close();
});

/** Every readable text on the page that reads as English; empty on a fully Vietnamese page. */
async function englishOn(page: Page): Promise<string[]> {
  await page.locator('main h1').first().waitFor();
  return englishIn(await readableTexts(page));
}

async function noSidewaysScroll(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}

describe('a Vietnamese shop, from sign-up to a packer playing a clip on a phone', () => {
  it('the owner learns what VTrack does, signs up and invites a packer as staff, all in Vietnamese', async () => {
    await owner.goto('/');
    await owner.getByTestId('welcome-tagline').filter({ hasText: 'Tìm video đóng gói của bất kỳ đơn hàng nào' }).waitFor();
    expect(await owner.locator('html').getAttribute('lang')).toBe('vi');
    expect(await englishOn(owner)).toEqual([]);

    await owner.getByRole('link', { name: 'Tạo tài khoản' }).first().click();
    await owner.getByLabel('Tên cửa hàng, công ty hoặc nhóm').fill('Tiệm giày Bình Thạnh');
    await owner.getByLabel('Email').fill('chu@giay-binh-thanh.vn');
    await owner.getByLabel('Mật khẩu').fill('mật khẩu an toàn');
    await owner.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await owner.getByRole('heading', { name: 'Nguồn video', level: 1 }).waitFor();
    expect(await englishOn(owner)).toEqual([]);

    await owner.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Nhóm' }).click();
    await owner.getByRole('heading', { name: 'Nhóm', level: 1 }).waitFor();
    await owner.getByLabel('Email của người được mời').fill('dong.goi@giay-binh-thanh.vn');
    await owner.getByLabel('Vai trò', { exact: true }).selectOption('staff');
    await owner.getByRole('button', { name: 'Mời', exact: true }).click();
    inviteLink = await owner.getByTestId('invite-link').inputValue();
    await owner.getByTestId('invites').getByText('dong.goi@giay-binh-thanh.vn').waitFor();

    // Assess: the invite is in Vietnamese too, and was not a silent failure.
    expect(inviteLink).toMatch(/\/join\/[A-Za-z0-9_-]{40,}$/);
    expect(await englishOn(owner)).toEqual([]);
    expect(ownerErrors).toEqual([]);
  }, 180_000);

  it('the packer joins on a phone and finds, plays and downloads an order’s clip, in Vietnamese, offered only what staff may do', async () => {
    if (!web) throw new Error('setup failed');
    // Prepare: the shop has an order with a clip (processing itself is tested elsewhere).
    const token = await owner.evaluate<string>(`JSON.parse(localStorage.getItem('vtrack.session')).token`);
    const tenantId = await owner.evaluate<string>(`JSON.parse(localStorage.getItem('vtrack.session')).user.tenantId`);
    const ownerApi = new ApiClient(web.url).withToken(token);
    const source = await ownerApi.call<{ id: string }>('POST', '/api/sources', {
      ...validLocalSource,
      config: { ...validLocalSource.config, mapping: { renames: { cam1: 'Bàn đóng gói 1' } } },
    });
    expect(source.status).toBe(201);
    stores = stackStores(web.stack);
    const clip = await makeClip(8);
    const clipKey = `${tenantId}/${source.body.id}/cam1/clips/${CODE}.mp4`;
    await stores.putClip(clipKey, clip);
    await seedEvents(stores.events, [parcelEvent({ tenantId, sourceId: source.body.id, codes: [CODE], start: '2025-07-18T02:30:03.000Z', clipKey, clipBytes: clip.length })]);

    // Act: join from the link, on the phone.
    await packer.goto(inviteLink);
    await packer.getByLabel('Mật khẩu').fill('đóng gói cẩn thận');
    await packer.getByRole('button', { name: 'Tham gia' }).click();
    await packer.getByText('Chào mừng bạn đến với Tiệm giày Bình Thạnh.').waitFor();
    expect(await englishOn(packer)).toEqual([]);

    await packer.goto('/trace');
    await packer.getByRole('heading', { name: 'Tìm đơn hàng', level: 1 }).waitFor();
    await packer.getByLabel('Mã vận đơn').fill(` ${CODE.toLowerCase()} `);
    await packer.getByRole('button', { name: 'Tìm', exact: true }).click();
    await packer.getByTestId('search-counts').filter({ hasText: 'Tìm thấy 1/1' }).waitFor();
    await packer.getByTestId('clip-video').waitFor();
    await packer.getByRole('button', { name: 'Phát', exact: true }).tap();
    const deadline = Date.now() + 20_000;
    // Polled with evaluate: the site's CSP refuses the string eval that waitForFunction would need.
    while ((await packer.evaluate<number>(`document.querySelector('${VIDEO}')?.currentTime ?? 0`)) <= 1) {
      if (Date.now() > deadline) throw new Error('the clip did not play on');
      await packer.waitForTimeout(100);
    }
    const download = packer.waitForEvent('download');
    await packer.getByRole('button', { name: /^Tải về / }).or(packer.getByRole('link', { name: /^Tải về / })).first().tap();
    const file = await download;

    // Assess: the clip is the order's, named with the time the page showed (the shop set no zone: the phone's own),
    // the page all Vietnamese and phone-sized.
    expect(file.suggestedFilename()).toBe(`${CODE}_Bàn-đóng-gói-1_2025-07-18_09-30-00.mp4`);
    expect(await packer.locator('html').getAttribute('lang')).toBe('vi');
    expect(await englishOn(packer)).toEqual([]);
    expect(await noSidewaysScroll(packer)).toBeLessThanOrEqual(0);
    await packer.screenshot({ path: path.join(screenshots, 'vi-staff-trace-phone.png'), fullPage: true });

    // Nothing staff may not do is offered, and asking anyway is refused in Vietnamese.
    const nav = packer.getByRole('navigation').first();
    for (const name of ['Nhóm', 'Máy trạm', 'Lưu trữ']) expect(await nav.getByRole('link', { name }).count()).toBe(0);
    expect(await packer.locator('a[href="/team"], a[href="/agents"], a[href="/sources/new"], a[href="/usage"]').count()).toBe(0);
    await packer.goto(`/sources/${source.body.id}/edit`);
    await packer.getByText('Vai trò của bạn trong nhóm không được làm việc này. Hãy nhờ chủ cửa hàng hoặc quản trị viên.').waitFor();
    expect(await englishIn(await readableTexts(packer))).toEqual([]);
    expect(packerErrors).toEqual([]);
  }, 180_000);

  it('the owner reads why a sync stopped in Vietnamese words, not the English the backend stored', async () => {
    if (!web) throw new Error('setup failed');
    // Prepare: a source whose sync began ten minutes ago and whose worker was lost (a restart); the next dispatch closes the run.
    const token = await owner.evaluate<string>(`JSON.parse(localStorage.getItem('vtrack.session')).token`);
    const tenantId = await owner.evaluate<string>(`JSON.parse(localStorage.getItem('vtrack.session')).user.tenantId`);
    const source = await new ApiClient(web.url).withToken(token).call<{ id: string }>('POST', '/api/sources', { ...validLocalSource, name: 'Kho Thủ Đức' });
    const dynamo = new DynamoDBClient(localClientConfig(web.stack.endpoints.dynamodb));
    const table = makeTableContext({ tableName: web.stack.tableName, client: dynamo });
    const sources = new DynamoSourceRepository(table);
    const runId = 'run_20261204T080000000_workerlost';
    const claimedAt = new Date(Date.now() - 10 * 60_000).toISOString();
    try {
      expect(await sources.claim(tenantId, source.body.id, { runId, claimedAt, leaseUntil: claimLeaseUntil(claimedAt) })).toBe(true);
      await beginRun({ runs: new DynamoRunRepository(table), sources, clock: systemClock }, { tenantId, sourceId: source.body.id, runId, trigger: 'schedule' });
      await web.stack.dispatchNow();
      expect(await sources.get(tenantId, source.body.id)).toMatchObject({ status: 'error', statusMessage: expect.stringMatching(/^the sync stopped unexpectedly/) });
    } finally {
      dynamo.destroy();
    }

    // Act
    await owner.goto(`/sources/${source.body.id}`);
    await owner.getByRole('heading', { name: 'Kho Thủ Đức', level: 1 }).waitFor();

    // Assess: the status and the last run say what happened, in Vietnamese, and nothing in English.
    const said = owner.getByText('Lần đồng bộ đã dừng trước khi xong. Lần đồng bộ tiếp theo sẽ làm tiếp từ chỗ đã dừng.');
    await said.first().waitFor();
    expect(await said.count()).toBeGreaterThanOrEqual(2);
    expect(await owner.getByText(/stopped unexpectedly/).count()).toBe(0);
    expect(await englishOn(owner)).toEqual([]);
    expect(ownerErrors).toEqual([]);
  }, 120_000);
});
