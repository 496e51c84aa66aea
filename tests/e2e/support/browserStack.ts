/**
 * The local stack serving a freshly built web app, with headless Chromium
 * beside it: what most browser test files start before their first test.
 * `newPage` opens a page in its own context (loopback only) and collects the
 * page's errors; `close` stops everything and removes the scratch folders.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../../../infra/local/startLocalStack';
import { closeBrowser, launchBrowser, newContext, watchForPageErrors, type ContextOptions } from './browser';
import { buildWeb } from './buildWeb';
import { startGoogleWebStack, type GoogleWebStack } from './googleWebStack';
import { ApiClient } from '../../support/localStackHarness';

export interface BrowserStack {
  readonly url: string;
  readonly stack: LocalStack;
  readonly browser: Browser;
  /** A new page on the stack's URL, and the list its errors are collected in. */
  newPage(options?: Omit<ContextOptions, 'baseURL'>): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/** `name` names the data folder (vtrack-e2e-<name>-…) so a leftover says whose it is. */
export async function startBrowserStack(name: string): Promise<BrowserStack> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `vtrack-e2e-${name}-`));
  const webDir = await buildWeb();
  const removeScratch = (): Promise<unknown> => Promise.all([dataDir, webDir].map((dir) => rm(dir, { recursive: true, force: true })));
  let stack: LocalStack | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await closeBrowser(browser);
    await stack?.stop();
    await removeScratch();
  };
  try {
    stack = await startLocalStack({ port: 0, dataDir, webDir, schedulerIntervalMs: 3_600_000, quiet: true });
    browser = await launchBrowser();
  } catch (error) {
    await close();
    throw error;
  }
  const [started, launched] = [stack, browser];
  return {
    url: started.url,
    stack: started,
    browser: launched,
    newPage: async (options = {}) => {
      const page = await (await newContext(launched, { ...options, baseURL: started.url })).newPage();
      return { page, errors: watchForPageErrors(page) };
    },
    close,
  };
}

/** Signs a new shop up through the sign-up page, as an owner would, and waits for the Sources page. */
export async function signUpInBrowser(page: Page, shop: { teamName: string; email: string; password?: string }): Promise<void> {
  await page.goto('/sign-up');
  await page.getByLabel('Company or team name').fill(shop.teamName);
  await page.getByLabel('Email').fill(shop.email);
  await page.getByLabel('Password').fill(shop.password ?? 'correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Sources' }).waitFor();
}

/** A call to the agent API as vtrack-agent makes it: bearer credential (or none, to enrol), JSON body. */
export function agentCall(baseUrl: string, method: string, pathname: string, credential: string | null, body?: unknown): Promise<Response> {
  return fetch(`${baseUrl}${pathname}`, {
    method,
    headers: { ...(credential === null ? {} : { authorization: `Bearer ${credential}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** The Google web stack (Drive fake) with Chromium beside it and one page open on it, its errors collected. */
export interface GoogleBrowserStack {
  readonly stack: GoogleWebStack;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly errors: string[];
  close(): Promise<void>;
}

/** What the Drive browser tests start before their first test; `env`: more settings for the handlers. */
export async function startGoogleBrowserStack(options: { env?: Readonly<Record<string, string>> } = {}): Promise<GoogleBrowserStack> {
  const [stack, browser] = await Promise.all([startGoogleWebStack(options), launchBrowser()]);
  const context = await newContext(browser, { baseURL: stack.url });
  const page = await context.newPage();
  return {
    stack,
    browser,
    context,
    page,
    errors: watchForPageErrors(page),
    close: async () => {
      await closeBrowser(browser);
      await stack.close();
    },
  };
}

/** The API as the page's signed-in user calls it (the session the web app keeps). */
export async function pageApi(page: Page, baseUrl: string): Promise<ApiClient> {
  const token = await page.evaluate<string>(`JSON.parse(localStorage.getItem('vtrack.session')).token`);
  return new ApiClient(baseUrl).withToken(token);
}
