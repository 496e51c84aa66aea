/**
 * The Team page in headless Chromium against the local stack: a shop owner
 * invites a packer as staff, the packer opens the link on a phone, chooses a
 * password and is in; in Vietnamese they see no Team, Agents, settings of the
 * shop or source editing, and the API refuses those anyway. The owner then
 * makes them admin, sees the change on the Audit page, and removes them.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpInBrowser, startBrowserStack, type BrowserStack } from './support/browserStack';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

let web: BrowserStack | undefined;
let owner: Page;
let packer: Page;
let ownerErrors: string[];
let packerErrors: string[];

beforeAll(async () => {
  web = await startBrowserStack('team');
  ({ page: owner, errors: ownerErrors } = await web.newPage());
  ({ page: packer, errors: packerErrors } = await web.newPage({ viewport: { width: 375, height: 740 } }));
  owner.on('dialog', (dialog) => void dialog.accept());
});

afterAll(() => web?.close());

describe('Team in the browser', () => {
  it('invites a packer as staff by link; the packer joins on a phone and sees only what staff may do', async () => {
    await signUpInBrowser(owner, { teamName: 'Tiệm giày Bình Thạnh', email: 'chu@giay-binh-thanh.vn' });

    await owner.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).click();
    await owner.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
    await owner.getByLabel('Their email').fill('dong.goi@giay-binh-thanh.vn');
    await owner.getByLabel('Role', { exact: true }).selectOption('staff');
    await owner.getByRole('button', { name: 'Invite', exact: true }).click();
    const link = await owner.getByTestId('invite-link').inputValue();
    expect(link).toMatch(new RegExp(`^${web?.url}/join/[A-Za-z0-9_-]{40,}$`));
    await owner.getByTestId('invites').getByText('dong.goi@giay-binh-thanh.vn').waitFor();
    await owner.screenshot({ path: path.join(screenshots, 'team-invite.png'), fullPage: true });

    await packer.goto(link);
    await packer.getByLabel('Password').fill('đóng gói cẩn thận');
    await packer.getByRole('button', { name: 'Join' }).click();
    await packer.getByText('Welcome to Tiệm giày Bình Thạnh.').waitFor();
    await packer.goto('/settings');
    await packer.getByLabel('Tiếng Việt').check();
    await packer.getByRole('heading', { name: 'Cài đặt' }).or(packer.getByRole('heading', { name: 'Settings' })).first().waitFor();
    const nav = packer.getByRole('navigation').first();
    await packer.goto('/sources');
    await packer.locator('main h1').waitFor();

    expect(await packer.locator('html').getAttribute('lang')).toBe('vi');
    expect(await nav.getByRole('link', { name: 'Nhóm' }).count()).toBe(0);
    expect(await packer.locator('a[href="/team"], a[href="/agents"], a[href="/sources/new"]').count()).toBe(0);
    await packer.goto('/team');
    await packer.getByText('Vai trò của bạn trong nhóm không được làm việc này. Hãy nhờ chủ cửa hàng hoặc quản trị viên.').waitFor();
    await packer.screenshot({ path: path.join(screenshots, 'team-staff-phone.png'), fullPage: true });
    expect(await packer.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
  }, 180_000);

  it('the owner makes the packer admin, sees it in the audit trail, then removes them', async () => {
    await owner.reload();
    const member = owner.getByTestId('member').filter({ hasText: 'dong.goi@giay-binh-thanh.vn' });
    await member.getByLabel('Role of dong.goi@giay-binh-thanh.vn').selectOption('admin');
    await owner.getByText('dong.goi@giay-binh-thanh.vn is now Admin.').waitFor();

    await owner.getByRole('link', { name: 'What changed, and who did it' }).click();
    await owner.getByRole('heading', { name: 'Audit trail' }).waitFor();
    const audit = owner.getByTestId('audit');
    await audit.getByText('changed the role of dong.goi@giay-binh-thanh.vn').waitFor();
    await audit.getByText('joined the team').waitFor();
    await audit.getByText('invited dong.goi@giay-binh-thanh.vn').waitFor();
    await owner.screenshot({ path: path.join(screenshots, 'audit.png'), fullPage: true });

    await owner.goto('/team');
    await owner.getByTestId('member').filter({ hasText: 'dong.goi@giay-binh-thanh.vn' }).getByRole('button', { name: 'Remove' }).click();
    await owner.getByText('dong.goi@giay-binh-thanh.vn was removed.').waitFor();
    await owner.getByTestId('member').filter({ hasText: 'dong.goi@giay-binh-thanh.vn' }).waitFor({ state: 'detached' });
    expect(await owner.getByTestId('member').count()).toBe(1);
    // The packer's session ends on their next request.
    await packer.goto('/sources');
    await packer.waitForURL(/\/sign-in/);
    // The refused calls above show as failed loads (403, then 401); nothing else may go wrong.
    expect([...ownerErrors, ...packerErrors].filter((error) => !/status of 40[13]/.test(error))).toEqual([]);
  }, 120_000);
});
