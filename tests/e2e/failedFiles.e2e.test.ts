/**
 * Failed files in the browser (issue #10 items 3 and 4), against the local
 * stack and the Drive fake: a run with a file Google refused reads "Finished
 * with 1 problem" on the Sources list, the file's advice says it will not be
 * tried again by itself, and "Retry failed files" stores it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectGoogle } from '../support/googleStack';
import { pageApi, signUpInBrowser, startGoogleBrowserStack, type GoogleBrowserStack } from './support/browserStack';
import type { GoogleWebStack } from './support/googleWebStack';

let web: GoogleBrowserStack | undefined;
let stack: GoogleWebStack | undefined;
let page: Page;
let pageErrors: string[];
const sourceName = 'Quầy đóng gói 1';

beforeAll(async () => {
  web = await startGoogleBrowserStack();
  ({ stack, page, errors: pageErrors } = web);
}, 120_000);

afterAll(() => web?.close());

const sourceItem = (): ReturnType<Page['locator']> => page.getByTestId('source').filter({ has: page.getByRole('heading', { name: sourceName }) });

describe('failed files in the browser', () => {
  it('says a run with a refused file finished with 1 problem, not Succeeded', { timeout: 60_000 }, async () => {
    // Prepare: a tenant whose Drive folder holds a good video and one Google flagged (once).
    await signUpInBrowser(page, { teamName: 'Problem Parcels', email: 'ops@problem-parcels.test' });
    const api = await pageApi(page, stack?.url ?? '');
    const { id: connectionId } = await connectGoogle(api);
    const drive = stack?.fake.drive;
    const folder = drive?.addFolder({ name: 'Quầy 1' }) ?? '';
    drive?.addFile({ name: 'Cam1_20250718_093000.mp4', parentId: folder, content: Buffer.from('a good clip') });
    const flagged = drive?.addFile({ name: 'Cam1_20250718_094500.mp4', parentId: folder, content: Buffer.from('a clip Google flagged') }) ?? '';
    stack?.fake.faults.add({ match: { operation: 'files.get.media', fileId: flagged }, respond: { status: 403, reason: 'cannotDownloadAbusiveFile' } });
    await api.call('POST', '/api/sources', { type: 'google_drive', name: sourceName, intervalMinutes: 60, config: { connectionId, folderIds: [folder] } });

    // Act: only wait; the list refreshes itself.
    const lastRun = sourceItem().getByTestId('last-run');
    await expect.poll(() => lastRun.getAttribute('data-run-status'), { timeout: 30_000, interval: 300 }).toBe('succeeded');

    // Assess
    expect(await lastRun.getAttribute('data-run-outcome')).toBe('finished_with_problems');
    expect(await lastRun.textContent()).toMatch(/Finished with 1 problem\b/);
    expect(await lastRun.textContent()).not.toMatch(/Succeeded/);
  });

  it('explains that the refused file is not retried by itself, and Retry failed files stores it', { timeout: 60_000 }, async () => {
    // Prepare
    await sourceItem().getByRole('link', { name: sourceName }).click();
    await page.getByRole('heading', { name: sourceName, level: 1 }).waitFor();
    const failedRow = page.getByTestId('file').filter({ hasText: 'Cam1_20250718_094500.mp4' });
    await expect.poll(() => failedRow.getAttribute('data-status'), { timeout: 20_000 }).toBe('failed');
    expect(await failedRow.textContent()).toMatch(/will not try it again by itself: once it is fixed, use Retry failed files/);

    // Act
    await page.getByRole('button', { name: 'Retry failed files' }).click();

    // Assess
    await page.getByText('Retrying 1 file now.').waitFor();
    await expect.poll(() => failedRow.getAttribute('data-status'), { timeout: 30_000, interval: 300 }).toBe('done');
    expect(await page.getByRole('button', { name: 'Retry failed files' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
