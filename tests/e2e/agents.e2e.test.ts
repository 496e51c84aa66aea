/**
 * The Agents page in headless Chromium against the local stack: a tenant adds an
 * agent and is shown its one-time code and command; the agent enrols with it and
 * reports a heartbeat (as vtrack-agent does, over HTTP) and the page shows it
 * online with what it reported; revoking it stops the agent being served. An
 * agent is renamed on its card (Enter saves, Escape cancels); a blank or too
 * long name is refused at the field and changes nothing.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_VERSION } from '../../core/edge/agentVersion';
import { agentCall as agentApiCall, signUpInBrowser, startBrowserStack, type BrowserStack } from './support/browserStack';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

let web: BrowserStack | undefined;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  web = await startBrowserStack('agents');
  ({ page, errors: pageErrors } = await web.newPage());
  page.on('dialog', (dialog) => void dialog.accept());
});

afterAll(() => web?.close());

const agentCall = (method: string, pathname: string, credential: string | null, body?: unknown): Promise<Response> => agentApiCall(web?.url ?? '', method, pathname, credential, body);

describe('Agents in the browser', () => {
  it('adds an agent, shows its code and command, then shows it online after it enrols and reports', async () => {
    await signUpInBrowser(page, { teamName: 'Kho Sài Gòn', email: 'owner@kho.test' });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agents' }).click();
    await page.getByRole('heading', { name: 'Agents' }).waitFor();
    await page.getByRole('button', { name: 'Add agent' }).click();
    await page.getByText('Give the agent a name').waitFor();
    await page.getByLabel('New agent’s name').fill('Máy tính kho Quận 7');
    await page.getByRole('button', { name: 'Add agent' }).click();

    const code = (await page.getByTestId('enrolment-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-Z2-9]{10}$/);
    expect(await page.getByTestId('enrolment-command').textContent()).toContain(`--code ${code}`);
    // The one command for a fresh box: the release and its checksum from this stack's address, checked, installed, enrolled with this code.
    const site = web?.url ?? '';
    const release = `vtrack-agent-${AGENT_VERSION}`;
    expect(await page.getByTestId('enrolment-command').textContent()).toBe(
      `cd "$(mktemp -d)" && wget -q ${site}/downloads/${release}.tar.gz ${site}/downloads/${release}.tar.gz.sha256 && sha256sum -c ${release}.tar.gz.sha256 && tar -xzf ${release}.tar.gz && sudo bash ${release}/install.sh --api ${site} --code ${code}`,
    );
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

  it('renames an agent on its card: the new name stays after a reload, and a blank or too long name is refused and changes nothing', async () => {
    // Prepare: a second agent (the first was revoked above).
    await page.getByLabel('New agent’s name').fill('Máy quầy 2');
    await page.getByRole('button', { name: 'Add agent' }).click();
    await page.getByRole('button', { name: 'Done' }).click();
    const card = (name: string) => page.getByTestId('agent').filter({ has: page.getByText(name, { exact: true }) });
    const rename = card('Máy quầy 2').getByRole('button', { name: 'Rename' });
    const field = page.getByLabel('Agent name');
    // A finger target on a phone.
    expect((await rename.boundingBox())?.height).toBeGreaterThanOrEqual(44);

    // Act: a blank name, then one of 101 characters, each sent with Enter.
    await rename.click();
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe(await field.getAttribute('id'));
    await field.fill('   ');
    await field.press('Enter');
    await page.getByText('Agent name: enter a name').waitFor();
    await field.fill('M'.repeat(101));
    await field.press('Enter');
    await page.getByText('Agent name: at most 100 characters (this one has 101).').waitFor();
    for (const button of ['Save', 'Cancel']) expect((await card('Máy quầy 2').getByRole('button', { name: button }).boundingBox())?.height).toBeGreaterThanOrEqual(44);
    // Escape leaves the form without saving what was typed.
    await field.press('Escape');
    await rename.waitFor();
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.textContent?.trim()')).toBe('Rename');

    // Assess: nothing changed, also after a reload.
    await page.reload();
    await card('Máy quầy 2').waitFor();
    expect(await page.getByTestId('agent').filter({ hasText: 'MMMMMMMMMM' }).count()).toBe(0);

    // Act: a real name, saved with Enter.
    await card('Máy quầy 2').getByRole('button', { name: 'Rename' }).click();
    await field.fill('  Máy quầy 2 — Quận 7  ');
    await field.press('Enter');

    // Assess: the card shows the new name at once, and it is still there after a reload.
    await card('Máy quầy 2 — Quận 7').waitFor();
    await page.reload();
    await card('Máy quầy 2 — Quận 7').getByRole('button', { name: 'Rename' }).waitFor();
    expect(await page.getByTestId('agent').filter({ has: page.getByText('Máy quầy 2', { exact: true }) }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
