/**
 * Every page in Vietnamese and in English, in real Chromium: a browser whose
 * language is Vietnamese gets the whole app in Vietnamese (<html lang="vi">)
 * with no English word or English-only message on any page, and an English
 * browser gets no Vietnamese-only message. The Settings switch changes the
 * language at once and keeps it across a reload. Pages without a path
 * parameter are read from web/src/routes/routes.ts, so a new page is walked
 * without editing this test.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchBrowser, newContext, watchForPageErrors } from './support/browser';
import { englishIn, onlyIn, readableTexts } from './support/pageText';
import { openWalkShop, WALK_CAMERA_ID, type WalkShop } from './support/shopForWalks';

let shop: WalkShop | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  shop = await openWalkShop();
  browser = await launchBrowser();
});

afterAll(async () => {
  await closeBrowser(browser);
  await shop?.stop();
});

/** Every page pattern the app has. */
function pagePatterns(): string[] {
  const source = readFileSync(new URL('../../web/src/routes/routes.ts', import.meta.url), 'utf8');
  return [...source.matchAll(/^\s*\['(\/[^']*)',\s*\{/gm)].map((match) => match[1] ?? '');
}

/** Where to open a page with path parameters; a new one must be added here. */
function addressOf(pattern: string, walk: WalkShop): string | null {
  const withParams: Record<string, string | null> = {
    '/sources/:id': `/sources/${walk.sourceId}`,
    '/sources/:id/edit': `/sources/${walk.sourceId}/edit`,
    '/share/:token': walk.sharePath,
    // An invite link that is not (or no longer) valid: the page says so.
    '/join/:token': '/join/an-invite-that-does-not-exist',
  };
  if (pattern in withParams) return withParams[pattern] ?? null;
  if (pattern.includes(':')) throw new Error(`${pattern}: tell languages.e2e.test.ts where to open this page`);
  return pattern;
}

/** Pages that only make sense as a redirect target with a query (callbacks): walked with a harmless error. */
const CALLBACKS = new Set(['/connect/google/callback']);

async function settle(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  // Loading states end, so the page's real content is what gets read.
  await expect.poll(() => page.locator('main .loading').count(), { timeout: 20_000 }).toBe(0);
  await page.waitForTimeout(150);
}

async function signIn(page: Page, walk: WalkShop, button: RegExp): Promise<void> {
  await page.goto('/sign-in');
  await page.locator('#email').fill(walk.email);
  await page.locator('#password').fill(walk.password);
  await page.getByRole('button', { name: button }).click();
  await page.waitForURL((url) => url.pathname === '/sources');
}

async function walkAll(locale: 'en' | 'vi', browserLocale: string): Promise<{ problems: string[]; pageErrors: string[] }> {
  const walk = shop as WalkShop;
  const context: BrowserContext = await newContext(browser as Browser, { baseURL: walk.url, locale: browserLocale, timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  const pageErrors = watchForPageErrors(page);
  const foreign = onlyIn(locale === 'en' ? 'vi' : 'en');
  const problems: string[] = [];

  /** Reads the page as it is now: in the page's language, nothing of the other's, no English on a Vietnamese page. */
  const read = async (where: string): Promise<void> => {
    expect(await page.evaluate<string>('document.documentElement.lang'), where).toBe(locale);
    const strings = await readableTexts(page);
    for (const text of strings) {
      const piece = foreign.find((candidate) => text.includes(candidate));
      if (piece) problems.push(`${where}: "${text}" is the other language's "${piece}"`);
    }
    if (locale === 'vi') for (const text of englishIn(strings)) problems.push(`${where}: English "${text}"`);
  };
  const check = async (address: string): Promise<void> => {
    await page.goto(address);
    await settle(page);
    await read(address);
  };

  try {
    const patterns = pagePatterns();
    expect(patterns).toContain('/trace');
    // Signed out: the first screen, sign-up and a shared clip.
    for (const address of ['/sign-in', '/sign-up', '/forgot-password', walk.sharePath]) await check(address);
    await signIn(page, walk, locale === 'vi' ? /^Đăng nhập$/ : /^Sign in$/);
    for (const pattern of patterns) {
      const address = addressOf(pattern, walk);
      if (address === null || ['/sign-in', '/sign-up', '/forgot-password'].includes(pattern)) continue;
      await check(CALLBACKS.has(pattern) ? `${address}?error=access_denied&state=x` : address);
    }
    // A search with results and the order opened: the player, sharing and the camera's day.
    await check(`/trace?q=${walk.code}`);
    await page.getByTestId('clip-video').waitFor();
    await check('/a-page-that-does-not-exist');
    await walkSourceForms(page, walk, read);
    await walkSkippedCodes(page, walk, locale, read);
    await walkApiWords(page, locale, read);
  } finally {
    await context.close();
  }
  return { problems, pageErrors };
}

type Read = (where: string) => Promise<void>;

/**
 * The Add and Edit source forms opened the way a shop uses them: the Drive
 * folder picker opened and two folders chosen (one with a PDF, a Google Sheet
 * and a shortcut loop, so the preview skips and notes), the camera type, a
 * local folder previewed from the agent's listing and one it cannot read, the
 * field errors of an unnamed source, and the order settings with their note,
 * region picker and an API field error.
 */
async function walkSourceForms(page: Page, walk: WalkShop, read: Read): Promise<void> {
  await page.goto('/sources/new');
  await settle(page);
  const tree = page.getByTestId('folder-tree');
  await page.getByTestId('connected-account').waitFor();
  await tree.locator('button.toggle').first().click();
  for (const name of ['Kho hàng', 'Giấy tờ']) await tree.locator('label', { hasText: name }).locator('input').check();
  await tree.locator('.row', { hasText: 'Giấy tờ' }).locator('button.toggle').click();
  await tree.getByTestId('folder-loop').waitFor();
  await tree.getByTestId('folder-videos').first().waitFor();
  const preview = page.getByTestId('mapping-preview');
  await expect.poll(() => preview.getByTestId('preview-camera').count(), { timeout: 20_000 }).toBe(2);
  await expect.poll(() => preview.locator('p.small').count(), { timeout: 20_000 }).toBe(3);
  await read('/sources/new: Drive folders and their cameras');

  await page.locator('#source-type-onvif').check();
  await page.locator('#source-address').waitFor();
  await read('/sources/new: a camera');

  await page.locator('#source-type-local').check();
  await page.locator('#source-agent option', { hasText: walk.agentName }).waitFor({ state: 'attached' });
  const folder = '/srv/đầu ghi/xuất';
  await page.locator('#source-path').fill(folder);
  const files = ['Quầy 1/ch_20250718_093000.mp4', 'Quầy 2/ch_20250718_093000.mp4', 'ghi chú.txt'].map((relativePath) => ({ relativePath, bytes: 4096, modifiedTime: '2025-07-18T02:30:00.000Z' }));
  await walk.answerListing(folder, { files, truncated: false, error: null, errorCode: null });
  await expect.poll(() => preview.getByTestId('preview-camera').count(), { timeout: 20_000 }).toBe(2);
  await page.locator('form.source-form button[type=submit]').click();
  await page.locator('#source-name-error').waitFor();
  await read('/sources/new: a local folder from the agent’s listing, no name yet');

  const missing = '/srv/chưa gắn ổ';
  await page.locator('#source-path').fill(missing);
  await walk.answerListing(missing, { files: [], truncated: false, error: 'the folder cannot be read: it does not exist (moved, deleted, or the share is not mounted)', errorCode: 'not_found' });
  await page.getByTestId('folder-error').waitFor({ timeout: 20_000 });
  await read('/sources/new: a folder the agent cannot read');
  await page.evaluate('sessionStorage.clear()');

  await page.goto(`/sources/${walk.sourceId}/edit`);
  await settle(page);
  const processing = page.getByTestId('processing-settings');
  await processing.locator('input[value=clips_only]').check();
  await processing.locator('#processing-keep-note').waitFor();
  await processing.locator('.region button').first().click();
  await processing.locator('[data-testid=roi-stage], .problem').first().waitFor({ timeout: 20_000 });
  await processing.locator('#processing-min').fill('-5');
  await processing.locator('button[type=submit]').click();
  await processing.getByTestId('field-error').waitFor();
  await read(`/sources/${walk.sourceId}/edit: order settings`);
  await page.evaluate('sessionStorage.clear()');
}

/** Search skip reasons come from the API as codes: the page says them in its own words. */
async function walkSkippedCodes(page: Page, walk: WalkShop, locale: 'en' | 'vi', read: Read): Promise<void> {
  const long = 'X'.repeat(70);
  await page.goto(`/trace?q=${encodeURIComponent(`${walk.code} ----- ${long}`)}`);
  await settle(page);
  await page.getByTestId('search-counts').waitFor();
  const skipped = page.locator('main details').filter({ has: page.locator('li code') });
  await skipped.locator('summary').click();
  const reasons = await skipped.locator('li').allTextContents();
  const words = messages(locale);
  expect(reasons).toEqual([`-----: ${words.trace_reject_no_letters}`, `${long}: ${String(words.trace_reject_too_long).replace('{max}', '64')}`]);
  await read('/trace: skipped entries');
}

/**
 * What the API sends as codes and numbers, worded by the page: the usage alert
 * the shop passed (Storage and Sources), and a camera whose recorder and NVR
 * failed in English (ffmpeg's and the device's words): the page says what went
 * wrong in its own language, the device's words only under a folded "Details".
 */
async function walkApiWords(page: Page, locale: 'en' | 'vi', read: Read): Promise<void> {
  const words = messages(locale);
  const before = (key: string): string => String(words[key]).split('{')[0] ?? '';
  for (const address of ['/usage', '/sources']) {
    await page.goto(address);
    await settle(page);
    const banner = page.getByTestId('usage-alert');
    await banner.waitFor();
    expect(await banner.textContent(), address).toContain(before('usage_alert_gb'));
    await read(`${address}: the usage alert`);
  }

  await page.goto('/cameras');
  await settle(page);
  const card = page.getByTestId('camera').filter({ hasText: WALK_CAMERA_ID });
  const unreachable = String(words['device_failure_unreachable']);
  // After the problem's colon, as a clause: "No footage since …: nothing answered …".
  await expect.poll(() => card.getByTestId('camera-problem').first().textContent()).toContain(unreachable.charAt(0).toLocaleLowerCase() + unreachable.slice(1));
  await card.getByTestId('camera-backfill').locator('summary').first().click();
  expect(await card.getByTestId('backfill-why').textContent()).toBe(words['device_failure_wrong_password']);
  await read('/cameras: a camera that failed in the device’s English');
  // The device's own words are there for support, once asked for.
  const details = card.getByTestId('camera-backfill').getByTestId('device-detail');
  await details.locator('summary').click();
  await details.getByText('401 Unauthorized').waitFor();
}

function messages(locale: 'en' | 'vi'): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../web/messages/${locale}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

describe('every page in both languages', () => {
  it('shows a Vietnamese browser every page in Vietnamese, with no English left', { timeout: 240_000 }, async () => {
    const { problems, pageErrors } = await walkAll('vi', 'vi-VN');
    expect(problems).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('shows an English browser every page in English, with no Vietnamese-only text', { timeout: 240_000 }, async () => {
    const { problems, pageErrors } = await walkAll('en', 'en-US');
    expect(problems).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('switches language in Settings at once, keeps it after a reload, and back to the browser’s', { timeout: 120_000 }, async () => {
    const walk = shop as WalkShop;
    const context = await newContext(browser as Browser, { baseURL: walk.url, locale: 'vi-VN' });
    const page = await context.newPage();
    try {
      await signIn(page, walk, /^Đăng nhập$/);
      await page.goto('/settings');
      await page.getByRole('heading', { name: 'Cài đặt', level: 1 }).waitFor();

      await page.getByRole('radio', { name: 'English' }).check();
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
      expect(await page.evaluate<string>('document.documentElement.lang')).toBe('en');
      await page.reload();
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
      expect(await page.getByRole('link', { name: 'Find order' }).count()).toBe(1);

      await page.locator('label', { hasText: /Same as this browser/ }).click();
      await page.getByRole('heading', { name: 'Cài đặt', level: 1 }).waitFor();
      expect(await page.evaluate<string>('document.documentElement.lang')).toBe('vi');
    } finally {
      await context.close();
    }
  });
});
