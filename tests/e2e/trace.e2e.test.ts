/**
 * The Find order page in headless Chromium against the local stack, with orders
 * stored through the real events repository and a real H.264 clip (cut from the
 * packing fixture by ffmpeg) in the S3 stand-in: a search finds a code, the clip
 * plays at 2x, downloads under the order's name, and its share link plays in a
 * fresh browser with no session. The page also fits a 360 px phone.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParcelEvent } from '../../core/events/parcelEvent';
import { startLocalStack, type LocalStack } from '../../infra/local/startLocalStack';
import { makeXlsx } from '../support/makeXlsx';
import { makeClip, parcelEvent, seedEvents, stackStores } from '../support/eventSeeds';
import { ApiClient, validLocalSource } from '../support/localStackHarness';
import { closeBrowser, launchBrowser, newContext, watchForPageErrors } from './support/browser';
import { buildWeb } from './support/buildWeb';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const EMAIL = 'owner@kho-trace.test';
const PASSWORD = 'correct horse battery';
/** In-page expressions are strings: this file is type-checked without the DOM library. */
const VIDEO = '[data-testid="clip-video"]';

let stack: LocalStack | undefined;
let browser: Browser | undefined;
let stores: ReturnType<typeof stackStores> | undefined;
let packed: ParcelEvent;
let clipBytes = 0;
const scratch: string[] = [];

beforeAll(async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vtrack-e2e-trace-'));
  const webDir = await buildWeb();
  scratch.push(dataDir, webDir);
  stack = await startLocalStack({ port: 0, dataDir, webDir, schedulerIntervalMs: 3_600_000, quiet: true });
  const { client, tenantId } = await new ApiClient(stack.url).signUp(EMAIL, 'Kho Sài Gòn', PASSWORD);
  await client.call('PATCH', '/api/tenant', { timeZone: 'Asia/Ho_Chi_Minh' });
  const source = await client.call<{ id: string }>('POST', '/api/sources', {
    ...validLocalSource,
    config: { ...validLocalSource.config, mapping: { renames: { cam1: 'Bàn đóng gói 1' } } },
  });
  stores = stackStores(stack);
  const clip = await makeClip(12);
  clipBytes = clip.length;
  const clipKey = `${tenantId}/${source.body.id}/cam1/clips/SPXVN417776317.mp4`;
  await stores.putClip(clipKey, clip);
  packed = parcelEvent({ tenantId, sourceId: source.body.id, codes: ['SPXVN417776317'], start: '2025-07-18T02:30:03.000Z', clipKey, clipBytes });
  const neighbour = parcelEvent({ tenantId, sourceId: source.body.id, codes: ['GHN91500080636'], start: '2025-07-18T02:30:13.000Z', clipKey, clipBytes });
  await seedEvents(stores.events, [packed, neighbour]);
  browser = await launchBrowser();
});

afterAll(async () => {
  stores?.close();
  await closeBrowser(browser);
  await stack?.stop();
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function signIn(page: Page): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Sources' }).waitFor();
}

/** Plays the page's clip and waits until the video has really moved on. */
async function playsOn(page: Page): Promise<{ time: number; rate: number }> {
  const video = page.getByTestId('clip-video');
  await video.waitFor();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  // Polled with evaluate: the site's CSP refuses the string eval that waitForFunction would need.
  const deadline = Date.now() + 20_000;
  while ((await page.evaluate<number>(`document.querySelector('${VIDEO}')?.currentTime ?? 0`)) <= 1) {
    if (Date.now() > deadline) throw new Error('the clip did not play on');
    await page.waitForTimeout(100);
  }
  return page.evaluate<{ time: number; rate: number }>(`(() => { const v = document.querySelector('${VIDEO}'); return { time: v.currentTime, rate: v.playbackRate }; })()`);
}

describe('Find order in the browser', () => {
  it('finds a pasted code, plays its clip at 2x, zooms on the label, downloads it under the order\'s name and shares it with someone signed out', async () => {
    if (!browser || !stack) throw new Error('setup failed');
    const context = await newContext(browser, { baseURL: stack.url });
    const page = await context.newPage();
    const errors = watchForPageErrors(page);
    await signIn(page);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Find order' }).click();
    await page.getByRole('heading', { name: 'Find an order' }).waitFor();
    await page.getByText('Results show here').waitFor();
    await page.getByLabel('Tracking codes').fill('spxvn417776317\nNOPE00001');
    await page.getByRole('button', { name: 'Search', exact: true }).click();

    await page.getByTestId('search-counts').filter({ hasText: '1 of 2 found, 1 not found' }).waitFor();
    expect(await page.getByTestId('not-found').textContent()).toBe('NOPE00001');
    const played = await playsOn(page);
    expect(played.rate).toBe(2);
    await page.getByRole('group', { name: /^Clip of SPXVN417776317/ }).press('4');
    expect(await page.evaluate<number>(`document.querySelector('${VIDEO}').playbackRate`)).toBe(4);
    await page.getByRole('button', { name: 'Zoom on label' }).click();
    expect(await page.evaluate<string>(`document.querySelector('${VIDEO}').style.transform`)).toMatch(/^scale\(\d/);
    await page.getByTestId('timeline').getByText('GHN91500080636').waitFor();
    await page.getByRole('heading', { name: 'Bàn đóng gói 1 on Jul 18, 2025', level: 3 }).waitFor();
    // The two ticks below the player look alike: a small box beside one line of words, each row tall enough to tap.
    for (const tick of [page.getByTestId('share-keep'), page.getByTestId('keep-clip')]) {
      const box = await tick.boundingBox();
      expect(box?.width).toBeLessThanOrEqual(24);
      const label = await tick.locator('xpath=ancestor::label').boundingBox();
      expect(label?.height).toBeGreaterThanOrEqual(44);
      expect(label?.height).toBeLessThan(60);
    }
    await page.screenshot({ path: path.join(screenshots, 'trace.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    expect(download.suggestedFilename()).toBe('SPXVN417776317_Bàn-đóng-gói-1_2025-07-18_09-30-00.mp4');
    const saved = await download.path();
    expect(saved).not.toBeNull();

    expect(new URL(page.url()).searchParams.get('q')).toBe('spxvn417776317\nNOPE00001');
    await page.reload();
    await page.getByTestId('search-counts').filter({ hasText: '1 of 2 found' }).waitFor();
    await page.getByRole('button', { name: 'Create link' }).click();
    const shareUrl = await page.getByTestId('share-url').inputValue();
    expect(shareUrl).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);
    expect(errors).toEqual([]);
    await context.close();

    const stranger = await newContext(browser, { baseURL: stack.url });
    const visitor = await stranger.newPage();
    const visitorErrors = watchForPageErrors(visitor);
    await visitor.goto(new URL(shareUrl).pathname);
    expect(await visitor.getByTestId('shared-code').textContent()).toBe('SPXVN417776317');
    expect((await playsOn(visitor)).time).toBeGreaterThan(1);
    expect(await visitor.evaluate<string | null>("localStorage.getItem('vtrack.session')")).toBeNull();
    await visitor.screenshot({ path: path.join(screenshots, 'share.png'), fullPage: true });
    expect(visitorErrors).toEqual([]);
    await stranger.close();
  });

  it('searches the chosen column of an uploaded CSV, remembers that column for the same layout, and refuses a file over 20 MB', async () => {
    if (!browser || !stack) throw new Error('setup failed');
    const context = await newContext(browser, { baseURL: stack.url });
    const page = await context.newPage();
    const errors = watchForPageErrors(page);
    await signIn(page);
    await page.goto('/trace');
    const csv = (rows: string[]) => ({ name: 'don-hang.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFFSTT;Ghi chú;Mã vận đơn\r\n${rows.join('\r\n')}\r\n`) });

    await page.getByTestId('code-file').setInputFiles(csv(['1;GHN91500080636;spx vn4177 76317', '2;x;NOPE00002', '---;;']));
    // The header that says "Mã vận đơn" is guessed; the shop picks the notes column instead this time.
    expect(await page.getByLabel(/Which column has the tracking codes/).inputValue()).toBe('2');
    await page.getByLabel(/Which column has the tracking codes/).selectOption({ label: 'Ghi chú' });
    await page.getByRole('button', { name: /^Search 2 codes from the file/ }).click();
    await page.getByTestId('search-counts').filter({ hasText: '1 of 2 found, 1 not found' }).waitFor();

    await page.reload();
    await page.getByTestId('code-file').setInputFiles(csv(['7;SPXVN417776317;GHN91500080636']));
    expect(await page.getByLabel(/Which column has the tracking codes/).inputValue()).toBe('1');

    // From disk: the browser opens the file itself; 21 MB sent as a buffer crosses the DevTools pipe
    // base64-encoded, which outlasted the action timeout on a loaded machine.
    const bigDir = await mkdtemp(path.join(tmpdir(), 'vtrack-big-csv-'));
    const big = path.join(bigDir, 'big.csv');
    await writeFile(big, Buffer.alloc(21 * 1024 * 1024, 0x41));
    await page.getByTestId('code-file').setInputFiles(big);
    await rm(bigDir, { recursive: true, force: true });
    await page.getByRole('alert').filter({ hasText: 'the limit is 20 MB' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('searches the tracking-code column of a real Excel workbook (.xlsx: shared strings, a number, an empty row, a second sheet) and explains a damaged one', async () => {
    if (!browser || !stack) throw new Error('setup failed');
    const context = await newContext(browser, { baseURL: stack.url });
    const page = await context.newPage();
    const errors = watchForPageErrors(page);
    await signIn(page);
    await page.goto('/trace');
    // A marketplace export as Excel writes it: Vietnamese headers, the code column second, codes typed in
    // lower case with a space, one code stored as a number, an empty row, and a summary sheet after it.
    const workbook = await makeXlsx([
      {
        name: 'Đơn hàng',
        rows: [
          ['STT', 'Mã vận đơn', 'Ghi chú'],
          [1, 'spx vn417776317', 'khách báo thiếu hàng'],
          [2, 'GHN91500080636', null],
          [],
          [3, 'NOPE00003', 'đổi trả'],
          [4, 915000806360, ''],
        ],
      },
      { name: 'Tổng', rows: [['Tổng cộng'], ['SPXVN000000999']] },
    ]);
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    // The page settles (session and sources read) before the file is chosen: a file input re-rendered meanwhile drops it.
    await page.getByRole('heading', { name: 'Find an order' }).waitFor();
    await page.waitForLoadState('networkidle');

    await page.getByTestId('code-file').setInputFiles({ name: 'don-hang-shopee.xlsx', mimeType: xlsx, buffer: workbook });
    expect(await page.getByLabel(/Which column has the tracking codes/).inputValue()).toBe('1');
    await page.getByRole('button', { name: /^Search 4 codes from the file/ }).click();
    await page.getByTestId('search-counts').filter({ hasText: '2 of 4 found, 2 not found' }).waitFor();
    expect(await page.getByText('SPXVN417776317').count()).toBeGreaterThan(0);
    expect(await page.getByText('915000806360').count()).toBeGreaterThan(0);
    expect(await page.getByText('SPXVN000000999').count()).toBe(0);

    // Half a workbook (a download cut off) is refused in words a shop understands.
    await page.getByTestId('code-file').setInputFiles({ name: 'cut-off.xlsx', mimeType: xlsx, buffer: workbook.subarray(0, Math.floor(workbook.length / 2)) });
    await page.getByRole('alert').filter({ hasText: 'This Excel file could not be read' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits a 360 px phone: no sideways scrolling and tap targets of at least 44 px', async () => {
    if (!browser || !stack) throw new Error('setup failed');
    const context = await newContext(browser, { baseURL: stack.url, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await signIn(page);
    await page.goto('/trace');
    await page.getByLabel('Tracking codes').fill('SPXVN417776317 GHN91500080636');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByTestId('search-counts').filter({ hasText: '2 of 2 found' }).waitFor();
    await page.getByTestId('found-order').first().click();
    await page.getByTestId('clip-video').waitFor();
    await page.getByRole('button', { name: 'Create link' }).waitFor();

    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    const small = await page.evaluate<{ text: string; height: number }[]>(`[...document.querySelectorAll('main button, main select, main textarea, main .upload')]
      .map((element) => ({ text: (element.textContent ?? '').trim().slice(0, 30), height: element.getBoundingClientRect().height }))
      .filter((box) => box.height > 0 && box.height < 44)`);
    await page.screenshot({ path: path.join(screenshots, 'trace-phone.png'), fullPage: true });

    expect(width).toBeLessThanOrEqual(360);
    expect(small).toEqual([]);
    await context.close();
  });
});
