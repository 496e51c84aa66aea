/**
 * Adding a camera from the Cameras page in headless Chromium against the local
 * stack, with the agent's own parts in-process: WS-Discovery finds the ONVIF
 * device fake (reported in a heartbeat), the camera request poller answers the
 * page's probe and snapshot over HTTP with the agent's credential, and the
 * camera runtime records the configuration the cloud hands out from the
 * GStreamer RTSP server until a segment is queued.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../adapters/logging/logger';
import { discoverOnvifDevices } from '../../adapters/onvif/discoverOnvifDevices';
import { OnvifCamera } from '../../adapters/onvif/onvifCamera';
import { agentConfigSchema, type AgentConfig } from '../../core/edge/agentConfigSchema';
import { systemClock } from '../../core/ports/clock';
import { openAgentState, type AgentState } from '../../edge-agent/agentState';
import { CameraRequestPoller } from '../../edge-agent/cameras/cameraRequestPoller';
import { CameraRuntime } from '../../edge-agent/cameras/cameraRuntime';
import { CameraScout } from '../../edge-agent/cameras/cameraScout';
import { AgentApiClient } from '../../edge-agent/cloud/agentApiClient';
import { startLocalStack } from '../../infra/local/startLocalStack';
import { startDiscoveryResponder, startFakeOnvifDevice, type DiscoveryResponder, type FakeOnvifDevice } from '../fakes/onvif';
import { RTSP_FIXTURE_VIDEO, startRtspServer, type FakeRtspServer } from '../fakes/rtsp/startRtspServer';
import { closeBrowser, launchBrowser, newContext, watchForPageErrors } from './support/browser';
import { buildWeb } from './support/buildWeb';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const logger = makeLogger('warn', new Writable({ write: (_chunk, _e, done) => done() }));
const PASSWORD = 'mật-khẩu-9!';
const NO_HISTORY = 'No change in the last 30 days.';

let stack: { url: string; stop(): Promise<void> } | undefined;
let browser: Browser | undefined;
let page: Page;
let pageErrors: string[];
let rtsp: FakeRtspServer | undefined;
let device: FakeOnvifDevice | undefined;
let responder: DiscoveryResponder | undefined;
let state: AgentState;
let cameras: CameraRuntime | undefined;
const stopAgent = new AbortController();
/** The enrolled agent's credential, for the second test to read its configuration. */
let agentCredential = '';
const scratch: string[] = [];

beforeAll(async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vtrack-e2e-camadd-'));
  const agentDir = await mkdtemp(path.join(tmpdir(), 'vtrack-e2e-camadd-agent-'));
  const webDir = await buildWeb();
  scratch.push(dataDir, agentDir, webDir);
  state = await openAgentState(path.join(agentDir, 'state'));
  rtsp = await startRtspServer();
  // A real frame of the packing table as the camera's snapshot.
  const frame = await promisify(execFile)('ffmpeg', ['-loglevel', 'error', '-ss', '3', '-i', RTSP_FIXTURE_VIDEO, '-frames:v', '1', '-vf', 'scale=640:-2', '-f', 'mjpeg', '-'], { encoding: 'buffer', maxBuffer: 10_000_000 });
  device = await startFakeOnvifDevice({ username: 'admin', password: PASSWORD, rtspPort: Number(new URL(rtsp.url).port), snapshotJpeg: frame.stdout });
  responder = await startDiscoveryResponder([{ xaddrs: [`${device.deviceUrl}`], scopes: ['onvif://www.onvif.org/name/Camera%20B%C3%A0n%201', 'onvif://www.onvif.org/hardware/DS-2CD1023G0E-I'] }]);
  stack = await startLocalStack({ port: 0, dataDir, webDir, schedulerIntervalMs: 3_600_000, quiet: true });
  browser = await launchBrowser();
  page = await (await newContext(browser, { baseURL: stack.url })).newPage();
  pageErrors = watchForPageErrors(page);
}, 240_000);

afterAll(async () => {
  stopAgent.abort();
  await cameras?.stop();
  await closeBrowser(browser);
  await stack?.stop();
  await responder?.stop();
  await device?.stop();
  await rtsp?.stop();
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

const baseHeartbeat = { version: '0.1.0', hostname: 'kho-q7', uptimeSec: 60, disk: { usedBytes: 1_000_000_000, freeBytes: 90_000_000_000 }, queueDepth: 0, uploadBytesPerSec: 0, sources: [] };

describe('Adding a camera in the browser', () => {
  it('adds the camera the agent found: connects, shows its snapshot, names it, starts recording, and a segment is recorded', async () => {
    await page.goto('/sign-up');
    await page.getByLabel('Company or team name').fill('Kho Quận 7');
    await page.getByLabel('Email').fill('owner@kho-q7.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agents' }).click();
    await page.getByRole('button', { name: 'Add agent' }).click();
    await page.getByLabel('New agent’s name').fill('Máy kho Quận 7');
    await page.getByRole('button', { name: 'Add agent' }).click();
    const code = (await page.getByTestId('enrolment-code').textContent())?.trim() ?? '';
    const enrolled = await AgentApiClient.enrol(stack?.url ?? '', code);
    const client = new AgentApiClient(stack?.url ?? '', enrolled.credential);
    agentCredential = enrolled.credential;
    await page.getByRole('button', { name: 'Done' }).click();

    // The new agent's first configuration (no camera added yet) tells it to look for cameras, as vtrack-agent applies it:
    // WS-Discovery, here on loopback; it reports what answered.
    const first = agentConfigSchema.parse(await client.getConfig());
    const scout = new CameraScout({ discover: (options) => discoverOnvifDevices({ ...options, interfaces: ['127.0.0.1'], target: { address: responder?.address ?? '', port: responder?.port ?? 0 }, timeoutMs: 500 }), logger });
    scout.setEnabled(first.discoverCameras === true);
    await expect.poll(() => scout.discovered.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const found = scout.discovered;
    scout.stop();
    expect(found.map((camera) => `${camera.host}:${camera.port}`)).toEqual([`127.0.0.1:${device?.port}`]);
    await client.heartbeat({ ...baseHeartbeat, discoveredCameras: [...found] });

    // The agent answers the page's camera requests as vtrack-agent does.
    let config: AgentConfig | null = null;
    const poller = new CameraRequestPoller({ cloud: client, logger, connect: (target) => OnvifCamera.connect({ ...target, timeoutMs: 5_000 }), cameras: () => config?.cameras ?? [], snapshotEveryMs: 2_000 });
    void poller.run(stopAgent.signal);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cameras' }).click();
    const discovered = page.getByTestId('discovered-camera').filter({ hasText: `127.0.0.1:${device?.port}` });
    await discovered.getByRole('button', { name: 'Add this camera' }).click();
    const form = page.getByTestId('add-camera');
    await expect.poll(() => form.getByLabel('Camera address').inputValue()).toBe(`127.0.0.1:${device?.port}`);
    // A wrong password first: the form says so in plain words.
    await form.getByLabel('Camera password').fill('admin');
    await form.getByRole('button', { name: 'Connect' }).click();
    await form.getByRole('alert').filter({ hasText: 'The camera refused this user name or password' }).waitFor({ timeout: 60_000 });
    await form.getByLabel('Camera password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Connect' }).click();
    await form.getByTestId('camera-model').filter({ hasText: 'HIKVISION DS-2CD1023G0E-I' }).waitFor({ timeout: 60_000 });
    await form.getByLabel(/mainStream/).waitFor();
    const snapshot = form.getByTestId('camera-snapshot');
    await snapshot.waitFor({ timeout: 60_000 });
    await expect.poll(() => snapshot.evaluate((img) => { const image = img as unknown as { complete: boolean; naturalWidth: number }; return image.complete && image.naturalWidth; }), { timeout: 20_000 }).toBe(640);
    await form.getByLabel('Camera name').fill('Bàn đóng gói 1 — cửa sau');
    // Recording hours are set as the camera is added: every day, midnight to midnight (so it records now, whatever the hour).
    await form.getByText('Records all the time.', { exact: true }).waitFor();
    await form.getByRole('button', { name: 'Add hours' }).click();
    const hours = form.getByTestId('schedule-hours');
    await hours.getByLabel('Sun').check();
    await hours.getByLabel('From').fill('00:00');
    await hours.getByLabel('Until').fill('00:00');
    await page.screenshot({ path: path.join(screenshots, 'camera-add.png'), fullPage: true });
    await form.getByRole('button', { name: 'Start recording' }).click();
    const card = page.getByTestId('added-camera').filter({ hasText: 'Bàn đóng gói 1 — cửa sau' });
    await card.waitFor();

    // The agent's next configuration carries the camera (password opened for it alone) and recording starts without a restart.
    const pulled = agentConfigSchema.parse(await client.getConfig());
    expect(pulled.cameras).toEqual([
      expect.objectContaining({ name: 'Bàn đóng gói 1 — cửa sau', password: PASSWORD, rtspUrl: rtsp?.url, paused: false, schedule: [{ days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '00:00' }] }),
    ]);
    // Segments of 10 s rather than the default 5 minutes, so the test does not wait for a whole one.
    config = { ...pulled, cameras: (pulled.cameras ?? []).map((camera) => ({ ...camera, segmentSeconds: 10 })) };
    cameras = new CameraRuntime({ clock: systemClock, logger, queue: state.queue, recordingsDir: path.join(state.stateDir, 'recordings'), ffmpegPath: 'ffmpeg', firstBackoffMs: 500 });
    await cameras.applyConfig(config);
    await expect.poll(() => state.queue.depth(), { timeout: 60_000, interval: 500 }).toBeGreaterThanOrEqual(1);
    await client.heartbeat({ ...baseHeartbeat, cameras: cameras.heartbeat().cameras, discoveredCameras: [...found] });

    await card.getByTestId('camera-health').filter({ hasText: 'Healthy' }).waitFor({ timeout: 30_000 });
    await card.getByText('Last footage').waitFor();
    await card.getByTestId('camera-card-snapshot').waitFor({ timeout: 30_000 });
    await discovered.getByText('Added', { exact: true }).waitFor();
    await page.screenshot({ path: path.join(screenshots, 'cameras-added.png'), fullPage: true });

    // The camera's own source page shows its health badge and history, as the Cameras page does.
    const sourceId = pulled.cameras?.[0]?.sourceId ?? '';
    await page.goto(`/sources/${sourceId}`);
    await page.getByRole('heading', { name: 'Bàn đóng gói 1 — cửa sau' }).waitFor();
    const onSourcePage = page.getByTestId('source-camera-health').getByTestId('camera').filter({ hasText: 'Bàn đóng gói 1 — cửa sau' });
    await onSourcePage.getByTestId('camera-health').filter({ hasText: 'Healthy' }).waitFor({ timeout: 30_000 });
    // Its history opens and loads (a camera healthy since it was added may have no change yet).
    const history = onSourcePage.getByTestId('camera-history');
    const loaded = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/cameras/health/history');
    await history.getByText('History').click();
    expect((await loaded).status()).toBe(200);
    await history.getByTestId('camera-history-change').first().or(history.getByText(NO_HISTORY)).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cameras' }).click();

    // Pausing reaches the agent's configuration.
    await card.getByRole('button', { name: 'Pause recording' }).click();
    await card.getByTestId('camera-health').filter({ hasText: 'Paused' }).waitFor();
    expect(agentConfigSchema.parse(await client.getConfig()).cameras?.[0]?.paused).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 300_000);

  it('removes the camera after a confirmation, keeping its footage when the second question is declined: gone from the grid and from the agent', async () => {
    // Prepare: answer the two questions as a shop owner who keeps the footage.
    const card = page.getByTestId('added-camera').filter({ hasText: 'Bàn đóng gói 1 — cửa sau' });
    const questions: string[] = [];
    const answer = (dialog: Dialog) => {
      questions.push(dialog.message());
      void (questions.length === 1 ? dialog.accept() : dialog.dismiss());
    };
    page.on('dialog', answer);

    // Act
    await card.getByRole('button', { name: 'Remove' }).click();

    // Assess
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(0);
    page.off('dialog', answer);
    expect(questions).toEqual(['Remove Bàn đóng gói 1 — cửa sau? It stops recording. Its footage and orders are kept.', 'Also delete its footage and orders for good? Choose Cancel to keep them.']);
    // The agent's next configuration has no camera: it stops recording and says so in its next heartbeat.
    const client = new AgentApiClient(stack?.url ?? '', agentCredential);
    const config = agentConfigSchema.parse(await client.getConfig());
    expect(config.cameras ?? []).toEqual([]);
    await cameras?.applyConfig(config);
    await client.heartbeat({ ...baseHeartbeat, cameras: cameras?.heartbeat().cameras ?? [] });
    await page.getByText('No camera is being recorded yet.').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('added-camera').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
