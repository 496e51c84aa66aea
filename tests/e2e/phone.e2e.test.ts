/**
 * The pages a packer uses, on a phone held in one hand (360 and 390 px wide,
 * in Vietnamese): the first screen, Find order with an order open in the
 * player, a shared clip, the sources list and a source's status page. None
 * scrolls sideways, and every control is at least 44 × 44 px. Screenshots of
 * each at 360 px go to docs/screenshots/phone-*.png.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchBrowser, newContext, watchForPageErrors } from './support/browser';
import { openWalkShop, type WalkShop } from './support/shopForWalks';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
let shop: WalkShop | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  shop = await openWalkShop();
  browser = await launchBrowser();
  await mkdir(screenshots, { recursive: true });
});

afterAll(async () => {
  await closeBrowser(browser);
  await shop?.stop();
});

/** In-page expressions are strings: this file is type-checked without the DOM library. */
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';

/**
 * Controls smaller than 44 × 44 px. A radio or checkbox is tapped through its
 * label, a hidden file input through its label too; links inside running
 * text are not controls (WCAG 2.5.8 exempts them).
 */
const SMALL_TARGETS = `(() => {
  const small = [];
  const controls = document.querySelectorAll('button, a.button, nav a, header a, .back a, input, select, textarea, summary, label.button');
  for (const element of controls) {
    if (element.matches('input[type=hidden]') || element.closest('.visually-hidden')) continue;
    let target = element;
    if (element.matches('input[type=radio], input[type=checkbox], input[type=file]')) target = element.closest('label') || element;
    if (target.closest('.visually-hidden')) continue;
    const box = target.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.width < 43.5 || box.height < 43.5) {
      const name = (target.getAttribute('aria-label') || target.textContent || target.getAttribute('name') || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
      small.push(target.tagName.toLowerCase() + ' "' + name + '" ' + Math.round(box.width) + 'x' + Math.round(box.height));
    }
  }
  return small;
})()`;

async function settle(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await expect.poll(() => page.locator('main .loading').count(), { timeout: 20_000 }).toBe(0);
  await page.waitForTimeout(150);
}

interface Visit {
  name: string;
  open(page: Page, walk: WalkShop): Promise<void>;
}

const SIGNED_OUT: Visit[] = [
  { name: 'sign-in', open: (page) => page.goto('/sign-in').then(() => undefined) },
  {
    name: 'share',
    open: async (page, walk) => {
      await page.goto(walk.sharePath);
      await page.getByTestId('clip-video').waitFor();
    },
  },
];

const SIGNED_IN: Visit[] = [
  {
    name: 'trace',
    open: async (page, walk) => {
      await page.goto(`/trace?q=${walk.code}`);
      await page.getByTestId('clip-video').waitFor();
    },
  },
  { name: 'sources', open: (page) => page.goto('/sources').then(() => undefined) },
  {
    name: 'source',
    open: async (page, walk) => {
      await page.goto(`/sources/${walk.sourceId}`);
      await page.getByTestId('run-table').waitFor();
    },
  },
];

async function checkAt(width: number, height: number): Promise<{ problems: string[]; pageErrors: string[] }> {
  const walk = shop as WalkShop;
  const context = await newContext(browser as Browser, { baseURL: walk.url, viewport: { width, height }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  const pageErrors = watchForPageErrors(page);
  const problems: string[] = [];
  const check = async (visit: Visit): Promise<void> => {
    await visit.open(page, walk);
    await settle(page);
    const overflow = await page.evaluate<number>(OVERFLOW);
    if (overflow > 0) problems.push(`${visit.name} at ${width} px scrolls ${overflow} px sideways`);
    for (const small of await page.evaluate<string[]>(SMALL_TARGETS)) problems.push(`${visit.name} at ${width} px: ${small}`);
    if (width === 360) await page.screenshot({ path: path.join(screenshots, `phone-${visit.name}.png`), fullPage: true });
  };
  try {
    for (const visit of SIGNED_OUT) await check(visit);
    await page.goto('/sign-in');
    await page.locator('#email').fill(walk.email);
    await page.locator('#password').fill(walk.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) => url.pathname === '/sources');
    for (const visit of SIGNED_IN) await check(visit);
  } finally {
    await context.close();
  }
  return { problems, pageErrors };
}

describe('a packer’s pages on a phone', () => {
  for (const [width, height] of [[360, 740], [390, 844]] as const) {
    it(`fit ${width} px without sideways scrolling, with thumb-sized controls`, { timeout: 180_000 }, async () => {
      const { problems, pageErrors } = await checkAt(width, height);
      expect(problems).toEqual([]);
      expect(pageErrors).toEqual([]);
    });
  }
});
