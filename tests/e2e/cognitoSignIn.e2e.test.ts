/**
 * Cognito's hosted sign-in, end to end: the local stack in cognito mode plays
 * API Gateway's JWT authorizer against the Cognito fake (RS256 via its JWKS,
 * issuer, audience = the web client), and the browser really goes to the
 * fake's hosted UI and back. The user is brand new: their first ID token has
 * no `custom:tenantId` yet, so the app must refresh once and retry.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
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

const SUB = '7d0c3a52-5b8e-4f0e-9a61-2f4c1e8b9d70';
const EMAIL = 'owner@cognito-parcels.test';
const TENANT_NAME = 'Cognito Parcels';

let fake: FakeCognito | undefined;
let stack: LocalStack | undefined;
let browser: Browser | undefined;
let page: Page;
let pageErrors: string[];
const scratch: string[] = [];

beforeAll(async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vtrack-e2e-cognito-'));
  const webDir = await buildWeb();
  scratch.push(dataDir, webDir);
  const tenantId = await tenantIdForCognitoUser(SUB);
  fake = await startFakeCognito({ user: { sub: SUB, email: EMAIL, tenantId }, firstIdTokenWithoutTenant: true });
  stack = await startLocalStack({
    port: 0,
    dataDir,
    webDir,
    quiet: true,
    schedulerIntervalMs: 3_600_000,
    auth: { mode: 'cognito', issuer: fake.issuer, jwksUrl: fake.jwksUrl, clientId: fake.clientId, domain: fake.url, userPoolId: fake.userPoolId },
  });
  // What the post-confirmation trigger does in AWS: the tenant and its owner.
  const table = makeTableContext({ tableName: stack.tableName, clientConfig: localClientConfig(stack.endpoints.dynamodb) });
  await provisionCognitoTenant({ accounts: new DynamoAccountRepository(table), clock: systemClock }, { sub: SUB, email: EMAIL, tenantName: TENANT_NAME });
  browser = await launchBrowser();
  const context = await newContext(browser, { baseURL: stack.url });
  page = await context.newPage();
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

function inPage<T>(expression: string): Promise<T> {
  return page.evaluate<T>(expression);
}

describe('Cognito hosted sign-in in the browser', () => {
  it('answers cognito from /api/auth/config and refuses a token it did not issue', async () => {
    const config = (await (await fetch(`${stack?.url}/api/auth/config`)).json()) as Record<string, unknown>;
    expect(config).toMatchObject({ mode: 'cognito', clientId: fake?.clientId, domain: fake?.url, userPoolId: fake?.userPoolId });
    const forged = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: SUB, 'custom:tenantId': 'ten_x', iss: fake?.issuer, aud: fake?.clientId })).toString('base64url')}.`;
    expect((await fetch(`${stack?.url}/api/me`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
    expect((await fetch(`${stack?.url}/api/auth/local/sign-in`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('signs in through the hosted UI, refreshes the first token once, and lands on the page first asked for', async () => {
    // Prepare: watch what the browser asks the hosted UI.
    const authorizeRequests: Request[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${fake?.url}/oauth2/authorize`)) authorizeRequests.push(request);
    });

    // Act: a signed-out visit to Add source, then Sign in.
    await page.goto('/sources/new');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/sources/new');
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Assess: back on Add source, signed in as the Cognito user of the provisioned tenant.
    await page.getByRole('heading', { name: 'Add source', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sources/new');
    await expect.poll(() => page.getByTestId('tenant-name').textContent()).toBe(TENANT_NAME);
    expect(await page.getByTestId('user-email').textContent()).toBe(EMAIL);
    const authorize = new URL(authorizeRequests[0]?.url() ?? 'http://invalid/');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${stack?.url}/auth/callback`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scope')).toBe('openid email profile');
    // The code was traded (PKCE checked by the fake), and the tenant-less token refreshed exactly once.
    expect(fake?.calls).toEqual(['authorize', 'token:authorization_code', 'token:refresh_token']);
    // Nothing of the round trip is left in the address bar or in this tab's storage.
    expect(new URL(page.url()).search).toBe('');
    expect(await inPage<string | null>("sessionStorage.getItem('vtrack.cognito.pending')")).toBeNull();
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

  it('renews an expired ID token with the refresh token instead of signing the user out', async () => {
    // Prepare: the stored ID token is past its expiry.
    await inPage(`localStorage.setItem('vtrack.session', JSON.stringify({
      ...JSON.parse(localStorage.getItem('vtrack.session')), expiresAt: '2000-01-01T00:00:00.000Z' }))`);
    const refreshesBefore = fake?.calls.filter((call) => call === 'token:refresh_token').length ?? 0;

    // Act
    const me = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/me');
    await page.goto('/sources');

    // Assess: still signed in, after one more refresh.
    await page.getByRole('heading', { name: 'Sources', level: 1 }).waitFor();
    // The page saves the session again when /api/me answers; the next test edits it only after that.
    const meAnswer = await me;
    await meAnswer.finished();
    expect(meAnswer.status()).toBe(200);
    await page.getByRole('heading', { name: 'Connect your first video source' }).waitFor();
    expect(fake?.calls.filter((call) => call === 'token:refresh_token').length).toBe(refreshesBefore + 1);
    expect(await inPage<string>("JSON.parse(localStorage.getItem('vtrack.session')).expiresAt")).not.toBe('2000-01-01T00:00:00.000Z');
  });

  it('sends a session that can no longer be renewed to sign-in, and back to the same page afterwards', async () => {
    // Prepare: the ID token has expired and Cognito no longer takes the refresh token.
    fake?.revokeRefreshTokens();
    await inPage(`localStorage.setItem('vtrack.session', JSON.stringify({
      ...JSON.parse(localStorage.getItem('vtrack.session')), expiresAt: '2000-01-01T00:00:00.000Z' }))`);

    // Act
    await page.goto('/sources/new');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/sources/new');
    await page.getByText('Your session has ended').waitFor();
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Assess: through the hosted UI again and back where the user was.
    await page.getByRole('heading', { name: 'Add source', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sources/new');
    await expect.poll(() => page.getByTestId('tenant-name').textContent()).toBe(TENANT_NAME);
    expect(fake?.calls.slice(-2)).toEqual(['authorize', 'token:authorization_code']);
  });

  it('signs out through the hosted UI’s logout and comes back to sign-in', async () => {
    // Act
    await page.getByRole('button', { name: 'Sign out' }).click();

    // Assess
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(fake?.calls.at(-1)).toBe('logout');
    expect(await page.getByTestId('tenant-name').count()).toBe(0);
    expect(await inPage<string | null>("localStorage.getItem('vtrack.session')")).toBeNull();
    expect(await inPage<string | null>("localStorage.getItem('vtrack.cognito')")).toBeNull();
    expect(pageErrors).toEqual([]);
  });
});
