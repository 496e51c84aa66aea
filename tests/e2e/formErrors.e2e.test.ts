/**
 * A field's error in headless Chromium against the local stack: it speaks of
 * the value it was shown for. Once the value is changed it goes (text,
 * aria-invalid and aria-describedby alike), so a fixed value is never shown
 * beside "still wrong"; each new submit of a bad value shows it again, even
 * when the words are the same as before. Checked on a form the page checks
 * itself (sign-up) and on ones the API refuses (a Team invite, the sync
 * interval of a new source: a select with a number box).
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpInBrowser, startBrowserStack, type BrowserStack } from './support/browserStack';

let web: BrowserStack | undefined;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  web = await startBrowserStack('form-errors');
  // A phone, where a stale error beside a fixed value reads as "still wrong".
  ({ page, errors: pageErrors } = await web.newPage({ viewport: { width: 360, height: 740 } }));
}, 180_000);

afterAll(() => web?.close());

/** What a person (or a screen reader) is told about the field now. */
async function shownFor(input: Locator, errorId: string): Promise<{ error: string | null; invalid: string | null; describedByError: boolean }> {
  const error = page.locator(`#${errorId}`);
  const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
  return {
    error: (await error.count()) === 0 ? null : ((await error.textContent())?.trim() ?? ''),
    invalid: await input.getAttribute('aria-invalid'),
    describedByError: describedBy.split(' ').includes(errorId),
  };
}

const hidden = { error: null, invalid: null, describedByError: false };

describe('a field error follows the value it was shown for', () => {
  it('on sign-up (checked by the page): goes once the email is changed, and comes back on every submit of a bad one', async () => {
    // Prepare
    await page.goto('/sign-up');
    await page.getByLabel('Company or team name').fill('Tiệm Giày Cô Ba');
    await page.getByLabel('Password').fill('correct horse battery');
    const email = page.getByLabel('Email');
    const submit = page.getByRole('button', { name: 'Create account' });
    const refused = { error: expect.stringContaining('Enter an email address such as name@shop.vn.'), invalid: 'true', describedByError: true };

    // Act: a bad address is submitted
    await email.fill('co-ba.tiem-giay');
    await submit.click();

    // Assess
    expect(await shownFor(email, 'email-error')).toEqual(refused);

    // Act: the address is corrected (not sent yet)
    await email.fill('co-ba@tiem-giay.test');

    // Assess: nothing says it is still wrong
    expect(await shownFor(email, 'email-error')).toEqual(hidden);

    // Act: the same bad address is submitted, twice
    await email.fill('co-ba.tiem-giay');
    await submit.click();
    const first = await shownFor(email, 'email-error');
    await submit.click();
    const second = await shownFor(email, 'email-error');

    // Assess
    expect(first).toEqual(refused);
    expect(second).toEqual(refused);

    // Act: another bad address, refused in the same words
    await email.fill('co-ba.tiem-giay.2');
    const beforeSubmit = await shownFor(email, 'email-error');
    await submit.click();

    // Assess
    expect(beforeSubmit).toEqual(hidden);
    expect(await shownFor(email, 'email-error')).toEqual(refused);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('on a Team invite (refused by the API): goes once the email is changed, and comes back when another address is refused in the same words', async () => {
    // Prepare: the shop is made and the Team page opened.
    await signUpInBrowser(page, { teamName: 'Tiệm Giày Cô Ba', email: 'co-ba@tiem-giay.test' });
    await page.goto('/team');
    const email = page.getByLabel('Their email');
    const invite = page.getByRole('button', { name: 'Invite', exact: true });
    const refusedShown = async (): Promise<boolean> => (await page.locator('#invite-email-error').count()) === 1;

    // Act: the API refuses an address that is not one
    await email.fill('dong-goi.tiem-giay');
    await invite.click();
    await expect.poll(refusedShown).toBe(true);
    const refused = await shownFor(email, 'invite-email-error');

    // Assess
    expect(refused).toEqual({ error: expect.stringMatching(/email/i), invalid: 'true', describedByError: true });

    // Act: the address is corrected (not sent yet)
    await email.fill('dong-goi@tiem-giay.test');

    // Assess
    expect(await shownFor(email, 'invite-email-error')).toEqual(hidden);

    // Act: another address that is not one, refused in the same words
    await email.fill('dong-goi.tiem-giay.2');
    const beforeSend = await shownFor(email, 'invite-email-error');
    await invite.click();
    await expect.poll(refusedShown).toBe(true);

    // Assess: the API's words are shown again, for the new address
    expect(beforeSend).toEqual(hidden);
    expect(await shownFor(email, 'invite-email-error')).toEqual(refused);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('on Add source, a choice with a number box (refused by the API): goes once the minutes are changed, and comes back when they are refused again', async () => {
    // Prepare: a local folder source whose sync interval the API refuses (the least is 5 minutes).
    await page.goto('/sources/new');
    await page.getByLabel('Local folder').check();
    await page.getByLabel('Name', { exact: true }).fill('Kệ đóng gói — ca sáng');
    await page.getByLabel('Folder path').fill('/srv/camera-footage');
    await page.getByLabel('Sync every').selectOption('custom');
    const minutes = page.locator('#source-interval-custom');
    const save = page.getByRole('button', { name: 'Save and start syncing' });
    const refusedShown = async (): Promise<boolean> => (await page.locator('#source-interval-error').count()) === 1;

    // Act
    await minutes.fill('2');
    await save.click();
    await expect.poll(refusedShown).toBe(true);
    const refused = await shownFor(minutes, 'source-interval-error');

    // Assess
    expect(refused).toEqual({ error: expect.stringMatching(/\b5\b/), invalid: 'true', describedByError: true });

    // Act: other minutes, still too few, not sent yet
    await minutes.fill('3');

    // Assess: the error was about 2 minutes; the select is no longer marked either
    expect(await shownFor(minutes, 'source-interval-error')).toEqual(hidden);
    expect(await page.getByLabel('Sync every').getAttribute('aria-describedby')).toBeNull();

    // Act
    await save.click();
    await expect.poll(refusedShown).toBe(true);

    // Assess: refused in the same words, shown again
    expect(await shownFor(minutes, 'source-interval-error')).toEqual(refused);
    expect(new URL(page.url()).pathname).toBe('/sources/new');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
