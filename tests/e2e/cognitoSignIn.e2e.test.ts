/**
 * VTrack's own sign-in pages against Cognito's user-pool API, end to end: the
 * local stack in cognito mode plays API Gateway's JWT authorizer against the
 * Cognito fake (RS256 via its JWKS, issuer, audience = the web client), and
 * the page calls the fake over real HTTP with Cognito's JSON protocol, under
 * the site's Content-Security-Policy. Sign-in, renewal and sign-out in
 * English; sign-up with the emailed code, an invited member's first password
 * and a forgotten password in Vietnamese, with no English on any step.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionCognitoTenant, tenantIdForCognitoUser } from '../../core/accounts/provisionCognitoTenant';
import { systemClock } from '../../core/ports/clock';
import type { DynamoAccountRepository } from '../../adapters/dynamodb/dynamoAccountRepository';
import type { LocalStack } from '../../infra/local/startLocalStack';
import { startFakeCognito, type FakeCognito } from '../fakes/cognito';
import { closeBrowser, launchBrowser, newContext, watchForPageErrors } from './support/browser';
import { buildWeb } from './support/buildWeb';
import { startCognitoStack } from './support/cognitoStack';
import { englishIn, onlyIn, readableTexts } from './support/pageText';

const SUB = '7d0c3a52-5b8e-4f0e-9a61-2f4c1e8b9d70';
const EMAIL = 'owner@cognito-parcels.test';
const PASSWORD = 'Owner-pass-2026!';
const TENANT_NAME = 'Cognito Parcels';

let fake: FakeCognito | undefined;
let stack: LocalStack | undefined;
let accounts: DynamoAccountRepository;
let browser: Browser | undefined;
let page: Page;
let pageErrors: string[];
const scratch: string[] = [];

beforeAll(async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vtrack-e2e-cognito-'));
  const webDir = await buildWeb();
  scratch.push(dataDir, webDir);
  const tenantId = await tenantIdForCognitoUser(SUB);
  fake = await startFakeCognito({
    users: [{ sub: SUB, email: EMAIL, tenantId, password: PASSWORD }],
    // A brand-new token without the tenant: the app must renew once and retry.
    firstIdTokenWithoutTenant: true,
    // What the post-confirmation trigger does in AWS: the tenant and its owner.
    onConfirmSignUp: async (user) => (await provisionCognitoTenant({ accounts, clock: systemClock }, user)).tenantId,
  });
  ({ stack, accounts } = await startCognitoStack(fake, dataDir, webDir));
  await provisionCognitoTenant({ accounts, clock: systemClock }, { sub: SUB, email: EMAIL, tenantName: TENANT_NAME });
  browser = await launchBrowser();
  page = await (await newContext(browser, { baseURL: stack.url })).newPage();
  pageErrors = watchForPageErrors(page);
});

afterAll(async () => {
  await closeBrowser(browser);
  await stack?.stop();
  await fake?.stop();
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The words of a field's inline error, without its warning sign. */
const fieldError = async (on: Page, id: string): Promise<string> => ((await on.locator(`#${id}-error`).textContent()) ?? '').replace(/^⚠\s*/, '');

const countOf = (call: string): number => fake?.calls.filter((made) => made === call).length ?? 0;

/** A Vietnamese browser, and a check that what it shows is Vietnamese only. */
async function vietnamesePage(): Promise<{ page: Page; errors: string[]; expectNoEnglish: (step: string) => Promise<void> }> {
  const viPage = await (await newContext(browser as Browser, { baseURL: stack?.url ?? '', locale: 'vi-VN' })).newPage();
  const english = onlyIn('en');
  const expectNoEnglish = async (step: string): Promise<void> => {
    expect(await viPage.evaluate<string>('document.documentElement.lang'), step).toBe('vi');
    const texts = await readableTexts(viPage);
    const foreign = texts.flatMap((text) => english.filter((piece) => text.includes(piece)).map((piece) => `"${text}" has "${piece}"`));
    expect([...foreign, ...englishIn(texts)], step).toEqual([]);
  };
  return { page: viPage, errors: watchForPageErrors(viPage), expectNoEnglish };
}

describe('VTrack’s own sign-in against Cognito, in English', () => {
  it('tells the web app where the user-pool API is, lets the page call it, and refuses a token Cognito did not issue', async () => {
    const response = await fetch(`${stack?.url}/api/auth/config`);
    const config = (await response.json()) as Record<string, unknown>;
    expect(config).toMatchObject({ mode: 'cognito', clientId: fake?.clientId, endpoint: fake?.url, userPoolId: fake?.userPoolId });
    const page = await fetch(`${stack?.url}/sign-in`);
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${fake?.issuer}`);
    const forged = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: SUB, 'custom:tenantId': 'ten_x', iss: fake?.issuer, aud: fake?.clientId })).toString('base64url')}.`;
    expect((await fetch(`${stack?.url}/api/me`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
    expect((await fetch(`${stack?.url}/api/auth/local/sign-in`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('words a wrong password next to the password field, then signs in, renews the first token once, and lands on the page first asked for', async () => {
    // Prepare: a signed-out visit to Add source.
    await page.goto('/sources/new');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/sources/new');

    // Act: a wrong password first.
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill('Not-the-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Assess: Cognito's refusal in the page's words, on the password field.
    await expect.poll(() => fieldError(page, 'password')).toBe('Wrong email or password.');
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');

    // Act: the right one.
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Assess: back on Add source, signed in as the Cognito user of the provisioned tenant.
    await page.getByRole('heading', { name: 'Add source', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sources/new');
    await expect.poll(() => page.getByTestId('tenant-name').textContent()).toBe(TENANT_NAME);
    expect(await page.getByTestId('user-email').textContent()).toBe(EMAIL);
    expect(fake?.calls).toEqual(['InitiateAuth:USER_PASSWORD_AUTH', 'InitiateAuth:USER_PASSWORD_AUTH', 'InitiateAuth:REFRESH_TOKEN_AUTH']);
    expect(await page.evaluate<string | null>("JSON.parse(localStorage.getItem('vtrack.cognito')).endpoint")).toBe(fake?.url);
  });

  it('calls the API with the ID token as the bearer', async () => {
    // Act
    const apiCall = page.waitForRequest((request) => new URL(request.url()).pathname === '/api/sources');
    await page.getByRole('link', { name: 'Sources', exact: true }).click();
    const bearer = (await apiCall).headers()['authorization']?.replace(/^Bearer /, '') ?? '';

    // Assess: the authorizer let it through, and it was the ID token, tenant included.
    await page.getByRole('heading', { name: 'Connect your first video source' }).waitFor();
    expect(claimsOf(bearer)).toMatchObject({ token_use: 'id', aud: fake?.clientId, sub: SUB, 'custom:tenantId': await tenantIdForCognitoUser(SUB) });
  });

  it('renews an expired ID token with REFRESH_TOKEN_AUTH instead of signing the user out', async () => {
    // Prepare: the stored ID token is past its expiry.
    await page.evaluate(`localStorage.setItem('vtrack.session', JSON.stringify({
      ...JSON.parse(localStorage.getItem('vtrack.session')), expiresAt: '2000-01-01T00:00:00.000Z' }))`);
    const refreshesBefore = countOf('InitiateAuth:REFRESH_TOKEN_AUTH');

    // Act
    const me = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/me');
    await page.goto('/sources');

    // Assess: still signed in, after one more refresh.
    await page.getByRole('heading', { name: 'Sources', level: 1 }).waitFor();
    const meAnswer = await me;
    await meAnswer.finished();
    expect(meAnswer.status()).toBe(200);
    await page.getByRole('heading', { name: 'Connect your first video source' }).waitFor();
    expect(countOf('InitiateAuth:REFRESH_TOKEN_AUTH')).toBe(refreshesBefore + 1);
    expect(await page.evaluate<string>("JSON.parse(localStorage.getItem('vtrack.session')).expiresAt")).not.toBe('2000-01-01T00:00:00.000Z');
  });

  it('sends a session that can no longer be renewed to sign-in, and back to the same page afterwards', async () => {
    // Prepare: the ID token has expired and Cognito no longer takes the refresh token.
    fake?.revokeRefreshTokens();
    await page.evaluate(`localStorage.setItem('vtrack.session', JSON.stringify({
      ...JSON.parse(localStorage.getItem('vtrack.session')), expiresAt: '2000-01-01T00:00:00.000Z' }))`);

    // Act
    await page.goto('/sources/new');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/sources/new');
    await page.getByText('Your session has ended').waitFor();
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Assess: signed in again and back where the user was.
    await page.getByRole('heading', { name: 'Add source', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sources/new');
    await expect.poll(() => page.getByTestId('tenant-name').textContent()).toBe(TENANT_NAME);
    expect(fake?.calls.at(-1)).toBe('InitiateAuth:USER_PASSWORD_AUTH');
  });

  it('signs out by revoking the refresh token at Cognito, and comes back to sign-in', async () => {
    // Prepare
    const refreshToken = await page.evaluate<string>("JSON.parse(localStorage.getItem('vtrack.cognito')).refreshToken");

    // Act
    await page.getByRole('button', { name: 'Sign out' }).click();

    // Assess: the token no longer renews anything, and nothing of the session is left here.
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expect.poll(() => fake?.calls.at(-1)).toBe('RevokeToken');
    const renewal = await fetch(fake?.url ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
      body: JSON.stringify({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: fake?.clientId, AuthParameters: { REFRESH_TOKEN: refreshToken } }),
    });
    expect(renewal.status).toBe(400);
    expect(await page.getByTestId('tenant-name').count()).toBe(0);
    expect(await page.evaluate<string | null>("localStorage.getItem('vtrack.session')")).toBeNull();
    expect(await page.evaluate<string | null>("localStorage.getItem('vtrack.cognito')")).toBeNull();
    expect(pageErrors).toEqual([]);
  });

  it('asks a member who turned on an authenticator app for its 6-digit code, words a wrong one next to the field, and signs in with the right one', async () => {
    // Prepare: an owner whose account has MFA with an authenticator app (optional in the pool).
    const sub = '3e9a1c44-two-step';
    const email = 'two-step@kho-haiphong.test';
    await provisionCognitoTenant({ accounts, clock: systemClock }, { sub, email, tenantName: 'Kho Hải Phòng' });
    fake?.addUser({ sub, email, tenantId: await tenantIdForCognitoUser(sub), password: 'Two-step-2026!', mfa: 'SOFTWARE_TOKEN_MFA' });
    await page.goto('/sign-in');

    // Act: the password, then the code step.
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('Two-step-2026!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Enter your sign-in code' }).waitFor();
    const codeField = page.getByLabel('6-digit code');

    // Assess: a field phones open with digits and fill from the authenticator or a text.
    expect(await codeField.getAttribute('inputmode')).toBe('numeric');
    expect(await codeField.getAttribute('autocomplete')).toBe('one-time-code');
    await page.getByText('Open your authenticator app').waitFor();

    // Act: too short (checked here), then wrong (refused by Cognito).
    await codeField.fill('12');
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await expect.poll(() => fieldError(page, 'code')).toBe('The code has 6 digits, numbers only.');
    expect(countOf('RespondToAuthChallenge')).toBe(0);
    await codeField.fill('000000');
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await expect.poll(() => fieldError(page, 'code')).toBe('That code is not right, or it has changed since. Enter the newest code and try again.');
    expect(await codeField.getAttribute('aria-invalid')).toBe('true');

    // Act: the code the app shows.
    await codeField.fill(fake?.mfaCodeFor(email) ?? '');
    await page.getByRole('button', { name: 'Verify and sign in' }).click();

    // Assess: signed in to the member's shop, the same session answering both codes.
    await expect.poll(() => page.getByTestId('tenant-name').textContent()).toBe('Kho Hải Phòng');
    expect(countOf('RespondToAuthChallenge')).toBe(2);
    expect(pageErrors).toEqual([]);
  });
});

describe('VTrack’s own sign-up and account recovery against Cognito, in Vietnamese', () => {
  it('signs a new shop owner up, confirms the emailed code after a wrong one, and opens their new shop', { timeout: 60_000 }, async () => {
    // Prepare
    const { page: vi, errors, expectNoEnglish } = await vietnamesePage();
    await vi.goto('/sign-up');
    await vi.getByLabel('Tên cửa hàng, công ty hoặc nhóm').waitFor();
    await expectNoEnglish('sign-up');

    // Act: the shop's details.
    await vi.getByLabel('Tên cửa hàng, công ty hoặc nhóm').fill('Kho Sài Gòn');
    await vi.getByLabel('Email').fill('chu@kho-saigon.test');
    await vi.getByLabel('Mật khẩu', { exact: true }).fill('Kho-SaiGon-2026!');
    await vi.getByRole('button', { name: 'Tạo tài khoản' }).click();

    // Assess: Cognito emailed a code; the page asks for it.
    await vi.getByRole('heading', { name: 'Xác nhận email' }).waitFor();
    await expectNoEnglish('confirm code');
    const code = fake?.codeFor('chu@kho-saigon.test') ?? '';
    expect(code).toMatch(/^\d{6}$/);

    // Act: a mistyped code, then the right one.
    await vi.getByLabel('Mã trong email').fill('000000x');
    await vi.getByRole('button', { name: 'Xác nhận và đăng nhập' }).click();
    await expect.poll(() => fieldError(vi, 'code')).toBe('Mã không đúng. Hãy xem lại email chúng tôi đã gửi và thử lại.');
    await expectNoEnglish('wrong code');
    await vi.getByLabel('Mã trong email').fill(code);
    await vi.getByRole('button', { name: 'Xác nhận và đăng nhập' }).click();

    // Assess: signed in to the shop the confirmation made, named as typed.
    await expect.poll(() => vi.getByTestId('tenant-name').textContent()).toBe('Kho Sài Gòn');
    await expectNoEnglish('signed in');
    expect(fake?.statusOf('chu@kho-saigon.test')).toBe('CONFIRMED');
    expect(errors).toEqual([]);
  });

  it('asks for the emailed code when someone who never confirmed their sign-up signs in, then opens their shop', { timeout: 60_000 }, async () => {
    // Prepare: signed up on another day, the code never entered.
    fake?.addUser({ sub: '5f1c2d3e-unconfirmed', email: 'quen-ma@shop-hue.test', password: 'Shop-Hue-2026!', status: 'UNCONFIRMED' });
    const { page: vi, errors, expectNoEnglish } = await vietnamesePage();

    // Act
    await vi.goto('/sign-in');
    await vi.getByLabel('Email').fill('quen-ma@shop-hue.test');
    await vi.getByLabel('Mật khẩu', { exact: true }).fill('Shop-Hue-2026!');
    await vi.getByRole('button', { name: 'Đăng nhập' }).click();

    // Assess: a fresh code was sent and is asked for, in Vietnamese.
    await vi.getByRole('heading', { name: 'Xác nhận email' }).waitFor();
    await expectNoEnglish('confirm at sign-in');
    expect(fake?.calls.at(-1)).toBe('ResendConfirmationCode');

    // Act
    await vi.getByLabel('Mã trong email').fill(fake?.codeFor('quen-ma@shop-hue.test') ?? '');
    await vi.getByRole('button', { name: 'Xác nhận và đăng nhập' }).click();

    // Assess: the shop made at confirmation, named after the email's domain (no name was given).
    await expect.poll(() => vi.getByTestId('tenant-name').textContent()).toBe('shop-hue.test');
    expect(errors).toEqual([]);
  });

  it('asks an invited packer for a password of their own at first sign-in, wording the policy in Vietnamese', { timeout: 60_000 }, async () => {
    // Prepare: what the Team page's invite does in AWS — the invite row, and the Cognito user with a temporary password.
    const tenantId = await tenantIdForCognitoUser(SUB);
    const now = new Date();
    await accounts.putInvite({
      tenantId,
      id: 'inv_packer',
      email: 'dong-goi@cognito-parcels.test',
      role: 'staff',
      invitedBy: SUB,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
    });
    fake?.addUser({ sub: '0b7e5f7e-packer', email: 'dong-goi@cognito-parcels.test', tenantId, password: 'Tam-thoi-1234', status: 'FORCE_CHANGE_PASSWORD' });
    const { page: vi, errors, expectNoEnglish } = await vietnamesePage();

    // Act: the temporary password from the invitation email.
    await vi.goto('/sign-in');
    await vi.getByLabel('Email').fill('dong-goi@cognito-parcels.test');
    await vi.getByLabel('Mật khẩu', { exact: true }).fill('Tam-thoi-1234');
    await vi.getByRole('button', { name: 'Đăng nhập' }).click();
    await vi.getByRole('heading', { name: 'Chọn mật khẩu của bạn' }).waitFor();
    await expectNoEnglish('new password');
    await vi.getByLabel('Mật khẩu mới').fill('ngan');
    await vi.getByRole('button', { name: 'Lưu mật khẩu và đăng nhập' }).click();

    // Assess: Cognito's InvalidPasswordException, in Vietnamese on the field.
    await expect.poll(() => fieldError(vi, 'newPassword')).toBe('Dùng ít nhất 12 ký tự, gồm chữ hoa, chữ thường, chữ số và ký hiệu.');
    await expectNoEnglish('weak new password');

    // Act
    await vi.getByLabel('Mật khẩu mới').fill('Dong-goi-2026!');
    await vi.getByRole('button', { name: 'Lưu mật khẩu và đăng nhập' }).click();

    // Assess: in the owner's shop, as staff, with the password now their own.
    await expect.poll(() => vi.getByTestId('tenant-name').textContent()).toBe(TENANT_NAME);
    await expect.poll(async () => (await accounts.getUser(tenantId, '0b7e5f7e-packer'))?.role).toBe('staff');
    await expectNoEnglish('packer signed in');
    expect(fake?.passwordOf('dong-goi@cognito-parcels.test')).toBe('Dong-goi-2026!');
    expect(errors).toEqual([]);
  });

  it('says in Vietnamese, next to the code, that a texted sign-in code’s step has lapsed, and goes back to sign in again', { timeout: 60_000 }, async () => {
    // Prepare: a packer whose sign-in code is texted (SMS MFA).
    const sub = '9c2b7d10-sms-step';
    const email = 'sms@kho-danang.test';
    await provisionCognitoTenant({ accounts, clock: systemClock }, { sub, email, tenantName: 'Kho Đà Nẵng' });
    fake?.addUser({ sub, email, tenantId: await tenantIdForCognitoUser(sub), password: 'Kho-DaNang-2026!', mfa: 'SMS_MFA', phoneNumber: '+84905551234' });
    const { page: vi, errors, expectNoEnglish } = await vietnamesePage();
    const signIn = async (): Promise<void> => {
      await vi.getByLabel('Email').fill(email);
      await vi.getByLabel('Mật khẩu', { exact: true }).fill('Kho-DaNang-2026!');
      await vi.getByRole('button', { name: 'Đăng nhập' }).click();
      await vi.getByRole('heading', { name: 'Nhập mã đăng nhập' }).waitFor();
    };
    await vi.goto('/sign-in');
    await signIn();
    await vi.getByText(/\+\*+1234/).waitFor();
    await expectNoEnglish('mfa code step');

    // Act: the step lapses before the code is typed.
    fake?.expireSessions();
    await vi.getByLabel('Mã 6 chữ số').fill(fake?.mfaCodeFor(email) ?? '');
    await vi.getByRole('button', { name: 'Xác minh và đăng nhập' }).click();

    // Assess: Cognito's "Invalid session", in Vietnamese next to the code.
    await expect.poll(() => fieldError(vi, 'code')).toBe('Bước nhập mã đã hết hạn. Hãy quay lại và đăng nhập lại.');
    await expectNoEnglish('mfa step lapsed');

    // Act: back to sign-in, and through both steps again.
    await vi.getByRole('button', { name: 'Quay lại đăng nhập' }).click();
    await signIn();
    await vi.getByLabel('Mã 6 chữ số').fill(fake?.mfaCodeFor(email) ?? '');
    await vi.getByRole('button', { name: 'Xác minh và đăng nhập' }).click();

    // Assess
    await expect.poll(() => vi.getByTestId('tenant-name').textContent()).toBe('Kho Đà Nẵng');
    expect(errors).toEqual([]);
  });

  it('resets a forgotten password with the emailed code and signs in with the new one', { timeout: 60_000 }, async () => {
    // Prepare
    const { page: vi, errors, expectNoEnglish } = await vietnamesePage();
    await vi.goto('/sign-in');
    await vi.getByRole('link', { name: 'Quên mật khẩu?' }).click();
    await vi.getByRole('heading', { name: 'Đặt lại mật khẩu', level: 1 }).waitFor();
    await vi.getByLabel('Email').waitFor();
    await expectNoEnglish('forgot password');

    // Act: the code goes to the owner's email, comes back with a new password.
    await vi.getByLabel('Email').fill(EMAIL);
    await vi.getByRole('button', { name: 'Gửi mã' }).click();
    await vi.getByLabel('Mã trong email').waitFor();
    await expectNoEnglish('reset form');
    await vi.getByLabel('Mã trong email').fill(fake?.codeFor(EMAIL) ?? '');
    await vi.getByLabel('Mật khẩu mới').fill('Owner-new-pass-2027!');
    await vi.getByRole('button', { name: 'Lưu mật khẩu và đăng nhập' }).click();

    // Assess: signed in with the new password.
    await expect.poll(() => vi.getByTestId('tenant-name').textContent()).toBe(TENANT_NAME);
    await expectNoEnglish('signed in after reset');
    expect(fake?.passwordOf(EMAIL)).toBe('Owner-new-pass-2027!');
    expect(fake?.calls).toEqual(expect.arrayContaining(['ForgotPassword', 'ConfirmForgotPassword']));
    expect(errors).toEqual([]);
  });
});
