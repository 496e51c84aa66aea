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
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionCognitoTenant, tenantIdForCognitoUser } from '../../core/accounts/provisionCognitoTenant';
import { systemClock } from '../../core/ports/clock';
import { DynamoAccountRepository } from '../../adapters/dynamodb/dynamoAccountRepository';
import { makeTableContext } from '../../adapters/dynamodb/tableContext';
import { localClientConfig } from '../../infra/local/awsClientConfig';
import { startLocalStack, type LocalStack } from '../../infra/local/startLocalStack';
import { startFakeCognito, type FakeCognito } from '../fakes/cognito';
import { closeBrowser, launchBrowser, newContext, watchForPageErrors } from './support/browser';
import { buildWeb } from './support/buildWeb';

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
  stack = await startLocalStack({
    port: 0,
    dataDir,
    webDir,
    quiet: true,
    schedulerIntervalMs: 3_600_000,
    auth: { mode: 'cognito', issuer: fake.issuer, jwksUrl: fake.jwksUrl, clientId: fake.clientId, domain: 'https://vtrack-test.auth.local', endpoint: fake.url, userPoolId: fake.userPoolId },
  });
  accounts = new DynamoAccountRepository(makeTableContext({ tableName: stack.tableName, clientConfig: localClientConfig(stack.endpoints.dynamodb) }));
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

