/**
 * The Cameras page in headless Chromium against the local stack: an agent
 * reports (over HTTP, as vtrack-agent does) one camera recording, one that
 * stopped with gaps, and a camera it found on the LAN; the page shows each
 * camera's health badge with what is wrong, and the found camera.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentCall as agentApiCall, signUpInBrowser, startBrowserStack, type BrowserStack } from './support/browserStack';
import { agentHeartbeat, enrolAgentInBrowser } from './support/enrolAgentInBrowser';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

let web: BrowserStack | undefined;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  web = await startBrowserStack('cameras');
  ({ page, errors: pageErrors } = await web.newPage());
});

afterAll(() => web?.close());

const agentCall = (method: string, pathname: string, credential: string | null, body?: unknown): Promise<Response> => agentApiCall(web?.url ?? '', method, pathname, credential, body);

describe('Cameras in the browser', () => {
  it("shows each recorded camera's health with what is wrong, and the cameras an agent found", async () => {
    await signUpInBrowser(page, { teamName: 'Kho Đà Nẵng', email: 'owner@kho-dn.test' });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cameras' }).click();
    await page.getByRole('heading', { name: 'Cameras', level: 1 }).waitFor();
    await page.getByText('No camera is being recorded yet.').waitFor();

    const credential = await enrolAgentInBrowser(page, web?.url ?? '', 'Máy kho Đà Nẵng');
    const now = Date.now();
    const heartbeat = agentHeartbeat('kho-dn', {
      cameras: [
        { cameraId: 'ban-dong-goi-1', state: 'recording', error: null, restarts: 0, segments: 40, lastSegmentAt: new Date(now - 90_000).toISOString(), gaps: [] },
        { cameraId: 'ban-dong-goi-2', state: 'reconnecting', error: 'ffmpeg ended: Connection refused', restarts: 9, segments: 12, lastSegmentAt: new Date(now - 25 * 60_000).toISOString(), gaps: [{ from: new Date(now - 25 * 60_000).toISOString(), to: new Date(now - 60_000).toISOString(), reason: 'no new segment for 600 s (stream stalled)' }] },
      ],
      discoveredCameras: [{ endpoint: 'urn:uuid:2419d68a-2dd2-21b2-a205-ec7c5a1b2c3d', host: '192.168.1.108', port: 80, name: 'Dahua', hardware: 'IPC-HFW1230S', seenAt: new Date(now).toISOString() }],
    });
    expect((await agentCall('POST', '/api/agent/heartbeat', credential, heartbeat)).status).toBe(204);

    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cameras' }).click();
    const healthy = page.getByTestId('camera').filter({ hasText: 'ban-dong-goi-1' });
    await healthy.getByTestId('camera-health').filter({ hasText: 'Healthy' }).waitFor();
    const broken = page.getByTestId('camera').filter({ hasText: 'ban-dong-goi-2' });
    await broken.getByTestId('camera-health').filter({ hasText: 'Offline' }).waitFor();
    expect(await broken.getByTestId('camera-problem').allTextContents()).toEqual([expect.stringContaining('nothing answered at the device’s address'), '24 minutes of footage missing in the last 24 hours']);
    // ffmpeg's own words only under Details, once asked for.
    await broken.getByTestId('device-detail').first().locator('summary').click();
    await broken.getByTestId('device-detail').first().getByText('ffmpeg ended: Connection refused').waitFor();
    const found = page.getByTestId('discovered-camera');
    await found.filter({ hasText: '192.168.1.108:80' }).waitFor();
    expect(await found.textContent()).toContain('Máy kho Đà Nẵng');
    await page.screenshot({ path: path.join(screenshots, 'cameras.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it("keeps each of an owner's header tabs on one line on a desktop screen and a narrow laptop", async () => {
    for (const width of [1280, 900]) {
      // Act
      await page.setViewportSize({ width, height: 800 });

      // Assess: a tab as tall as its one line of text (not "Find / order" on two), and nothing past the screen's edge.
      const tabs = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
      expect(await tabs.count()).toBe(7);
      const wrapped = await page.evaluate<string[]>(`[...document.querySelectorAll('nav[aria-label="Main"] a')].filter((link) => {
        const range = document.createRange();
        range.selectNodeContents(link);
        return range.getClientRects().length > 1;
      }).map((link) => link.textContent.trim())`);
      expect(wrapped, `at ${width} px`).toEqual([]);
      expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth'), `at ${width} px`).toBe(true);
    }
  });
});
