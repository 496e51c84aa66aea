/**
 * A messy Google Drive in headless Chromium, against the local stack and the
 * Drive fake. The source page while a long first sync runs (slow downloads):
 * it polls one small status answer (under 50 KB a minute), the run's bar only
 * moves forward, "Looking for new files" shows only while the run lists, and
 * the stored totals grow before the run ends. The add-source and edit pages
 * with files that share a name and a folder reached twice (itself and a
 * shortcut to it): the preview and the tree stay on screen.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceView } from '../../core/api/sourcesApi';
import { connectGoogle } from '../support/googleStack';
import { ApiClient } from '../support/localStackHarness';
import { closeBrowser, launchBrowser, newContext, watchForPageErrors } from './support/browser';
import { startGoogleWebStack, type GoogleWebStack } from './support/googleWebStack';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const FILES = 24;
const MiB = 1024 * 1024;

let stack: GoogleWebStack | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let api: ApiClient;
let connectionId = '';

beforeAll(async () => {
  [stack, browser] = await Promise.all([startGoogleWebStack(), launchBrowser()]);
  context = await newContext(browser, { baseURL: stack.url });
  page = await context.newPage();
  pageErrors = watchForPageErrors(page);
  // A new tenant, signed in in the browser, with Google Drive connected.
  await page.goto('/sign-up');
  await page.getByLabel('Company or team name').fill('Kho Hà Nội');
  await page.getByLabel('Email').fill('ops@progress.test');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('link', { name: 'Add your first source' }).waitFor();
  const session = await page.evaluate<string>("localStorage.getItem('vtrack.session') ?? ''");
  api = new ApiClient(stack.url, (JSON.parse(session) as { token: string }).token);
  connectionId = (await connectGoogle(api)).id;
}, 120_000);

afterAll(async () => {
  await closeBrowser(browser);
  await stack?.close();
});

/** What the answer cost on the wire: its headers and its body as sent (compressed when the server compressed it). */
async function wireBytes(response: Response): Promise<number> {
  const sizes = await response.request().sizes();
  return sizes.responseHeadersSize + sizes.responseBodySize;
}

describe('The source page during a long sync', () => {
  it('polls under 50 KB a minute, with a bar that never goes backwards and totals that grow during the run', { timeout: 150_000 }, async () => {
    // Prepare: the tenant's Drive with a folder of videos whose downloads are slow.
    if (stack === undefined) throw new Error('no stack');
    const { drive } = stack.fake;
    const folder = drive.addFolder({ name: 'Camera đóng gói' });
    for (let i = 0; i < FILES; i += 1) {
      drive.addFile({ name: `Cam${(i % 3) + 1}_20250718_${String(90000 + i * 100)}.mp4`, parentId: folder, content: { syntheticBytes: 2 * MiB, seed: i } });
    }
    stack.fake.faults.add({ match: { operation: 'files.list' }, times: 2, respond: { delayMs: 4_000 } });
    stack.fake.faults.add({ match: { operation: 'files.get.media' }, times: FILES, respond: { delayMs: 3_000 } });

    // Act: create the source (its first sync starts at once) and watch its page.
    const created = await api.call<SourceView>('POST', '/api/sources', {
      type: 'google_drive',
      name: 'Kho Hà Nội',
      intervalMinutes: 60,
      config: { connectionId, folderIds: [folder] },
    });
    await page.goto(`/sources/${created.body.id}`);
    await page.getByRole('heading', { name: 'Kho Hà Nội', level: 1 }).waitFor();
    // Everything the page asks the API for from now on, and every value the run's bar shows.
    let polled = 0;
    const started = Date.now();
    const counting = new Set<Promise<void>>();
    const countWire = (response: Response): void => {
      if (!new URL(response.url()).pathname.startsWith('/api/')) return;
      const counted = wireBytes(response).then((bytes) => void (polled += bytes));
      counting.add(counted);
    };
    page.on('response', countWire);
    await page.evaluate(`(() => {
      window.__bar = [];
      window.__phases = [];
      const record = () => {
        const bar = document.querySelector('[data-testid=run-progress]');
        if (bar && bar.dataset.percent !== '') window.__bar.push(Number(bar.dataset.percent));
        const phase = document.querySelector('[data-testid=run-phase]');
        const label = bar ? bar.querySelector('.label').textContent : '';
        if (phase) window.__phases.push(phase.dataset.phase + '|' + label);
      };
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    })()`);

    // Assess: while the run lists, the page says so; then files move and the totals grow.
    await page.locator('[data-testid=run-phase][data-phase=listing]').waitFor({ timeout: 30_000 });
    await page.getByTestId('transfer').first().waitFor({ timeout: 40_000 });
    await page.screenshot({ path: path.join(screenshots, 'source-syncing.png'), fullPage: true });
    await expect.poll(() => page.getByTestId('source-totals').textContent(), { timeout: 60_000, interval: 250 }).toMatch(/^([1-9]|1\d|2[0-3]) files? ·/);
    const midRun = await page.getByTestId('live-idle').count();
    // The files list is not reloaded on every poll: it says so, and shows the files stored so far when asked.
    const fileRows = page.getByRole('list', { name: 'Tracked files' }).getByRole('listitem');
    const rowsBefore = await fileRows.count();
    await page.getByTestId('files-during-run').getByRole('button', { name: 'Show the files stored so far' }).click();
    await expect.poll(() => fileRows.count()).toBeGreaterThan(rowsBefore);
    await page.getByTestId('live-idle').waitFor({ timeout: 90_000 });
    await expect.poll(() => page.getByTestId('files-during-run').count()).toBe(0);
    const minutes = (Date.now() - started) / 60_000;
    // Stop counting: a poll answered after this would be read while the page closes (an unhandled rejection).
    page.off('response', countWire);
    await Promise.all(counting);

    const bar = await page.evaluate<number[]>('window.__bar');
    const phases = await page.evaluate<string[]>('window.__phases');
    expect(midRun).toBe(0);
    expect(bar.length).toBeGreaterThan(2);
    expect(bar).toEqual([...bar].sort((a, b) => a - b));
    // "Looking for new files" only while listing.
    expect(phases.filter((entry) => entry.includes('looking for new files')).every((entry) => entry.startsWith('listing|'))).toBe(true);
    expect(phases.some((entry) => entry.startsWith('transferring|'))).toBe(true);
    expect(await page.getByTestId('source-totals').textContent()).toBe(`${FILES} files · 50.3 MB`);
    expect(minutes).toBeGreaterThan(0.2);
    expect(polled / minutes).toBeLessThan(50 * 1024);

    // Act: the files list, asked of the server by name, day and hour (09:00 UTC is 11:00 in Berlin).
    await page.locator('#filter-name').fill('cam2');
    await page.locator('#filter-name').press('Enter');
    await expect.poll(() => page.getByTestId('file-count').textContent()).toBe('8 files');
    await page.locator('#filter-day').fill('2025-07-18');
    await page.locator('#filter-hour').selectOption('11');
    await expect.poll(() => page.getByTestId('file-count').textContent()).toBe('8 files');
    await page.locator('#filter-hour').selectOption('10');
    await expect.poll(() => page.getByTestId('file-count').textContent()).toBe('0 files');
    expect(new URL(page.url()).searchParams.get('q')).toBe('cam2');
    expect(pageErrors).toEqual([]);
  });
});

describe('Add and edit a source whose files share names', () => {
  it('previews two files of one name and a folder reached twice without going blank', { timeout: 60_000 }, async () => {
    // Prepare: Drive allows two files of one name in a folder, and a shortcut beside its target.
    if (stack === undefined) throw new Error('no stack');
    const { drive } = stack.fake;
    const duplicates = drive.addFolder({ name: 'Tên trùng' });
    drive.addFile({ name: 'Cam1_20250718_093000.mp4', parentId: duplicates, content: Buffer.from('first upload') });
    drive.addFile({ name: 'Cam1_20250718_093000.mp4', parentId: duplicates, content: Buffer.from('uploaded again') });
    drive.addFile({ name: 'ghi chú.txt', parentId: duplicates, content: Buffer.from('a') });
    drive.addFile({ name: 'ghi chú.txt', parentId: duplicates, content: Buffer.from('b') });
    drive.addShortcut({ name: 'Tên trùng (lối tắt)', targetId: duplicates });

    // Act: the add-source form, choose the folder.
    await page.goto('/sources/new');
    await page.getByLabel('Name', { exact: true }).fill('Tên trùng');
    await page.getByRole('button', { name: 'Open My Drive' }).click();
    await page.getByRole('checkbox', { name: 'Tên trùng', exact: true }).check();
    await page.getByRole('button', { name: 'Open Tên trùng', exact: true }).click();
    await expect.poll(() => page.getByTestId('folder-videos').allTextContents()).toEqual(['2 videos in this folder']);
    await page.locator('summary', { hasText: 'Sample files' }).first().click();

    // Assess: the camera with both files, both samples, and the page still there.
    await expect.poll(() => page.getByTestId('preview-file-count').allTextContents()).toEqual(['2 files']);
    expect(await page.locator('.samples li').count()).toBe(2);
    await page.getByText(/Skipped 2 files/).waitFor();
    expect(pageErrors).toEqual([]);

    // Act: save, then open the Edit page of the saved source.
    await page.getByRole('button', { name: 'Save and start syncing' }).click();
    await page.getByRole('heading', { name: 'Tên trùng', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit Tên trùng' }).waitFor();

    // Assess: the same preview on the Edit page.
    await expect.poll(() => page.getByTestId('preview-file-count').allTextContents()).toEqual(['2 files']);
    await page.getByRole('button', { name: 'Open My Drive' }).click();
    await page.getByRole('checkbox', { name: 'Tên trùng', exact: true }).first().waitFor();
    expect(pageErrors).toEqual([]);
  });
});

describe('Small truths on a messy Drive', () => {
  it('keeps a shortcut loop closed and names a folder opened above it', { timeout: 60_000 }, async () => {
    // Prepare: a folder holding a shortcut back to itself.
    if (stack === undefined) throw new Error('no stack');
    const loop = stack.fake.drive.addFolder({ name: 'Vòng lặp' });
    stack.fake.drive.addFolder({ name: 'Bên trong', parentId: loop });
    stack.fake.drive.addShortcut({ name: 'Quay lại', parentId: loop, targetId: loop });

    // Act
    await page.goto('/sources/new');
    await page.getByRole('button', { name: 'Open My Drive' }).click();
    await page.getByRole('button', { name: 'Open Vòng lặp' }).click();

    // Assess: the shortcut is shown for what it is and cannot be opened again and again.
    await page.getByTestId('folder-loop').waitFor();
    expect(await page.getByRole('button', { name: 'Open Quay lại' }).count()).toBe(0);
    expect(await page.getByText('No folders inside').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('clears a stale message and promises no footage choice when a source has stored nothing', { timeout: 60_000 }, async () => {
    // Prepare: a source of an empty folder.
    if (stack === undefined) throw new Error('no stack');
    const empty = stack.fake.drive.addFolder({ name: 'Trống' });
    const created = await api.call<SourceView>('POST', '/api/sources', { type: 'google_drive', name: 'Trống', intervalMinutes: 60, config: { connectionId, folderIds: [empty] } });

    await page.goto(`/sources/${created.body.id}`);
    await page.getByTestId('live-idle').waitFor({ timeout: 30_000 });

    // Act: a sync that ends: its "Sync started." goes once the run is over, rather than stay for good.
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => page.getByTestId('action-result').textContent()).toBe('Sync started.');
    await expect.poll(() => page.getByTestId('action-result').textContent(), { timeout: 30_000 }).toBe('');

    // Act
    await page.getByRole('button', { name: 'Delete' }).click();

    // Assess
    const dialog = page.getByRole('dialog', { name: /Delete “Trống”/ });
    await dialog.getByTestId('delete-nothing-stored').waitFor();
    expect(await dialog.getByRole('radio').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });
});
