/**
 * Google Drive in the browser, against the local stack and the Drive protocol
 * fake: connect Drive through the real consent redirect (the Add source draft
 * survives it), pick folders in the lazy tree, preview and adjust the camera
 * mapping, save, watch the first sync reach done, Sync now, lose the grant and
 * see the re-auth banner, reconnect, edit, disconnect the account from Settings
 * and reconnect it, and delete with the footage choice.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_USER } from '../fakes/drive';
import { signUpInBrowser, startGoogleBrowserStack, type GoogleBrowserStack } from './support/browserStack';
import type { GoogleWebStack } from './support/googleWebStack';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const MiB = 1024 * 1024;

let web: GoogleBrowserStack | undefined;
let stack: GoogleWebStack | undefined;
let page: Page;
let pageErrors: string[];
let footage: string;

beforeAll(async () => {
  web = await startGoogleBrowserStack();
  ({ stack, page, errors: pageErrors } = web);
  const { drive } = web.stack.fake;
  footage = drive.addFolder({ name: 'Footage' });
  const cam1 = drive.addFolder({ name: 'Cam1', parentId: footage });
  const day = drive.addFolder({ name: '2025-07-18', parentId: cam1 });
  drive.addFile({ name: 'Cam1_20250718_093000.mp4', parentId: day, content: Buffer.from('first clip') });
  // Sits in Cam1's folder but names another camera: automatic goes by each file's name in a
  // folder of several cameras; "By folder" puts it under Cam1.
  drive.addFile({ name: 'Cam9_20250718_094500.mp4', parentId: day, content: Buffer.from('second clip') });
  // Big enough to be seen moving (several 8 MiB parts).
  drive.addFile({ name: 'Cam2_20250718_110000.mp4', parentId: footage, content: { syntheticBytes: 96 * MiB, seed: 7 } });
  drive.addFile({ name: 'notes.txt', parentId: footage, content: Buffer.from('not a video') });
  drive.addFolder({ name: 'Holiday photos' });
  const warehouse = drive.addSharedDrive({ name: 'Warehouse' });
  drive.addFolder({ name: 'Dock cameras', parentId: warehouse, driveId: warehouse });
  await mkdir(screenshots, { recursive: true });
}, 120_000);

afterAll(() => web?.close());

const shot = (name: string): Promise<Buffer> => page.screenshot({ path: path.join(screenshots, name), fullPage: true });
const badge = (): ReturnType<Page['locator']> => page.locator('section[aria-label="Summary"]').getByTestId('status-badge');
const folder = (name: string): ReturnType<Page['locator']> => page.getByRole('checkbox', { name, exact: true });
const latestRun = (): ReturnType<Page['locator']> => page.getByTestId('run-table').locator('tbody tr').first();

describe('Google Drive in the browser', () => {
  it('connects Google Drive through consent and comes back to the draft', async () => {
    // Prepare: a new tenant.
    await signUpInBrowser(page, { teamName: 'Drive Parcels', email: 'ops@drive-parcels.test' });
    await page.getByRole('link', { name: 'Add your first source' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Packing Drive');

    // Act: the consent round trip happens for real (the fake approves at once).
    await page.getByRole('button', { name: 'Connect Google Drive' }).click();

    // Assess: back on the form, connected, and what was typed is still there.
    await page.getByTestId('connected-account').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sources/new');
    expect(await page.getByTestId('connected-account').textContent()).toContain(DEFAULT_USER.email);
    await page.getByText(`Google Drive connected as ${DEFAULT_USER.email}.`).waitFor();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Packing Drive');
  });

  it('opens folders lazily, including shared drives, and previews the cameras of the chosen folder', async () => {
    // Act: open My Drive and the shared drive; choose Footage.
    await page.getByRole('button', { name: 'Open My Drive' }).click();
    await page.getByRole('button', { name: 'Open Warehouse' }).click();
    await folder('Dock cameras').waitFor();
    expect(await folder('Cam1').count()).toBe(0); // not loaded until Footage is opened
    await page.getByRole('button', { name: 'Open Footage' }).click();
    await folder('Cam1').waitFor();
    await folder('Footage').check();

    // Assess: the preview lists the cameras found, with file counts, and what is skipped;
    // the folder holding two cameras' files maps each by its name.
    const cameras = page.getByTestId('preview-camera');
    await expect.poll(() => cameras.count(), { timeout: 30_000 }).toBe(3);
    await page.locator('[data-camera-id="cam9"]').waitFor();
    expect(await page.getByTestId('chosen-folders').textContent()).toContain('1 folder chosen');
    await page.getByText(/Skipped 1 file: not a video file/).waitFor();

    // Act: "Flat" reads every camera from the file name; "By folder" from the first folder instead.
    await page.getByRole('radio', { name: /^Flat/ }).check();
    await page.locator('[data-camera-id="cam9"]').waitFor();
    await page.getByRole('radio', { name: /^By folder/ }).check();
    await expect.poll(() => page.locator('[data-camera-id="cam9"]').count()).toBe(0);
    await expect.poll(() => cameras.count()).toBe(2);
    expect(await cameras.locator('[data-testid=preview-file-count]').allTextContents()).toEqual(expect.arrayContaining(['2 files', '1 file']));

    // Act: rename one camera.
    await page.getByLabel('Name for camera Cam2').fill('Packing desk 2');
    await page.getByLabel('Sync every').selectOption('5');
    await shot('add-source-drive.png');
  });

  it('saves, lands on the source page and watches the first sync reach done', { timeout: 60_000 }, async () => {
    // Act
    await page.getByRole('button', { name: 'Save and start syncing' }).click();

    // Assess: the source page, live; the run finishes without a reload.
    await page.getByRole('heading', { name: 'Packing Drive', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/sources\/[^/]+$/);
    // The big file is seen on its way when the poll catches it; either way the run must end.
    const moving = page.getByTestId('transfer').first();
    await Promise.race([moving.waitFor({ timeout: 20_000 }).then(() => shot('source-syncing.png')), latestRun().waitFor({ timeout: 20_000 })]).catch(() => undefined);
    await expect.poll(() => latestRun().getAttribute('data-run-status'), { timeout: 40_000, interval: 500 }).toBe('succeeded');
    await expect.poll(() => page.getByTestId('source-totals').textContent(), { timeout: 10_000 }).toBe('3 files · 101 MB');
    await page.getByTestId('live-idle').waitFor();
    await page.locator('[data-testid=camera-storage][data-camera-id=cam2]').waitFor();
    expect(await page.getByTestId('run-chart').locator('rect.done').count()).toBe(1);
    await shot('source.png');
  });

  it('filters the files by status and camera, with the filters in the URL', async () => {
    // Act
    await page.locator('#filter-status').selectOption('skipped');

    // Assess: the skipped text file, explained.
    await expect.poll(() => page.getByTestId('file').count()).toBe(1);
    expect(await page.getByTestId('file').textContent()).toMatch(/only video files are taken/i);
    expect(new URL(page.url()).searchParams.get('status')).toBe('skipped');

    // Act: all statuses, one camera.
    await page.locator('#filter-status').selectOption('');
    await expect.poll(() => page.getByTestId('file').count()).toBe(4);
    await page.locator('#filter-camera').selectOption('cam1');
    await expect.poll(() => page.getByTestId('file').count()).toBe(2);
    expect(new URL(page.url()).searchParams.get('camera')).toBe('cam1');

    // Assess: a reload keeps the view.
    await page.reload();
    await expect.poll(() => page.getByTestId('file').count()).toBe(2);
    await page.locator('#filter-camera').selectOption('');
  });

  it('syncs now and picks up a new file', { timeout: 40_000 }, async () => {
    // Prepare
    stack?.fake.drive.addFile({ name: 'Cam1_20250719_080000.mp4', parentId: footage, content: Buffer.from('next day') });

    // Act
    await page.getByRole('button', { name: 'Sync now' }).click();

    // Assess: a second, manual run that stores the new file.
    await expect.poll(() => page.getByTestId('run-table').locator('tbody tr').count(), { timeout: 20_000 }).toBe(2);
    await expect.poll(() => latestRun().getAttribute('data-run-status'), { timeout: 20_000, interval: 500 }).toBe('succeeded');
    expect(await latestRun().textContent()).toContain('Sync now');
    await expect.poll(() => page.getByTestId('source-totals').textContent()).toMatch(/^4 files/);
  });

  it('shows the re-auth banner when the grant is revoked', { timeout: 40_000 }, async () => {
    // Prepare: the tenant removed VTrack from their Google account.
    stack?.fake.revokeGrant();
    stack?.fake.oauth.expireAccessTokens();

    // Act
    await page.getByRole('button', { name: 'Sync now' }).click();

    // Assess
    const banner = page.getByTestId('reauth-banner');
    await banner.waitFor({ timeout: 20_000 });
    expect(await badge().getAttribute('data-status')).toBe('needs_reauth');
    expect(await page.getByRole('button', { name: 'Sync now' }).isDisabled()).toBe(true);
    expect(await banner.textContent()).not.toMatch(/[{}]|Error:|at .*\.ts/);
    await shot('source-reauth.png');
  });

  it('reconnects from the banner and the source syncs again', { timeout: 40_000 }, async () => {
    // Act
    await page.getByRole('button', { name: 'Reconnect Google Drive' }).click();

    // Assess: back on the same page with the banner gone and the source resumed.
    await page.getByText(/Google Drive reconnected as/).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/sources\/[^/]+$/);
    await expect.poll(() => page.getByTestId('reauth-banner').count(), { timeout: 20_000 }).toBe(0);
    expect(await badge().getAttribute('data-status')).not.toBe('needs_reauth');

    // Act: sync with the new grant (the scheduler may already have started one).
    const syncNow = page.getByRole('button', { name: 'Sync now' });
    if (await syncNow.isEnabled()) await syncNow.click();

    // Assess
    await expect.poll(() => latestRun().getAttribute('data-run-status'), { timeout: 20_000, interval: 500 }).toBe('succeeded');
  });

  it('fits a phone in dark mode', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByTestId('run-table').waitFor();

    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('source-phone-dark.png');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('edits the interval and keeps the folders and mapping', async () => {
    // Act
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit Packing Drive' }).waitFor();
    await page.getByTestId('preview-camera').first().waitFor();
    expect(await page.getByLabel('Name for camera Cam2').inputValue()).toBe('Packing desk 2');
    // The source stores the folder's id; the form shows Drive's name for it without opening the tree.
    await page.getByTestId('chosen-folders').getByText('Footage').waitFor();
    await page.getByLabel('Sync every').selectOption('30');
    await shot('edit-source.png');
    await page.getByRole('button', { name: 'Save changes' }).click();

    // Assess
    await page.getByRole('heading', { name: 'Packing Drive', level: 1 }).waitFor();
    await page.getByText('every 30 minutes').waitFor();
  });

  it('disconnects the Google account from Settings after saying what happens to its source, and reconnects from the banner', { timeout: 40_000 }, async () => {
    // Prepare
    const sourcePath = new URL(page.url()).pathname;
    await page.getByRole('link', { name: 'Settings' }).click();
    const row = page.getByTestId('google-connection').filter({ hasText: DEFAULT_USER.email });
    await row.waitFor();
    expect(await row.textContent()).toContain('Used by 1 source');

    // Act: the dialog says what will happen before anything does.
    await row.getByRole('button', { name: 'Disconnect' }).click();
    const dialog = page.getByRole('dialog', { name: `Disconnect ${DEFAULT_USER.email}?` });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/asks Google to revoke its access/);
    expect(await dialog.getByTestId('disconnect-sources').textContent()).toMatch(/The source that reads through it \(1 source\) stops syncing and shows “Reconnect needed”.*Footage already stored is kept/s);
    expect(await dialog.getByRole('listitem').allTextContents()).toEqual(['Packing Drive']);
    await shot('disconnect-google.png');
    await dialog.getByRole('button', { name: 'Disconnect' }).click();

    // Assess: Google confirmed, the account is gone from the list, the source waits for a reconnect.
    const outcome = page.getByTestId('disconnect-outcome');
    await outcome.waitFor();
    expect(await outcome.textContent()).toMatch(/Google confirmed the access is revoked\. 1 source waits for a reconnect\./);
    expect(await page.getByTestId('google-connection').count()).toBe(0);
    await page.goto(sourcePath);
    const banner = page.getByTestId('reauth-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/was disconnected/);

    // Act: reconnecting the same account from the banner brings the source back.
    await page.getByRole('button', { name: 'Reconnect Google Drive' }).click();
    await page.getByText(/Google Drive reconnected as/).waitFor();
    await expect.poll(() => page.getByTestId('reauth-banner').count(), { timeout: 20_000 }).toBe(0);
    expect(new URL(page.url()).pathname).toBe(sourcePath);
  });

  it('deletes the source after asking about the footage', async () => {
    // Act
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: /Delete “Packing Drive”/ });
    await dialog.waitFor();
    await dialog.getByLabel(/Delete it too/).check();
    await shot('delete-source.png');
    const sent = page.waitForRequest((request) => request.method() === 'DELETE');
    await dialog.getByRole('button', { name: 'Delete source' }).click();

    // Assess: the footage choice reached the API; the tenant is back to an empty list.
    expect(new URL((await sent).url()).searchParams.get('keepFootage')).toBe('false');
    await page.getByRole('heading', { name: 'Connect your first video source' }).waitFor();
    await page.getByText('“Packing Drive” was deleted with its footage.').waitFor();
  });

  it('explains a refused consent instead of failing silently', async () => {
    // Prepare
    if (stack) stack.fake.oauth.consent = 'deny';
    await page.getByRole('link', { name: 'Add your first source' }).click();

    // Act
    await page.getByRole('button', { name: /Connect another Google account|Connect Google Drive/ }).click();

    // Assess
    const problem = page.getByTestId('consent-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/did not allow VTrack/);
    await page.getByRole('link', { name: 'Go back' }).click();
    await page.getByRole('heading', { name: 'Add source', level: 1 }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
