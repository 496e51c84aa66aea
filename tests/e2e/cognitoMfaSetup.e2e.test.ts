/**
 * Two-step sign-in (MFA with an authenticator app) that members turn on and
 * off themselves in Settings, end to end: the page calls the Cognito fake over
 * real HTTP with Cognito's JSON protocol and the member's access token
 * (GetUser, AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference),
 * and the codes typed are real TOTP codes computed here from the secret the
 * page shows, as an authenticator app would. Also: a member with MFA who
 * resets a forgotten password goes on to the code step.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionCognitoTenant, tenantIdForCognitoUser } from '../../core/accounts/provisionCognitoTenant';
import { systemClock } from '../../core/ports/clock';
import type { DynamoAccountRepository } from '../../adapters/dynamodb/dynamoAccountRepository';
import type { LocalStack } from '../../infra/local/startLocalStack';
import { startFakeCognito, type FakeCognito } from '../fakes/cognito';
import { totpCode, wrongTotpCode } from '../fakes/cognito/totp';
import { closeBrowser, launchBrowser, newContext, watchForPageErrors } from './support/browser';
import { buildWeb } from './support/buildWeb';
import { startCognitoStack } from './support/cognitoStack';
import { englishIn, onlyIn, readableTexts } from './support/pageText';
import { qrTextsOn } from './support/qrCodeOnPage';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

let fake: FakeCognito | undefined;
let stack: LocalStack | undefined;
let accounts: DynamoAccountRepository;
let browser: Browser | undefined;
const scratch: string[] = [];

beforeAll(async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vtrack-e2e-mfa-'));
  const webDir = await buildWeb();
  scratch.push(dataDir, webDir);
  fake = await startFakeCognito();
  ({ stack, accounts } = await startCognitoStack(fake, dataDir, webDir));
  browser = await launchBrowser();
});

afterAll(async () => {
  await closeBrowser(browser);
  await stack?.stop();
  await fake?.stop();
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

interface Member {
  readonly email: string;
  readonly password: string;
  readonly shop: string;
}

/** An owner of their own shop in the pool and in VTrack; `mfa` as if turned on before. */
async function addMember(sub: string, member: Member, mfa?: 'SOFTWARE_TOKEN_MFA'): Promise<void> {
  await provisionCognitoTenant({ accounts, clock: systemClock }, { sub, email: member.email, tenantName: member.shop });
  fake?.addUser({ sub, email: member.email, tenantId: await tenantIdForCognitoUser(sub), password: member.password, ...(mfa === undefined ? {} : { mfa }) });
}

async function openPage(locale = 'en-US'): Promise<{ page: Page; errors: string[] }> {
  const page = await (await newContext(browser as Browser, { baseURL: stack?.url ?? '', locale })).newPage();
  return { page, errors: watchForPageErrors(page) };
}

/** The words of a field's inline error, without its warning sign. */
const fieldError = async (on: Page, id: string): Promise<string> => ((await on.locator(`#${id}-error`).textContent()) ?? '').replace(/^⚠\s*/, '');

const countOf = (call: string): number => fake?.calls.filter((made) => made === call).length ?? 0;

/** The setup key as the page shows it, without the spaces between its groups: what a person types into the app. */
const shownSecret = async (page: Page): Promise<string> => ((await page.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s/g, '');

/** Email and password on the sign-in page; `button` is the sign-in button's name in the page's language. */
async function typePassword(page: Page, member: Member, button = 'Sign in'): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(member.email);
  await page.locator('#password').fill(member.password);
  await page.getByRole('button', { name: button }).click();
}

describe('two-step sign-in that a member turns on and off in Settings, in English', () => {
  const member = { email: 'hai-buoc@kho-mfa.test', password: 'Two-step-on-2026!', shop: 'Kho Hai Bước' };
  let page: Page;
  let errors: string[];
  let secret = '';

  beforeAll(async () => {
    await addMember('4b7e9d21-settings-mfa', member);
    ({ page, errors } = await openPage());
  });

  it('turns on an authenticator app with the code made from the key shown, after refusing a malformed and a wrong code', { timeout: 60_000 }, async () => {
    // Prepare: signed in with the password alone.
    await typePassword(page, member);
    await expect.poll(() => page.getByTestId('tenant-name').textContent()).toBe(member.shop);
    await page.goto('/settings');
    await page.getByRole('heading', { name: 'Two-step sign-in' }).waitFor();
    await expect.poll(() => page.getByTestId('mfa-state').textContent()).toBe('Off: you sign in with your password only.');

    // Act: start, and read the key an app would be given.
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await page.getByTestId('mfa-secret').waitFor();
    secret = await shownSecret(page);

    // Assess: the key, and the otpauth:// link an app on this phone opens with the same key.
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const href = (await page.getByRole('link', { name: 'On this phone? Open it in your authenticator app instead' }).getAttribute('href')) ?? '';
    const link = new URL(href);
    expect(`${link.protocol}//${link.host}${decodeURIComponent(link.pathname)}`).toBe(`otpauth://totp/VTrack:${member.email}`);
    expect(Object.fromEntries(link.searchParams)).toEqual({ secret, issuer: 'VTrack', algorithm: 'SHA1', digits: '6', period: '30' });
    // The QR code, read from the page's pixels as a phone's camera would, is that same link.
    expect(await qrTextsOn(page.getByRole('img', { name: 'QR code to scan with your authenticator app' }))).toEqual([href]);

    // Act: too short (checked here), then a code the key does not make (refused by Cognito).
    const codeField = page.getByLabel('6-digit code');
    await codeField.fill('12');
    await page.getByRole('button', { name: 'Verify and turn on' }).click();
    await expect.poll(() => fieldError(page, 'code')).toBe('The code has 6 digits, numbers only.');
    expect(countOf('VerifySoftwareToken')).toBe(0);
    await codeField.fill(wrongTotpCode(secret));
    await page.getByRole('button', { name: 'Verify and turn on' }).click();
    await expect.poll(() => fieldError(page, 'code')).toBe('That code is not right. Enter the code the app shows now for VTrack; it changes every 30 seconds.');
    expect(fake?.mfaOf(member.email)).toBeUndefined();

    // Act: the code the app shows now.
    await codeField.fill(totpCode(secret));
    await page.getByRole('button', { name: 'Verify and turn on' }).click();

    // Assess: on at Cognito, and said so here; still on after a reload (a new access token from the refresh token).
    await expect.poll(() => page.getByTestId('mfa-state').textContent()).toBe('On: each sign-in asks for the code from your authenticator app.');
    await page.getByText('Two-step sign-in is on. Keep your authenticator app at hand when you sign in.').waitFor();
    expect(fake?.mfaOf(member.email)).toBe('SOFTWARE_TOKEN_MFA');
    await page.reload();
    await expect.poll(() => page.getByTestId('mfa-state').textContent()).toBe('On: each sign-in asks for the code from your authenticator app.');
    expect(errors).toEqual([]);
  });

  it('asks for the app’s code at the next sign-in, refuses a wrong one and signs in with the right one', { timeout: 60_000 }, async () => {
    // Act: sign out, then the password.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await typePassword(page, member);
    await page.getByRole('heading', { name: 'Enter your sign-in code' }).waitFor();

    // Act: a wrong code, then the one the app shows now.
    await page.getByLabel('6-digit code').fill(wrongTotpCode(secret));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await expect.poll(() => fieldError(page, 'code')).toBe('That code is not right, or it has changed since. Enter the newest code and try again.');
    await page.getByLabel('6-digit code').fill(totpCode(secret));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();

    // Assess
    await expect.poll(() => page.getByTestId('tenant-name').textContent()).toBe(member.shop);
    expect(errors).toEqual([]);
  });

  it('turns it off only after the member confirms, and the next sign-in asks for no code', { timeout: 60_000 }, async () => {
    // Prepare
    await page.goto('/settings');
    await expect.poll(() => page.getByTestId('mfa-state').textContent()).toBe('On: each sign-in asks for the code from your authenticator app.');

    // Act: asked, then cancelled.
    await page.getByRole('button', { name: 'Turn off two-step sign-in' }).click();
    const dialog = page.getByRole('dialog', { name: 'Turn off two-step sign-in?' });
    await dialog.getByText('Sign-in will then ask for your password only.').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Assess: nothing changed.
    await dialog.waitFor({ state: 'hidden' });
    expect(countOf('SetUserMFAPreference')).toBe(1);
    expect(fake?.mfaOf(member.email)).toBe('SOFTWARE_TOKEN_MFA');

    // Act: asked again, and confirmed.
    await page.getByRole('button', { name: 'Turn off two-step sign-in' }).click();
    await dialog.getByRole('button', { name: 'Yes, turn it off' }).click();

    // Assess: off at Cognito and here.
    await expect.poll(() => page.getByTestId('mfa-state').textContent()).toBe('Off: you sign in with your password only.');
    await page.getByText('Two-step sign-in is off.').waitFor();
    expect(fake?.mfaOf(member.email)).toBeUndefined();

    // Act: sign out and in again.
    const answersBefore = countOf('RespondToAuthChallenge');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await typePassword(page, member);

    // Assess: straight in, no code asked.
    await expect.poll(() => page.getByTestId('tenant-name').textContent()).toBe(member.shop);
    expect(countOf('RespondToAuthChallenge')).toBe(answersBefore);
    expect(errors).toEqual([]);
  });
});

describe('two-step sign-in in Settings, in Vietnamese', () => {
  it('turns it on and off with every step, refusal and question in Vietnamese and no English', { timeout: 90_000 }, async () => {
    // Prepare: a member signed in on a Vietnamese browser.
    const member = { email: 'chu@kho-hai-buoc.test', password: 'Kho-HaiBuoc-2026!', shop: 'Kho Hai Bước Việt' };
    await addMember('8d3c5a60-settings-mfa-vi', member);
    const { page, errors } = await openPage('vi-VN');
    const english = onlyIn('en');
    let secret = '';
    const expectNoEnglish = async (step: string): Promise<void> => {
      expect(await page.evaluate<string>('document.documentElement.lang'), step).toBe('vi');
      // The setup key is letters and digits for the app, in no language.
      const texts = (await readableTexts(page)).filter((text) => secret === '' || text.replace(/\s/g, '') !== secret);
      const foreign = texts.flatMap((text) => english.filter((piece) => text.includes(piece)).map((piece) => `"${text}" has "${piece}"`));
      expect([...foreign, ...englishIn(texts)], step).toEqual([]);
    };
    await typePassword(page, member, 'Đăng nhập');
    await expect.poll(() => page.getByTestId('tenant-name').textContent()).toBe(member.shop);

    // Act / Assess: the section, off.
    await page.goto('/settings');
    await expect.poll(() => page.getByTestId('mfa-state').textContent()).toBe('Chưa bật: bạn chỉ cần mật khẩu để đăng nhập.');
    await expectNoEnglish('two-step off');

    // Act / Assess: the key and the code field.
    await page.getByRole('button', { name: 'Bật đăng nhập hai bước' }).click();
    await page.getByTestId('mfa-secret').waitFor();
    secret = await shownSecret(page);
    await expectNoEnglish('setup key');
    await page.screenshot({ path: path.join(screenshots, 'settings-two-step-vi.png'), fullPage: true });

    // Act / Assess: a wrong code, refused in Vietnamese next to the field.
    await page.getByLabel('Mã 6 chữ số').fill(wrongTotpCode(secret));
    await page.getByRole('button', { name: 'Xác minh và bật' }).click();
    await expect.poll(() => fieldError(page, 'code')).toBe('Mã không đúng. Hãy nhập mã ứng dụng đang hiện cho VTrack; mã đổi sau mỗi 30 giây.');
    await expectNoEnglish('wrong setup code');

    // Act / Assess: the right code turns it on.
    await page.getByLabel('Mã 6 chữ số').fill(totpCode(secret));
    await page.getByRole('button', { name: 'Xác minh và bật' }).click();
    await expect.poll(() => page.getByTestId('mfa-state').textContent()).toBe('Đã bật: mỗi lần đăng nhập cần mã từ ứng dụng xác thực của bạn.');
    await expectNoEnglish('two-step on');

    // Act / Assess: the question before turning off, then off.
    await page.getByRole('button', { name: 'Tắt đăng nhập hai bước' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tắt đăng nhập hai bước?' });
    await dialog.waitFor();
    await expectNoEnglish('confirm turning off');
    await dialog.getByRole('button', { name: 'Đồng ý, tắt đi' }).click();
    await expect.poll(() => page.getByTestId('mfa-state').textContent()).toBe('Chưa bật: bạn chỉ cần mật khẩu để đăng nhập.');
    await expectNoEnglish('two-step off again');
    expect(fake?.mfaOf(member.email)).toBeUndefined();
    expect(errors).toEqual([]);
  });
});

describe('a member with two-step sign-in who forgot their password', () => {
  it('goes on from the new password to the code step, and is signed in with the app’s code without typing the password again', { timeout: 60_000 }, async () => {
    // Prepare: a member whose account already asks for an authenticator code.
    const member = { email: 'quen-mat-khau@kho-mfa.test', password: 'Forgot-me-2026!', shop: 'Kho Quên Mật Khẩu' };
    await addMember('6a1f0c2e-reset-mfa', member, 'SOFTWARE_TOKEN_MFA');
    const { page, errors } = await openPage();
    await page.goto('/forgot-password');

    // Act: the emailed code and a new password.
    await page.getByLabel('Email').fill(member.email);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByLabel('Code from the email').waitFor();
    await page.getByLabel('Code from the email').fill(fake?.codeFor(member.email) ?? '');
    await page.getByLabel('New password').fill('Reset-with-mfa-2027!');
    await page.getByRole('button', { name: 'Save password and sign in' }).click();

    // Assess: the code step, not the sign-in form.
    await page.getByRole('heading', { name: 'Enter your sign-in code' }).waitFor();
    expect(await page.getByLabel('Password', { exact: true }).count()).toBe(0);

    // Act: the code the app shows now.
    await page.getByLabel('6-digit code').fill(fake?.mfaCodeFor(member.email) ?? '');
    await page.getByRole('button', { name: 'Verify and sign in' }).click();

    // Assess
    await expect.poll(() => page.getByTestId('tenant-name').textContent()).toBe(member.shop);
    expect(fake?.passwordOf(member.email)).toBe('Reset-with-mfa-2027!');
    expect(errors).toEqual([]);
  });
});

