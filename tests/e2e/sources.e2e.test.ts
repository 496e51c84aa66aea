/**
 * The web app against the whole local stack in headless Chromium: a new
 * tenant signs up, adds a local-folder source (after fixing an interval the
 * API rejects), sees it listed as synced by the agent on site, sees a Drive
 * source's first run appear without reloading, signs out and back in, and the
 * sources are still there.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../../infra/local/startLocalStack';
import { startFakeGoogle, type FakeGoogle } from '../fakes/drive';
import { connectGoogle, fakeGoogleEnv } from '../support/googleStack';
import { ApiClient } from '../support/localStackHarness';
import { closeBrowser, launchBrowser, newContext, watchForPageErrors } from './support/browser';
import { buildWeb } from './support/buildWeb';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const account = { tenantName: 'Acme Parcels', email: 'ops@acme.test', password: 'correct horse battery' };
const sourceName = 'Packing station 1';
const driveName = 'Packing Drive';

let stack: { url: string; stop(): Promise<void> } | undefined;
let google: FakeGoogle | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let footageDir: string;
const scratch: string[] = [];

beforeAll(async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vtrack-e2e-data-'));
  const webDir = await buildWeb();
  // A real folder for the local-folder source to point at.
  footageDir = await mkdtemp(path.join(tmpdir(), 'vtrack-e2e-footage-'));
  scratch.push(dataDir, webDir, footageDir);
  // Google Drive through its protocol fake: the cloud syncs Drive sources, the agent on site local folders.
  google = await startFakeGoogle({ accessTokenTtlSeconds: 3600 });
  stack = await startLocalStack({ port: 0, dataDir, webDir, schedulerIntervalMs: 500, quiet: true, env: fakeGoogleEnv(google) });
  browser = await launchBrowser();
  context = await newContext(browser, { baseURL: stack.url });
  page = await context.newPage();
  pageErrors = watchForPageErrors(page);
});

afterAll(async () => {
  await closeBrowser(browser);
  await stack?.stop();
  await google?.stop();
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

/**
 * Runs an expression in the page. A string, not a function, because the root
 * tsconfig type-checks tests without the DOM library (it is Node code).
 */
function inPage<T>(expression: string): Promise<T> {
  return page.evaluate<T>(expression);
}

const sourceItem = (): ReturnType<Page['locator']> =>
  page.getByTestId('source').filter({ has: page.getByRole('heading', { name: sourceName }) });
const driveItem = (): ReturnType<Page['locator']> =>
  page.getByTestId('source').filter({ has: page.getByRole('heading', { name: driveName }) });

describe('Sources in the browser', () => {
  it('signs up a new tenant and shows the empty state', async () => {
    // Act: a first visit lands on sign-in; the new tenant creates an account.
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Company or team name').fill(account.tenantName);
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Create account' }).click();

    // Assess: signed in on Sources, with who they are and what to do first.
    await page.getByRole('heading', { name: 'Sources', level: 1 }).waitFor();
    expect(await page.getByTestId('tenant-name').textContent()).toBe(account.tenantName);
    expect(await page.getByTestId('user-email').textContent()).toBe(account.email);
    await page.getByRole('heading', { name: 'Connect your first video source' }).waitFor();
  });

  it('shows the API’s interval error next to the interval field, then saves once fixed', async () => {
    // Prepare
    await page.getByRole('link', { name: 'Add your first source' }).click();
    await page.getByRole('heading', { name: 'Add source', level: 1 }).waitFor();
    await page.getByLabel('Local folder').check();
    await page.getByText('Needs an edge agent.').waitFor();
    await page.getByLabel('Name', { exact: true }).fill(sourceName);
    await page.getByLabel('Folder path').fill(footageDir);
    await page.getByLabel('Sync every').selectOption('custom');
    const minutes = page.locator('#source-interval-custom');
    await minutes.fill('2');

    // Act: the API rejects 2 minutes (the minimum is 5).
    await page.getByRole('button', { name: 'Save and start syncing' }).click();

    // Assess: the message sits under the interval field, which is marked and focused.
    const error = page.locator('#source-interval-error');
    await error.waitFor();
    // The API's own words, made a sentence: no code name of the field, no JSON.
    const text = (await error.textContent()) ?? '';
    expect(text).toMatch(/\b5\b/);
    expect(text).not.toMatch(/intervalMinutes|[{}]/);
    expect(await minutes.getAttribute('aria-invalid')).toBe('true');
    expect(await minutes.getAttribute('aria-describedby')).toContain('source-interval-error');
    expect(await inPage<string>('document.activeElement?.id')).toBe('source-interval-custom');
    expect(await page.getByTestId('field-error').count()).toBe(1);
    expect(new URL(page.url()).pathname).toBe('/sources/new');
    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'add-source-error.png'), fullPage: true });

    // Act: fix it and save.
    await minutes.fill('10');
    await page.getByRole('button', { name: 'Save and start syncing' }).click();

    // Assess: on the new source's page, then listed on Sources with a status badge.
    await page.getByRole('heading', { name: sourceName, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/sources\/[^/]+$/);
    await page.getByRole('link', { name: '← Sources' }).click();
    await page.getByRole('heading', { name: 'Sources', level: 1 }).waitFor();
    await sourceItem().waitFor();
    const badge = sourceItem().getByTestId('status-badge');
    expect(['idle', 'syncing', 'paused', 'needs_reauth', 'error']).toContain(await badge.getAttribute('data-status'));
    expect((await badge.textContent())?.trim()).not.toBe('');
    expect(await sourceItem().textContent()).toContain('Local folder');
  });

  it('says the agent on site syncs a local folder (no cloud Sync now), and shows a Drive source\'s first run without a reload', { timeout: 60_000 }, async () => {
    // Prepare: the local folder's page; then a Drive source of the same tenant, added through the API.
    await sourceItem().getByRole('link', { name: sourceName }).click();
    await page.getByRole('heading', { name: sourceName, level: 1 }).waitFor();
    expect(await page.getByTestId('agent-sync-note').textContent()).toMatch(/agent on site/);
    expect(await page.getByRole('button', { name: 'Sync now' }).count()).toBe(0);
    await page.getByRole('link', { name: '← Sources' }).click();
    await page.getByRole('heading', { name: 'Sources', level: 1 }).waitFor();
    const token = await inPage<string>(`JSON.parse(localStorage.getItem('vtrack.session')).token`);
    const api = new ApiClient(stack?.url ?? '').withToken(token);
    const { id: connectionId } = await connectGoogle(api);
    const folder = google?.drive.addFolder({ name: 'Packing' }) ?? '';
    google?.drive.addFile({ name: 'Cam1_20250718_093000.mp4', parentId: folder, content: Buffer.from('first clip') });
    const created = await api.call('POST', '/api/sources', { type: 'google_drive', name: driveName, intervalMinutes: 30, config: { connectionId, folderIds: [folder] } });
    expect(created.status).toBe(201);

    // Act: only wait; the page refreshes itself.
    expect(await sourceItem().getByTestId('last-run').textContent()).toMatch(/Not run yet/);
    const lastRun = driveItem().getByTestId('last-run');
    await expect
      .poll(() => lastRun.getAttribute('data-run-status'), { timeout: 30_000, interval: 500 })
      .toMatch(/^(running|succeeded|failed)$/);

    // Assess: a time and a result are shown, and the screenshot records the page.
    expect(await lastRun.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await lastRun.textContent()).toMatch(/Running|Succeeded|Failed/);
    await page.screenshot({ path: path.join(screenshots, 'sources.png'), fullPage: true });
  });

  it('fits a phone screen in dark mode', async () => {
    // Prepare: same session, phone width, dark preference.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await sourceItem().waitFor();

    // Assess: nothing overflows sideways; the main action is reachable; the theme followed.
    const overflow = await inPage<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.getByRole('link', { name: 'Add source', exact: true }).isVisible()).toBe(true);
    const background = await inPage<string>('getComputedStyle(document.documentElement).backgroundColor');
    expect(background).not.toBe('rgb(245, 246, 248)');
    await page.screenshot({ path: path.join(screenshots, 'sources-phone-dark.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('shows times in the tenant’s time zone once one is chosen in Settings', async () => {
    // Prepare: the browser runs in Europe/Berlin; the tenant wants another zone.
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByLabel('One zone for the whole team').check();
    const field = page.getByLabel('Time zone', { exact: true });

    // Act: a zone the API does not know, then a fixed offset, then a named zone.
    await field.fill('Mars/Olympus_Mons');
    await page.getByRole('button', { name: 'Save' }).click();
    const error = page.locator('#timeZone-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/IANA|offset/);
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    await field.fill('+07:00');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Time zone saved.').waitFor();
    await page.getByRole('link', { name: 'Sources', exact: true }).click();
    // A finished run, so the time shown does not move while it is read.
    const lastRun = driveItem().getByTestId('last-run');
    await expect.poll(() => lastRun.getAttribute('data-run-status'), { timeout: 30_000 }).toMatch(/^(succeeded|failed)$/);
    const shown = async (): Promise<{ at: string; text: string }> => ({
      at: (await lastRun.locator('time').getAttribute('datetime')) ?? '',
      text: (await lastRun.locator('time .absolute').textContent()) ?? '',
    });
    let { at, text } = await shown();

    // Assess: the very instant, in UTC+7 (named like Bangkok's, which has no summer time).
    const inZone = (zone: string, iso: string): string =>
      new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone: zone })
        .format(Date.parse(iso))
        .replace(/\s/g, ' ');
    expect(text.replace(/\s/g, ' ')).toBe(inZone('Asia/Bangkok', at));
    expect(text).toMatch(/GMT\+7$/);

    await page.getByRole('link', { name: 'Settings' }).click();
    await field.fill('Asia/Tokyo');
    expect(await page.getByTestId('time-zone-preview').textContent()).toMatch(/GMT\+9/);
    // The Google accounts section has answered (the account connected for the Drive source is listed).
    await page.getByTestId('google-connection').first().waitFor();
    await page.screenshot({ path: path.join(screenshots, 'settings.png'), fullPage: true });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Time zone saved.').waitFor();
    await page.getByRole('link', { name: 'Sources', exact: true }).click();
    ({ at, text } = await shown());
    expect(text.replace(/\s/g, ' ')).toBe(inZone('Asia/Tokyo', at));
    expect(inZone('Asia/Tokyo', at)).not.toBe(inZone('Europe/Berlin', at));
  });

  it('signs out and back in, and the source is still there', async () => {
    // Act
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByTestId('tenant-name').count()).toBe(0);
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Assess
    await page.getByRole('heading', { name: 'Sources', level: 1 }).waitFor();
    await sourceItem().waitFor();
    await driveItem().waitFor();
    expect(await page.getByTestId('source').count()).toBe(2);
  });

  it('says Paused after Pause and Resumed after Resume', async () => {
    // Prepare: the source's own page.
    await sourceItem().getByRole('link', { name: sourceName }).click();
    await page.getByRole('heading', { name: sourceName, level: 1 }).waitFor();

    // Act and assess: each action's message names what just happened.
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByText('Paused: no syncs until you resume.').waitFor();
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByText('Resumed: syncing on schedule again.').waitFor();
    await page.getByRole('link', { name: '← Sources' }).click();
    await page.getByRole('heading', { name: 'Sources', level: 1 }).waitFor();
  });

  it('sends an ended session to sign-in and returns to the same page afterwards', async () => {
    // Prepare: the stored token is no longer accepted by the API.
    await inPage(`localStorage.setItem('vtrack.session', JSON.stringify({
      ...JSON.parse(localStorage.getItem('vtrack.session')), token: 'revoked' }))`);

    // Act
    await page.goto('/sources/new');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/sources/new');
    await page.getByText('Your session has ended').waitFor();
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Assess
    await page.getByRole('heading', { name: 'Add source', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sources/new');
    expect(pageErrors).toEqual([]);
  });
});

