/**
 * "Save order settings" on a source's edit page, in Chromium against the local
 * stack and the Drive fake: the save happens without a navigation, so the page
 * itself must say it was saved; a refused value is shown at its field, brought
 * into view, and nothing is said to be saved.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceView } from '../../core/api/sourcesApi';
import { connectGoogle } from '../support/googleStack';
import { ApiClient } from '../support/localStackHarness';
import { closeBrowser, launchBrowser, newContext, watchForPageErrors } from './support/browser';
import { signUpInBrowser } from './support/browserStack';
import { startGoogleWebStack, type GoogleWebStack } from './support/googleWebStack';

let stack: GoogleWebStack | undefined;
let browser: Browser | undefined;
let page: Page;
let pageErrors: string[];
let api: ApiClient;
let sourceId: string;

const processingOf = async (): Promise<Record<string, unknown>> => {
  const source = (await api.call<SourceView>('GET', `/api/sources/${sourceId}`)).body;
  return ('processing' in source.config ? source.config.processing : {}) as Record<string, unknown>;
};

beforeAll(async () => {
  [stack, browser] = await Promise.all([startGoogleWebStack(), launchBrowser()]);
  // A phone: the save button is far below the fields, so what it says must be near it.
  page = await (await newContext(browser, { baseURL: stack.url, viewport: { width: 360, height: 740 } })).newPage();
  pageErrors = watchForPageErrors(page);
  await signUpInBrowser(page, { teamName: 'Tiệm Giày Cô Ba', email: 'co-ba@tiem-giay.test' });
  const session = await page.evaluate<string>(`localStorage.getItem('vtrack.session')`);
  api = new ApiClient(stack.url).withToken((JSON.parse(session) as { token: string }).token);
  const { id: connectionId } = await connectGoogle(api);
  const folder = stack.fake.drive.addFolder({ name: 'Kệ đóng gói — ca tối' });
  const created = await api.call<SourceView>('POST', '/api/sources', { type: 'google_drive', name: 'Kệ đóng gói 2', intervalMinutes: 60, config: { connectionId, folderIds: [folder] } });
  sourceId = created.body.id;
}, 180_000);

afterAll(async () => {
  await closeBrowser(browser);
  await stack?.close();
});

describe('saving order settings', () => {
  it('says the settings were saved, next to the button, without leaving the page', async () => {
    // Prepare
    await page.goto(`/sources/${sourceId}/edit`);
    const form = page.getByTestId('processing-settings');
    await form.locator('#processing-min').fill('5');
    await form.locator('input[value=clips_only]').check();

    // Act
    await form.getByRole('button', { name: 'Save order settings' }).click();

    // Assess
    const status = form.getByTestId('processing-status');
    await status.waitFor({ timeout: 20_000 });
    expect(await status.textContent()).toContain('Order settings were saved.');
    expect(await status.isVisible()).toBe(true);
    expect(await status.evaluate((el) => el.getAttribute('role'))).toBe('status');
    await expect.poll(processingOf).toMatchObject({ minPackingSec: 5, keep: 'clips_only' });
    expect(new URL(page.url()).pathname).toBe(`/sources/${sourceId}/edit`);
  }, 60_000);

  it('a refused value is shown at its field, which is brought into view and focused; nothing says saved', async () => {
    // Prepare: the longest packing time under the shortest.
    const form = page.getByTestId('processing-settings');
    await form.locator('#processing-max').fill('3');
    await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');

    // Act
    await form.getByRole('button', { name: 'Save order settings' }).click();

    // Assess
    const error = form.locator('#processing-max-error');
    await error.waitFor({ timeout: 20_000 });
    expect((await error.textContent())?.trim().length).toBeGreaterThan(2);
    await expect.poll(() => page.evaluate<string | null>('document.activeElement && document.activeElement.id')).toBe('processing-max');
    const inView = "(() => { const box = document.getElementById('processing-max').getBoundingClientRect(); return box.top >= 0 && box.bottom <= window.innerHeight; })()";
    await expect.poll(() => page.evaluate<boolean>(inView)).toBe(true);
    const status = form.getByTestId('processing-status');
    expect(await status.textContent()).not.toContain('saved.');
    expect(await status.textContent()).toContain('Not saved: check “Longest packing (s)”');
    expect((await processingOf())['maxPackingSec']).toBe(600);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
