/**
 * A local-folder source in headless Chromium against the local stack and a
 * real enrolled vtrack-agent: the form lists the tenant's agent, shows field
 * errors at once, asks the agent for the folder's files and previews their
 * cameras before anything is saved, and saves the source for that agent. The
 * Agents page then shows what agents report (last seen, version, uploads
 * waiting, disk clean-up), also at phone width.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceView } from '../../core/api/sourcesApi';
import { startLocalStack } from '../../infra/local/startLocalStack';
import { closeBrowser, launchBrowser, newContext, watchForPageErrors } from './support/browser';
import { buildWeb } from './support/buildWeb';

const AGENT = fileURLToPath(new URL('../../bin/vtrack-agent.mjs', import.meta.url));
const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

let stack: { url: string; stop(): Promise<void> } | undefined;
let browser: Browser | undefined;
let page: Page;
let pageErrors: string[];
let base: string;
let agent: ChildProcess | undefined;
const scratch: string[] = [];

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'vtrack-e2e-local-'));
  const webDir = await buildWeb();
  scratch.push(base, webDir);
  stack = await startLocalStack({ port: 0, dataDir: path.join(base, 'data'), webDir, schedulerIntervalMs: 3_600_000, quiet: true });
  browser = await launchBrowser();
  page = await (await newContext(browser, { baseURL: stack.url })).newPage();
  pageErrors = watchForPageErrors(page);
}, 300_000);

afterAll(async () => {
  if (agent !== undefined && agent.exitCode === null) {
    agent.kill('SIGTERM');
    await once(agent, 'exit');
  }
  await closeBrowser(browser);
  await stack?.stop();
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function runAgent(args: readonly string[]): Promise<number | null> {
  const child = spawn(process.execPath, [AGENT, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

async function agentCall(method: string, pathname: string, credential: string | null, body?: unknown): Promise<Response> {
  return fetch(`${stack?.url}${pathname}`, {
    method,
    headers: { ...(credential === null ? {} : { authorization: `Bearer ${credential}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe('a local-folder source in the browser', () => {
  it('picks the enrolled agent, shows field errors at once, previews the folder from the agent’s listing and saves', async () => {
    // Prepare: a shop, an agent enrolled with the real vtrack-agent, and an NVR export folder.
    const folder = path.join(base, 'Đầu ghi NVR', 'xuất');
    for (const camera of ['Quầy 1', 'Quầy 2']) {
      await mkdir(path.join(folder, camera, '2025-07-18'), { recursive: true });
      for (const time of ['093000', '094500']) await writeFile(path.join(folder, camera, '2025-07-18', `ch_20250718_${time}.mp4`), Buffer.alloc(4096, 7));
    }
    await writeFile(path.join(folder, 'ghi chú.txt'), 'not a video');
    await page.goto('/sign-up');
    await page.getByLabel('Company or team name').fill('Kho Bình Dương');
    await page.getByLabel('Email').fill('owner@kho-bd.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    await page.goto('/agents');
    await page.getByLabel('New agent’s name').fill('Máy kho Bình Dương');
    await page.getByRole('button', { name: 'Add agent' }).click();
    const code = (await page.getByTestId('enrolment-code').textContent())?.trim() ?? '';
    const stateDir = path.join(base, 'agent-state');
    expect(await runAgent(['enrol', '--api', stack?.url ?? '', '--code', code, '--state-dir', stateDir])).toBe(0);
    await page.getByRole('button', { name: 'Done' }).click();

    // Act: the form, all mistakes at once.
    await page.goto('/sources/new');
    await page.getByLabel('Local folder').check();
    const agentSelect = page.getByLabel('Agent', { exact: true });
    await agentSelect.locator('option', { hasText: 'Máy kho Bình Dương' }).waitFor({ state: 'attached' });
    expect(await agentSelect.inputValue()).not.toBe('');
    await page.getByLabel('Folder path').fill('xuất/Quầy 1');
    await page.getByLabel('Folder path').blur();
    await page.locator('#source-path-error').filter({ hasText: 'full path' }).waitFor();
    await page.getByRole('button', { name: 'Save and start syncing' }).click();
    await page.locator('#source-name-error').waitFor();
    expect(await page.getByTestId('field-error').count()).toBe(2);
    expect(await page.getByLabel('Folder path').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('source-path');

    // The agent lists the folder when it next checks in: here, when it starts.
    await page.getByLabel('Folder path').fill(folder);
    await page.locator('#source-path-error').waitFor({ state: 'detached' });
    await page.getByText('Asking the agent what this folder holds').waitFor();
    agent = spawn(process.execPath, [AGENT, 'run', '--state-dir', stateDir], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, LOG_LEVEL: 'warn' } });
    const preview = page.getByTestId('mapping-preview');
    await preview.getByText('The agent will take').waitFor({ timeout: 60_000 });
    expect(await preview.getByRole('status').textContent()).toContain('4 files');
    const cameras = preview.getByTestId('preview-camera');
    expect(await cameras.count()).toBe(2);
    expect(await cameras.nth(0).locator('input').first().getAttribute('placeholder')).toBe('Quầy 1');
    await preview.getByText('Skipped 1 file').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Đầu ghi — xuất');
    expect(await page.getByTestId('field-error').count()).toBe(0);
    await page.screenshot({ path: path.join(screenshots, 'add-source-local.png'), fullPage: true });
    await page.getByRole('button', { name: 'Save and start syncing' }).click();

    // Assess: saved for that agent, with the mapping the preview used.
    await page.getByRole('heading', { name: 'Đầu ghi — xuất', level: 1 }).waitFor();
    const sourceId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    const token = await page.evaluate<string>(`JSON.parse(localStorage.getItem('vtrack.session') ?? '{}').token ?? ''`);
    const saved = (await (await fetch(`${stack?.url}/api/sources/${sourceId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as SourceView;
    expect(saved.config).toMatchObject({ path: folder, agentId: expect.any(String), mapping: { layout: 'auto' } });
    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('shows last seen, version, uploads waiting and disk clean-up on the Agents page, on a phone too', async () => {
    // Prepare: a second agent reports a full disk and what its disk guard deleted.
    await page.goto('/agents');
    await page.getByLabel('New agent’s name').fill('Máy Quận 7');
    await page.getByRole('button', { name: 'Add agent' }).click();
    const code = (await page.getByTestId('enrolment-code').textContent())?.trim() ?? '';
    await page.getByRole('button', { name: 'Done' }).click();
    const enrolled = (await (await agentCall('POST', '/api/agent/enrol', null, { code })).json()) as { credential: string };
    const at = new Date().toISOString();
    const deleted = [
      { file: '/srv/nvr/Quầy 1/ch_20250718_093000.mp4', bytes: 1_000_000_000, reason: 'uploaded_oldest', at },
      { file: '/srv/nvr/Quầy 1/ch_20250718_093500.mp4', bytes: 500_000_000, reason: 'unreadable_reported', at },
      { file: '/srv/nvr/Quầy 1/ch_20250718_094500.mp4', bytes: 500_000_000, reason: 'not_uploaded_dropped', at },
    ];
    const heartbeat = { version: '0.0.1', hostname: 'kho-q7', uptimeSec: 60, disk: { usedBytes: 2_500_000_000, freeBytes: 91_000_000 }, queueDepth: 0, uploadBytesPerSec: 0, sources: [], diskCleanup: { refusingNew: true, deleted, moreDeleted: 0 }, uploadBacklog: 3 };
    expect((await agentCall('POST', '/api/agent/heartbeat', enrolled.credential, heartbeat)).status).toBe(204);

    // Act: a phone-sized page.
    await page.setViewportSize({ width: 360, height: 780 });
    const item = page.getByTestId('agent').filter({ hasText: 'Máy Quận 7' });

    // Assess
    await item.getByTestId('agent-backlog').filter({ hasText: '3 processed files' }).waitFor();
    const cleanup = item.getByTestId('agent-cleanup');
    await cleanup.getByText('The disk is full').waitFor();
    expect(await cleanup.textContent()).toMatch(/3 files \(2(\.0)? GB\) deleted: 1 already uploaded, oldest first; 1 unreadable, reported to the cloud, oldest first; 1 not uploaded yet, dropped/);
    expect(await item.getByTestId('agent-version').textContent()).toContain('update available');
    expect(await item.getByTestId('agent-last-seen').textContent()).not.toContain('never');
    const first = page.getByTestId('agent').filter({ hasText: 'Máy kho Bình Dương' });
    expect(await first.getByTestId('agent-cleanup').textContent()).toContain('nothing deleted so far');
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(screenshots, 'agents-phone.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
