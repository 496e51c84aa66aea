/**
 * Editing an added camera in headless Chromium against the local stack, with
 * the agent's camera request poller answering over HTTP and the ONVIF device
 * fake as the camera: recording hours and footage file length (bad ones named
 * under their field, nothing stored), the region of interest drawn on a
 * snapshot the camera takes now (mouse on a desktop, finger on a 360 px
 * phone), and a password change the camera must accept first; each reaches the
 * agent's configuration, and the Audit page names the changes. In English and
 * in Vietnamese, at desktop width and at 360 px.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../adapters/logging/logger';
import { OnvifCamera } from '../../adapters/onvif/onvifCamera';
import type { EnrolmentView } from '../../core/api/agentsApi';
import type { CameraRequestView, SiteCameraView } from '../../core/api/cameraOnboardingApi';
import { agentConfigSchema, type AgentConfig } from '../../core/edge/agentConfigSchema';
import { CameraRequestPoller } from '../../edge-agent/cameras/cameraRequestPoller';
import { AgentApiClient } from '../../edge-agent/cloud/agentApiClient';
import { startFakeOnvifDevice, type FakeOnvifDevice } from '../fakes/onvif';
import { RTSP_FIXTURE_VIDEO } from '../fakes/rtsp/startRtspServer';
import { ApiClient } from '../support/localStackHarness';
import { signUpInBrowser, startBrowserStack, type BrowserStack } from './support/browserStack';
import { dragWithFinger, dragWithMouse, expectRegion, pointOn, touchScreen } from './support/regionDrawing';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const logger = makeLogger('warn', new Writable({ write: (_chunk, _e, done) => done() }));
const PASSWORD = 'mật-khẩu-9!';
const NAME = 'Bàn đóng gói 2 — kho Thủ Đức (ca tối)';

let web: BrowserStack | undefined;
let device: FakeOnvifDevice | undefined;
let agent: AgentApiClient;
let session: string;
let cameraId: string;
const stopAgent = new AbortController();

const vi = JSON.parse(readFileSync(new URL('../../web/messages/vi.json', import.meta.url), 'utf8')) as Record<string, string>;

beforeAll(async () => {
  web = await startBrowserStack('cameras-edit');
  const frame = await promisify(execFile)('ffmpeg', ['-loglevel', 'error', '-ss', '3', '-i', RTSP_FIXTURE_VIDEO, '-frames:v', '1', '-vf', 'scale=640:-2', '-f', 'mjpeg', '-'], { encoding: 'buffer', maxBuffer: 10_000_000 });
  device = await startFakeOnvifDevice({ username: 'admin', password: PASSWORD, rtspPort: 8554, snapshotJpeg: frame.stdout });
  const { page } = await web.newPage();
  await signUpInBrowser(page, { teamName: 'Kho Thủ Đức', email: 'owner@kho-thu-duc.test' });
  session = await page.evaluate<string>(`localStorage.getItem('vtrack.session')`);
  await page.context().close();
  const api = new ApiClient(web.url).withToken((JSON.parse(session) as { token: string }).token);
  const made = await api.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy kho Thủ Đức' });
  const enrolled = await AgentApiClient.enrol(web.url, made.body.code);
  agent = new AgentApiClient(web.url, enrolled.credential);
  // The agent answers the page's camera requests as vtrack-agent does.
  const poller = new CameraRequestPoller({ cloud: agent, logger, connect: (target) => OnvifCamera.connect({ ...target, timeoutMs: 5_000 }), cameras: () => [], snapshotEveryMs: 3_600_000 });
  void poller.run(stopAgent.signal);
  const probe = await api.call<CameraRequestView>('POST', '/api/cameras/probes', { agentId: enrolled.agentId, address: `127.0.0.1:${device.port}`, username: 'admin', password: PASSWORD });
  for (const deadline = Date.now() + 60_000; (await api.call<CameraRequestView>('GET', `/api/cameras/requests/${probe.body.requestId}`)).body.state !== 'answered'; ) {
    if (Date.now() > deadline) throw new Error('the agent did not answer the probe within a minute');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  cameraId = (await api.call<SiteCameraView>('POST', '/api/cameras', { probeId: probe.body.requestId, profileToken: 'Profile_1', name: NAME })).body.cameraId;
}, 240_000);

afterAll(async () => {
  stopAgent.abort();
  await web?.close();
  await device?.stop();
});

async function cameraConfig(): Promise<NonNullable<AgentConfig['cameras']>[number] | undefined> {
  return agentConfigSchema.parse(await agent.getConfig()).cameras?.find((camera) => camera.cameraId === cameraId);
}

/** A signed-in page of the shop in that language and size, on the camera's open edit form. */
async function openForm(locale: 'en-US' | 'vi-VN', phone: boolean): Promise<{ page: Page; errors: string[]; card: Locator; form: Locator }> {
  const opened = await (web as BrowserStack).newPage({ locale, ...(phone ? { viewport: { width: 360, height: 740 }, touch: true } : {}) });
  await opened.page.goto('/');
  await opened.page.evaluate(`localStorage.setItem('vtrack.session', ${JSON.stringify(session)})`);
  await opened.page.goto('/cameras');
  const card = opened.page.getByTestId('added-camera').filter({ hasText: NAME });
  await card.getByRole('button', { name: locale === 'en-US' ? 'Edit' : vi['camera_edit'] }).click();
  return { ...opened, card, form: card.getByTestId('camera-edit') };
}

/** Takes a snapshot through the agent and waits until it is shown: the stage then has its final size. */
async function snapshotStage(form: Locator, button: string): Promise<Locator> {
  await form.getByRole('button', { name: button }).click();
  const stage = form.getByTestId('roi-stage');
  const image = stage.getByTestId('roi-snapshot');
  await image.waitFor({ timeout: 60_000 });
  await expect.poll(() => image.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth), { timeout: 20_000 }).toBe(640);
  await stage.scrollIntoViewIfNeeded();
  return stage;
}

async function widerThanScreen(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth');
}

describe('Editing a camera in the browser', () => {
  it('on a desktop in English: bad hours and file length are named and not stored, the region is drawn on a live snapshot, the password is saved only once the camera accepts it, and the Audit page says so', { timeout: 240_000 }, async () => {
    const { page, errors, card, form } = await openForm('en-US', false);

    // Hours that end before they start: named under the field; nothing stored.
    await form.getByText('Records all the time.', { exact: true }).waitFor();
    await form.getByRole('button', { name: 'Add hours' }).click();
    const hours = form.getByTestId('schedule-hours');
    await hours.getByLabel('Until').fill('07:00');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await form.getByTestId('field-error').filter({ hasText: 'must be after the start' }).waitFor();
    expect((await cameraConfig())?.schedule).toEqual([]);
    await hours.getByLabel('Until').fill('17:30');
    // Corrected: the error goes with the fault, before any new save.
    await expect.poll(() => form.getByTestId('field-error').filter({ hasText: 'must be after the start' }).count()).toBe(0);
    expect(await hours.getByLabel('Until').getAttribute('aria-invalid')).toBeNull();
    await hours.getByLabel('Sat').uncheck();

    // A file length of 5 seconds: named; nothing stored.
    const segment = form.getByLabel('Length of each footage file (seconds)');
    await segment.fill('5');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await form.getByTestId('field-error').filter({ hasText: 'must be at least 60 seconds' }).waitFor();
    expect(await cameraConfig()).toMatchObject({ segmentSeconds: 300, schedule: [] });
    await segment.fill('600');
    await expect.poll(() => form.getByTestId('field-error').filter({ hasText: 'must be at least 60 seconds' }).count()).toBe(0);

    // The region, drawn with the mouse on a snapshot the camera takes now.
    const stage = await snapshotStage(form, 'Draw on a snapshot from the camera');
    await dragWithMouse(page, await pointOn(stage, 0.55, 0.05), await pointOn(stage, 0.98, 0.5));
    await expect.poll(() => form.getByTestId('roi-summary').textContent()).toBe('Only this part is read: from 55% left and 5% top, 43% wide and 45% high.');
    await page.screenshot({ path: path.join(screenshots, 'camera-edit.png'), fullPage: true });
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await card.getByRole('status').filter({ hasText: 'Saved. The agent records with these settings' }).waitFor();
    const saved = await cameraConfig();
    expect(saved).toMatchObject({ schedule: [{ days: [1, 2, 3, 4, 5], start: '08:00', end: '17:30' }], segmentSeconds: 600, password: PASSWORD });
    expectRegion(saved?.roi, { x: 0.55, y: 0.05, width: 0.43, height: 0.45 });

    // The password was changed on the camera. The old one typed again is refused by the camera; nothing changes.
    const NEW_PASSWORD = 'Kho-Thủ-Đức 2026 ✓';
    device?.setPassword(NEW_PASSWORD);
    await card.getByRole('button', { name: 'Edit' }).click();
    const credentials = card.getByTestId('camera-password');
    await credentials.getByLabel('New camera password').fill('mật-khẩu-sai');
    await credentials.getByRole('button', { name: 'Check and save' }).click();
    await credentials.getByRole('alert').filter({ hasText: 'The camera refused this user name or password' }).waitFor({ timeout: 60_000 });
    expect((await cameraConfig())?.password).toBe(PASSWORD);
    await credentials.getByLabel('New camera password').fill(NEW_PASSWORD);
    await credentials.getByRole('button', { name: 'Check and save' }).click();
    await credentials.getByRole('status').filter({ hasText: 'The camera accepted it, and it is saved.' }).waitFor({ timeout: 60_000 });
    expect(await cameraConfig()).toMatchObject({ password: NEW_PASSWORD, segmentSeconds: 600 });
    expect(await credentials.getByLabel('New camera password').inputValue()).toBe('');

    await page.goto('/audit');
    const audit = page.getByTestId('audit');
    await audit.waitFor();
    const lines = await audit.locator('li').allTextContents();
    expect(lines.filter((line) => line.includes(`changed camera ${NAME}`))).toHaveLength(2);
    expect(lines.some((line) => line.includes(`added camera ${NAME}`))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('on a 360 px phone in Vietnamese: the form fits, the region is drawn with a finger on the snapshot and saved, and a refused password is said in Vietnamese', { timeout: 240_000 }, async () => {
    const { page, errors, card, form } = await openForm('vi-VN', true);
    await form.getByText(vi['camera_schedule'] ?? '', { exact: true }).waitFor();
    expect(await form.getByLabel(vi['camera_segment'] ?? '').inputValue()).toBe('600');
    expect(await widerThanScreen(page)).toBe(false);

    const stage = await snapshotStage(form, vi['camera_roi_draw'] ?? '');
    expect(await widerThanScreen(page)).toBe(false);
    await dragWithFinger(await touchScreen(page), await pointOn(stage, 0.1, 0.5), await pointOn(stage, 0.45, 0.95));
    await expect.poll(() => form.getByTestId('roi-summary').textContent()).toMatch(/^Chỉ đọc vùng này/);
    await page.screenshot({ path: path.join(screenshots, 'camera-edit-phone.png'), fullPage: true });
    await form.getByRole('button', { name: vi['save'], exact: true }).tap();
    await card.getByRole('status').filter({ hasText: vi['camera_saved'] ?? '' }).waitFor();
    expectRegion((await cameraConfig())?.roi, { x: 0.1, y: 0.5, width: 0.35, height: 0.45 });

    await card.getByRole('button', { name: vi['camera_edit'] }).tap();
    const credentials = card.getByTestId('camera-password');
    await credentials.getByLabel(vi['camera_password_new'] ?? '').fill('mật-khẩu-sai');
    await credentials.getByRole('button', { name: vi['camera_password_check'] }).tap();
    await credentials.getByRole('alert').filter({ hasText: vi['camera_error_wrong_password'] ?? '' }).waitFor({ timeout: 60_000 });
    expect(await widerThanScreen(page)).toBe(false);
    expect((await cameraConfig())?.password).not.toBe('mật-khẩu-sai');

    // The Audit page names the camera changes in Vietnamese too.
    await page.goto('/audit');
    await page.getByTestId('audit').waitFor();
    const lines = await page.getByTestId('audit').locator('li').allTextContents();
    expect(lines.filter((line) => line.includes(`đã sửa camera ${NAME}`)).length).toBeGreaterThanOrEqual(3);
    expect(lines.some((line) => line.includes(`đã thêm camera ${NAME}`))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('reads in Vietnamese on a desktop and in English on a 360 px phone', { timeout: 120_000 }, async () => {
    for (const [locale, phone, words] of [
      ['vi-VN', false, [vi['camera_schedule'], vi['camera_segment'], vi['camera_roi_title'], vi['camera_password_title']]],
      ['en-US', true, ['Recording hours', 'Length of each footage file (seconds)', 'Where labels are read', 'Camera user name and password']],
    ] as const) {
      const { page, errors, card } = await openForm(locale, phone);
      for (const word of words) await card.getByText(word ?? '', { exact: true }).first().waitFor();
      expect(await card.getByTestId('schedule-hours').count()).toBe(1);
      expect(await widerThanScreen(page)).toBe(false);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });
});
