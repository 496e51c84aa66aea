/**
 * The Storage page (web/src/routes/usage) in Chromium against the local stack,
 * on a desktop and a 360 px phone, in English and Vietnamese: the 90-day chart
 * drawn from seeded usage, the month's cost and what the retention saves, an
 * idle page that does not ask the API in a loop, footage, clip and per-source
 * retention saved as chosen (the page says so), re-tagging progress until
 * done, and no sideways scrolling on the phone. Then the usage alert: no
 * banner under it, and once the form lowers it, the Storage and Sources pages
 * word it in the page's language, beside the Sources page's compact total.
 * Screenshots go to docs/screenshots/storage*.png.
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoStorageLedger } from '../../adapters/dynamodb/dynamoStorageLedger';
import { makeTableContext } from '../../adapters/dynamodb/tableContext';
import type { MeView } from '../../core/api/authApi';
import type { StorageView } from '../../core/api/storageApi';
import { localClientConfig } from '../../infra/local/awsClientConfig';
import { ApiClient, validLocalSource } from '../support/localStackHarness';
import { newContext, watchForPageErrors } from './support/browser';
import { signUpInBrowser, startBrowserStack, type BrowserStack } from './support/browserStack';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const DAYS = 90;
const MB = 1024 * 1024;
/** Per seeded day: three recordings and one clip. */
const PER_DAY = { footage: 3, clips: 1 };
const SEEDED = DAYS * (PER_DAY.footage + PER_DAY.clips);

const messages = (locale: 'en' | 'vi'): Record<string, string> => JSON.parse(readFileSync(new URL(`../../web/messages/${locale}.json`, import.meta.url), 'utf8')) as Record<string, string>;
const dayOf = (offset: number): string => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
/** A yyyy-mm-dd day or yyyy-mm month as the page writes it in that language ("Jul 18, 2025", "18 thg 7, 2025"; "December 2026"). */
const written = (locale: 'en' | 'vi', iso: string): string =>
  new Intl.DateTimeFormat(locale, iso.length === 7 ? { year: 'numeric', month: 'long', timeZone: 'UTC' } : { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${iso.length === 7 ? `${iso}-15` : iso}T12:00:00Z`));

let web: BrowserStack;
let api: ApiClient;
let session: string;
/** A source of the shop, for its own retention (the per-source override). */
let sourceId: string;
const SOURCE_NAME = 'Đầu ghi kho 2';

/** Usage of the last 90 days as the write points would have left it: ledger entries and their counters, and the objects they name. */
async function seedUsage(tenantId: string): Promise<void> {
  const dynamo = new DynamoDBClient(localClientConfig(web.stack.endpoints.dynamodb));
  const s3 = new S3Client(localClientConfig(web.stack.endpoints.s3));
  const ledger = new DynamoStorageLedger(makeTableContext({ tableName: web.stack.tableName, client: dynamo }));
  try {
    for (let offset = DAYS - 1; offset >= 0; offset -= 1) {
      const day = dayOf(offset);
      const entries = [
        ...Array.from({ length: PER_DAY.footage }, (_, n) => ({ kind: 'footage' as const, key: `${tenantId}/src_seed/cam1/${day}/Cam1_${day.replaceAll('-', '')}_0${n}0000.mp4`, bytes: (140 + n * 10) * MB })),
        ...Array.from({ length: PER_DAY.clips }, (_, n) => ({ kind: 'clip' as const, key: `${tenantId}/src_seed/_clips/ev_${day}_${n}.mp4`, bytes: 3 * MB })),
      ];
      for (const entry of entries) {
        await s3.send(new PutObjectCommand({ Bucket: web.stack.bucketName, Key: entry.key, Body: 'seeded' }));
        const tag = entry.kind === 'clip' ? 'clip-forever' : 'footage-keep';
        await ledger.record({ tenantId, sourceId: 'src_seed', cameraId: 'cam1', key: entry.key, kind: entry.kind, bytes: entry.bytes, storedAt: `${day}T10:00:00.000Z`, tag, providerFileId: null, eventId: null }, day);
      }
    }
  } finally {
    dynamo.destroy();
    s3.destroy();
  }
}

beforeAll(async () => {
  web = await startBrowserStack('storage');
  const { page } = await web.newPage();
  await signUpInBrowser(page, { teamName: 'Kho Hàng Bình Thạnh — chi nhánh số 2', email: 'chu-kho@binh-thanh.test' });
  session = await page.evaluate<string>(`localStorage.getItem('vtrack.session')`);
  api = new ApiClient(web.url).withToken((JSON.parse(session) as { token: string }).token);
  await page.context().close();
  await seedUsage((await api.call<MeView>('GET', '/api/me')).body.tenantId);
  sourceId = (await api.call<{ id: string }>('POST', '/api/sources', { ...validLocalSource, name: SOURCE_NAME })).body.id;
  await mkdir(screenshots, { recursive: true });
}, 240_000);

afterAll(() => web?.close(), 60_000);

async function openStorage(viewport: { width: number; height: number } | undefined, locale: 'en' | 'vi'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await newContext(web.browser, { baseURL: web.url, locale: locale === 'vi' ? 'vi-VN' : 'en-US', ...(viewport === undefined ? {} : { viewport, touch: true }) });
  await context.addInitScript(`localStorage.setItem('vtrack.session', ${JSON.stringify(session)})`);
  const page = await context.newPage();
  const errors = watchForPageErrors(page);
  await page.goto('/usage');
  await page.getByTestId('usage-chart').waitFor();
  return { context, page, errors };
}

const cases = [
  { name: 'desktop, English', locale: 'en', viewport: undefined, footageDays: '14', clipDays: '90', sourceFootageDays: '60', shot: 'storage.png' },
  { name: 'desktop, Vietnamese', locale: 'vi', viewport: undefined, footageDays: '30', clipDays: '365', sourceFootageDays: '7', shot: 'storage-vi.png' },
  { name: '360 px phone, English', locale: 'en', viewport: { width: 360, height: 740 }, footageDays: '7', clipDays: '180', sourceFootageDays: 'null', shot: 'storage-phone.png' },
  { name: '360 px phone, Vietnamese', locale: 'vi', viewport: { width: 360, height: 740 }, footageDays: '60', clipDays: 'null', sourceFootageDays: '14', shot: 'storage-phone-vi.png' },
] as const;

/** Sizes as a person reads them in `locale`, in decimal units ("1.2 GB", "1,2 GB"): what the page should show. */
function sizeIn(locale: 'en' | 'vi', bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  for (; value >= 1000 && unit < units.length - 1; unit += 1) value /= 1000;
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)} ${units[unit]!}`;
}
const usdIn = (locale: 'en' | 'vi', dollars: number): string => new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(dollars);

/** A select's value as the API stores it: 'null' is keep / forever. */
const daysOf = (value: string): number | null => (value === 'null' ? null : Number(value));

describe('the Storage page', () => {
  for (const scenario of cases) {
    it(`${scenario.name}: the 90-day chart, the month's cost, what retention saves, footage, clip and per-source retention saved, re-tagging until done`, async () => {
      // Prepare
      const words = messages(scenario.locale);
      const { context, page, errors } = await openStorage(scenario.viewport, scenario.locale);
      try {
        // Assess: the chart has a day for each of the 90 days, from the first seeded day to today, and grows.
        const chart = page.getByTestId('usage-chart');
        expect(await chart.locator('rect.hit').count()).toBe(DAYS);
        const caption = (await page.locator('figure figcaption').textContent()) ?? '';
        expect(caption).toContain(written(scenario.locale, dayOf(DAYS - 1)));
        expect(caption).toContain(written(scenario.locale, dayOf(0)));
        const ends = await chart.locator('path.line').evaluate((path) => {
          const points = [...(path.getAttribute('d') ?? '').matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((match) => Number(match[2]));
          return { count: points.length, first: points[0] ?? 0, last: points.at(-1) ?? 0 };
        });
        expect(ends.count).toBe(DAYS);
        expect(ends.first, 'the first day stored less than today (lower on the chart is a larger y)').toBeGreaterThan(ends.last);
        const view = (await api.call<StorageView>('GET', '/api/storage')).body;
        expect(view.totals.footageFiles + view.totals.clipFiles).toBe(SEEDED);
        expect(view.cost.total).toBeGreaterThan(0);
        expect(((await page.getByTestId('cost-total').textContent()) ?? '').trim()).toMatch(/\d/);
        expect(((await page.locator('#cost').textContent()) ?? '').trim()).toBe(words['storage_cost_title']!.replace('{month}', written(scenario.locale, view.cost.month)));

        // Assess: the page, loaded, asks again only now and then (not in a loop).
        let reads = 0;
        page.on('request', (request) => void (new URL(request.url()).pathname === '/api/storage' && request.method() === 'GET' && (reads += 1)));
        await page.waitForTimeout(2000);
        expect(reads, 'GET /api/storage in 2 s on an idle page').toBeLessThanOrEqual(1);

        // Act: a new footage and clip retention, and the source's own footage retention.
        const form = page.getByTestId('retention-form');
        await form.locator('select[name=footageDays]').selectOption(scenario.footageDays);
        await form.locator('select[name=clipDays]').selectOption(scenario.clipDays);
        await form.locator('details summary').click();
        await form.getByLabel(`${SOURCE_NAME}: ${words['storage_footage_days']!}`).selectOption(scenario.sourceFootageDays);
        await form.locator('button[type=submit]').click();

        // Assess: the page says it saved, and what it saved is what was chosen.
        await page.getByRole('status').filter({ hasText: words['storage_saved']! }).waitFor();
        const saved = (await api.call<StorageView>('GET', '/api/storage')).body;
        expect(saved.retention).toEqual({ footageDays: daysOf(scenario.footageDays), clipDays: daysOf(scenario.clipDays) });
        expect(saved.sources[sourceId]).toEqual({ footageDays: daysOf(scenario.sourceFootageDays) });
        expect(await form.locator('select[name=footageDays]').inputValue()).toBe(scenario.footageDays);
        expect(await form.locator('select[name=clipDays]').inputValue()).toBe(scenario.clipDays);
        expect(await form.getByLabel(`${SOURCE_NAME}: ${words['storage_footage_days']!}`).inputValue()).toBe(scenario.sourceFootageDays);

        // Assess: re-tagging shows its progress (the request did the first batch of 100), then finishes in the background.
        const progress = page.getByTestId('retag-progress');
        await progress.waitFor();
        expect(await progress.textContent()).toContain(words['storage_retag_running']!);
        await web.stack.runScheduledTasks();
        await progress.waitFor({ state: 'detached', timeout: 20_000 });
        expect(await page.getByTestId('retag').textContent()).toContain(String(SEEDED));
        const saves = page.getByTestId('savings').locator('strong');
        await saves.waitFor();
        expect(await saves.textContent()).toContain(words['storage_savings_amount']!.split('{amount}')[0]!.trim());
        expect((await api.call<StorageView>('GET', '/api/storage')).body.savings.savesPerMonth).toBeGreaterThan(0);

        // Assess: every card's heading sits inside it, away from its border.
        const insets = await page.locator('section.card').evaluateAll((cards) =>
          cards.map((card) => {
            const heading = card.querySelector('h2, p');
            return heading === null ? 99 : heading.getBoundingClientRect().left - card.getBoundingClientRect().left;
          }),
        );
        expect(Math.min(...insets), `insets ${insets.join(', ')}`).toBeGreaterThanOrEqual(12);

        // Assess: nothing wider than the screen.
        expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
        await page.screenshot({ path: `${screenshots}${scenario.shot}`, fullPage: true });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }, 180_000);
  }
});

describe('the usage alert and the Sources page total', () => {
  for (const locale of ['en', 'vi'] as const) {
    it(`${locale}: no banner under the alert; once the form lowers it below what is stored, Storage and Sources say by how much, and Sources shows the total`, async () => {
      // Prepare: an alert far above what is stored.
      const words = messages(locale);
      expect((await api.call('PATCH', '/api/storage', { alert: { kind: 'gb', value: 1_000_000 } })).status).toBe(200);
      const { context, page, errors } = await openStorage(undefined, locale);
      try {
        expect(await page.getByTestId('usage-alert').count()).toBe(0);

        // Act: 1 GB, set in the form.
        const form = page.getByTestId('retention-form');
        await form.locator('select[name=alertKind]').selectOption('gb');
        await form.locator('input[name=alertValue]').fill('1');
        await form.locator('button[type=submit]').click();

        // Assess: the banner words the API's numbers in the page's language and formats.
        const banner = page.getByTestId('usage-alert');
        await banner.waitFor();
        const view = (await api.call<StorageView>('GET', '/api/storage')).body;
        expect(view.alert).toMatchObject({ alert: { kind: 'gb', value: 1 }, crossed: true, crossing: { kind: 'gb', thresholdBytes: 1_000_000_000 } });
        const crossing = view.alert.crossing?.kind === 'gb' ? view.alert.crossing : null;
        const sentence = words['usage_alert_gb']!.replace('{stored}', sizeIn(locale, crossing?.measuredBytes ?? 0)).replace('{threshold}', sizeIn(locale, 1_000_000_000));
        expect(sentence).toContain(locale === 'vi' ? '1,0 GB' : '1.0 GB');
        expect((await banner.textContent())?.trim()).toBe(sentence);

        // Act: the Sources page.
        await page.goto('/sources');
        const summary = page.getByTestId('storage-summary');
        await summary.waitFor();

        // Assess: the same banner, with a link to Storage, and the compact total of what is stored and this month's cost.
        expect((await page.getByTestId('usage-alert').textContent())?.replace(/\s+/g, ' ').trim()).toBe(`${sentence} ${words['nav_storage']!}`);
        const total = sizeIn(locale, view.totals.footageBytes + view.totals.clipBytes);
        expect((await summary.textContent())?.trim()).toBe(words['storage_compact']!.replace('{bytes}', total).replace('{cost}', usdIn(locale, view.cost.total)));
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }, 120_000);
  }
});

describe('a save the API refuses', () => {
  it('vi: the form says what is wrong in Vietnamese, never the API’s English sentence', async () => {
    // Prepare: an alert above the most the API takes (1,000,000); the field itself lets it through.
    const words = messages('vi');
    const { context, page, errors } = await openStorage(undefined, 'vi');
    try {
      const form = page.getByTestId('retention-form');
      await form.locator('select[name=alertKind]').selectOption('gb');
      await form.locator('input[name=alertValue]').fill('2000000');

      // Act
      await form.locator('button[type=submit]').click();

      // Assess: the API answered 400 naming alert.value in English; the page says it in its own words.
      const problem = form.getByRole('alert').filter({ hasText: /\S/ });
      await problem.waitFor();
      expect((await problem.textContent())?.trim()).toBe(words['error_field_invalid']);
      expect(await page.getByText(/at most|must be/i).count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

