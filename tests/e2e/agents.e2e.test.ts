/**
 * The Agents page in headless Chromium against the local stack: a tenant adds an
 * agent and is shown its one-time code and command; the agent enrols with it and
 * reports a heartbeat (as vtrack-agent does, over HTTP) and the page shows it
 * online with what it reported; revoking it stops the agent being served.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../../infra/local/startLocalStack';
import { closeBrowser, launchBrowser, newContext, watchForPageErrors } from './support/browser';
import { buildWeb } from './support/buildWeb';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

let stack: { url: string; stop(): Promise<void> } | undefined;
let browser: Browser | undefined;
let page: Page;
let pageErrors: string[];
const scratch: string[] = [];

beforeAll(async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vtrack-e2e-agents-'));
  const webDir = await buildWeb();
  scratch.push(dataDir, webDir);
  stack = await startLocalStack({ port: 0, dataDir, webDir, schedulerIntervalMs: 3_600_000, quiet: true });
  browser = await launchBrowser();
  page = await (await newContext(browser, { baseURL: stack.url })).newPage();
  pageErrors = watchForPageErrors(page);
  page.on('dialog', (dialog) => void dialog.accept());
});

afterAll(async () => {
  await closeBrowser(browser);
  await stack?.stop();
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function agentCall(method: string, pathname: string, credential: string | null, body?: unknown): Promise<Response> {
  return fetch(`${stack?.url}${pathname}`, {
    method,
    headers: { ...(credential === null ? {} : { authorization: `Bearer ${credential}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe('Agents in the browser', () => {
  it('adds an agent, shows its code and command, then shows it online after it enrols and reports', async () => {
    await page.goto('/sign-up');
    await page.getByLabel('Company or team name').fill('Kho Sài Gòn');
    await page.getByLabel('Email').fill('owner@kho.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Sources' }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agents' }).click();
    await page.getByRole('heading', { name: 'Agents' }).waitFor();
    await page.getByRole('button', { name: 'Add agent' }).click();
    await page.getByText('Give the agent a name').waitFor();
    await page.getByLabel('New agent’s name').fill('Máy tính kho Quận 7');
    await page.getByRole('button', { name: 'Add agent' }).click();

    const code = (await page.getByTestId('enrolment-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-Z2-9]{10}$/);
    expect(await page.getByTestId('enrolment-command').textContent()).toContain(`--code ${code}`);
    await page.getByTestId('agent').filter({ hasText: 'Waiting for enrolment' }).waitFor();
    await page.screenshot({ path: path.join(screenshots, 'agents-enrol.png'), fullPage: true });

    const enrolled = (await (await agentCall('POST', '/api/agent/enrol', null, { code })).json()) as { credential: string };
    const heartbeat = { version: '0.1.0', hostname: 'kho-q7', uptimeSec: 60, disk: { usedBytes: 2_500_000_000, freeBytes: 91_000_000_000 }, queueDepth: 2, uploadBytesPerSec: 0, sources: [] };
    expect((await agentCall('POST', '/api/agent/heartbeat', enrolled.credential, heartbeat)).status).toBe(204);

    await page.getByRole('button', { name: 'Done' }).click();
    const item = page.getByTestId('agent').filter({ hasText: 'Máy tính kho Quận 7' });
    await item.getByTestId('agent-state').filter({ hasText: 'Online' }).waitFor();
    await item.getByText('kho-q7').waitFor();
    await item.getByText('2 files').waitFor();
    await page.screenshot({ path: path.join(screenshots, 'agents.png'), fullPage: true });

    await item.getByRole('button', { name: 'Revoke' }).click();
    await item.getByTestId('agent-state').filter({ hasText: 'Revoked' }).waitFor();
    expect((await agentCall('GET', '/api/agent/config', enrolled.credential)).status).toBe(401);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
