/**
 * Deleting a shop from Settings in headless Chromium against the local stack,
 * on a phone: staff never see the section; for the owner the button stays
 * disabled until the shop's exact name is typed, and deleting signs them out
 * to the sign-in page with a notice. The shop's sign-in is gone afterwards.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/localStackHarness';
import { inviteAndJoin } from '../support/team';
import { pageApi, signUpInBrowser, startBrowserStack, type BrowserStack } from './support/browserStack';

const PHONE = { viewport: { width: 375, height: 740 } };

let web: BrowserStack | undefined;
let owner: Page;
let packer: Page;
let errors: string[];

beforeAll(async () => {
  web = await startBrowserStack('delete-shop');
  ({ page: owner, errors } = await web.newPage(PHONE));
  ({ page: packer } = await web.newPage(PHONE));
});

afterAll(() => web?.close());

describe('Delete this shop, in Settings', () => {
  it('is hidden from staff; for the owner it deletes only once the name matches, and lands on sign-in', async () => {
    // Prepare: a shop with a packer (staff) signed in on their own phone.
    await signUpInBrowser(owner, { teamName: 'Tiệm Xoá Thử', email: 'chu@xoa-thu.vn' });
    const anonymous = new ApiClient(web?.url ?? '');
    await inviteAndJoin(await pageApi(owner, web?.url ?? ''), anonymous, 'dong.goi@xoa-thu.vn', 'staff', 'đóng gói cẩn thận');
    await packer.goto('/sign-in');
    await packer.getByLabel('Email').fill('dong.goi@xoa-thu.vn');
    await packer.getByLabel('Password').fill('đóng gói cẩn thận');
    await packer.getByRole('button', { name: 'Sign in' }).click();
    await packer.getByRole('heading', { name: 'Sources' }).waitFor();

    // Assess: staff see Settings without the section.
    await packer.goto('/settings');
    await packer.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(await packer.getByRole('heading', { name: 'Delete this shop' }).count()).toBe(0);

    // Act: the owner opens it and types the name, first not quite, then exactly.
    const authMode = owner.waitForResponse((response) => new URL(response.url()).pathname === '/api/auth/config');
    await owner.goto('/settings');
    await owner.getByRole('heading', { name: 'Delete this shop' }).waitFor();
    // A local copy signs in with its own passwords: no two-step sign-in to turn on (that is Cognito's, in AWS).
    await (await authMode).finished();
    await owner.evaluate('new Promise((resolve) => requestAnimationFrame(resolve))');
    expect(await owner.getByRole('heading', { name: 'Two-step sign-in' }).count()).toBe(0);
    const button = owner.getByRole('button', { name: 'Delete this shop for good' });
    const field = owner.getByLabel("To confirm, type the shop's name: Tiệm Xoá Thử");
    expect(await button.isDisabled()).toBe(true);
    await field.fill('tiệm xoá thử');
    expect(await button.isDisabled()).toBe(true);
    await field.fill('Tiệm Xoá Thử');
    expect(await button.isDisabled()).toBe(false);
    expect(await owner.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    await button.click();

    // Assess: signed out to the sign-in page with the notice; the shop's sign-in no longer works.
    await owner.waitForURL(/\/sign-in/);
    await owner.getByText('Your shop was deleted.').waitFor();
    expect(await owner.evaluate<string | null>("localStorage.getItem('vtrack.session')")).toBeNull();
    const signIn = await anonymous.call('POST', '/api/auth/local/sign-in', { email: 'chu@xoa-thu.vn', password: 'correct horse battery' });
    expect(signIn.status).toBe(401);
    await packer.goto('/sources');
    await packer.waitForURL(/\/sign-in/);
    expect(errors.filter((error) => !/status of 401/.test(error))).toEqual([]);
  }, 180_000);
});
