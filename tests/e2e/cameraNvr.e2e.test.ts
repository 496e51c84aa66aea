/**
 * A camera's NVR and its backfill in headless Chromium against the local
 * stack: a shop (signed up through the API, then signed in on the page) has a
 * camera added through the camera routes, its agent answering over HTTP as
 * vtrack-agent does; the agent's heartbeat reports ranges pulled from the
 * recorder, shown on the camera's card; the edit form's NVR fields name a bad
 * address at the field and save a good one, which the API then returns; the
 * choice to take the camera's footage from that NVR instead of recording it
 * is saved, sent to the agent, said on the card, and can be undone.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraRequestView, SiteCameraView, SiteCamerasView } from '../../core/api/cameraOnboardingApi';
import type { AgentConfig } from '../../core/edge/agentConfigSchema';
import { enrolNewAgent } from '../support/agentShops';
import { ApiClient } from '../support/localStackHarness';
import { startBrowserStack, type BrowserStack } from './support/browserStack';

const EMAIL = 'owner@kho-nvr.test';
const PASSWORD = 'correct horse battery';

let web: BrowserStack | undefined;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  web = await startBrowserStack('camnvr');
  ({ page, errors: pageErrors } = await web.newPage());
}, 240_000);

afterAll(() => web?.close());

describe('A camera’s NVR in the browser', () => {
  it('shows the footage filled from the recorder, saves the NVR with its channel after naming a bad address, and takes the camera’s footage from it when asked', async () => {
    // Prepare: a shop with a camera its agent added and a heartbeat with two backfill ranges.
    const url = web?.url ?? '';
    const anonymous = new ApiClient(url);
    const { client: shop } = await anonymous.signUp(EMAIL, 'Kho Nhà Bè', PASSWORD);
    const { agentId, agent } = await enrolNewAgent(anonymous, shop, 'Máy kho Nhà Bè');
    const probe = await shop.call<CameraRequestView>('POST', '/api/cameras/probes', { agentId, address: '192.168.1.64', username: 'admin', password: 'mật-khẩu-9!' });
    const answer = { ok: true, manufacturer: 'HIKVISION', model: 'DS-2CD1023G0E-I', profiles: [{ token: 'Profile_1', name: 'mainStream', encoding: 'H264', width: 1280, height: 720, fps: 15, rtspUrl: 'rtsp://192.168.1.64:554/Streaming/Channels/101' }] };
    expect((await agent.call('POST', '/api/agent/camera-requests/answer', { requestId: probe.body.requestId, answer })).status).toBeLessThan(300);
    const added = await shop.call<SiteCameraView>('POST', '/api/cameras', { probeId: probe.body.requestId, profileToken: 'Profile_1', name: 'Bàn đóng gói 2' });
    expect(added.status).toBe(201);
    const now = Date.now();
    const range = (minutesAgo: number, length: number) => ({ from: new Date(now - minutesAgo * 60_000).toISOString(), to: new Date(now - (minutesAgo - length) * 60_000).toISOString() });
    const heartbeat = {
      version: '0.1.0', hostname: 'kho-nha-be', uptimeSec: 600, disk: { usedBytes: 1_000_000_000, freeBytes: 90_000_000_000 }, queueDepth: 0, uploadBytesPerSec: 0, sources: [],
      cameras: [
        {
          cameraId: added.body.cameraId, state: 'recording', error: null, restarts: 1, segments: 40, lastSegmentAt: new Date(now - 60_000).toISOString(), gaps: [],
          backfill: [
            { ...range(30, 5), reason: 'gap', state: 'done', attempts: 1, segments: 2, via: 'isapi', lastError: null, nextTryAt: null },
            { ...range(90, 10), reason: 'gap', state: 'failed', attempts: 3, segments: 0, via: null, lastError: 'the recorder at 192.168.1.10:80 holds no footage for that camera and time', nextTryAt: null },
          ],
        },
      ],
    };
    expect((await agent.call('POST', '/api/agent/heartbeat', heartbeat)).status).toBe(204);

    // Act: sign in and open the camera.
    await page.goto('/sign-in');
    await page.locator('#email').fill(EMAIL);
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((next) => next.pathname === '/sources');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cameras' }).click();
    const card = page.getByTestId('added-camera').filter({ hasText: 'Bàn đóng gói 2' });
    await card.getByTestId('camera-backfill').getByText('Footage filled from the recorder (2)').click();

    // Assess: both ranges, with what happened.
    await card.getByText('Filled: 2 segments').waitFor();
    await card.getByText('Could not be filled').waitFor();
    // The recorder's words are worded from their code; its own text only under Details.
    await card.getByTestId('backfill-why').getByText('The recorder holds no footage for that camera and time').waitFor();
    const detail = card.getByTestId('camera-backfill').getByTestId('device-detail');
    expect(await detail.getByText('the recorder at 192.168.1.10:80 holds no footage').isVisible()).toBe(false);
    await detail.getByText('Details').click();
    await detail.getByText('the recorder at 192.168.1.10:80 holds no footage for that camera and time').waitFor();

    // Act: the NVR, with an address that is none, then a good one on channel 2.
    await card.getByRole('button', { name: 'Edit' }).click();
    const nvr = card.getByTestId('camera-nvr');
    await nvr.getByLabel('Pull this camera’s recordings from an NVR').check();
    await nvr.getByLabel('NVR address').fill('đầu ghi tầng 2');
    await nvr.getByLabel('NVR password').fill('Đầu-ghi#2026');
    await nvr.getByLabel('Channel of this camera on the NVR').fill('2');
    await nvr.getByRole('button', { name: 'Save recording source' }).click();
    await expect.poll(() => nvr.getByLabel('NVR address').getAttribute('aria-invalid')).toBe('true');
    expect(((await shop.call<SiteCamerasView>('GET', '/api/cameras/added')).body.items[0])?.nvr).toBeNull();
    await nvr.getByLabel('NVR address').fill('192.168.1.10:8000');
    await nvr.getByLabel('NVR address').press('Enter');
    await nvr.getByRole('status').getByText('Saved.').waitFor();

    // Assess: stored with its channel, the password never shown.
    const saved = (await shop.call<SiteCamerasView>('GET', '/api/cameras/added')).body.items[0];
    expect(saved?.nvr).toEqual({ address: '192.168.1.10:8000', username: 'admin', channel: 2 });
    expect(saved?.name).toBe('Bàn đóng gói 2');
    expect(saved?.capture).toBe('live');

    // Act: its footage is to be taken from that NVR instead of recorded from the camera.
    await nvr.getByLabel('Take footage from the NVR').check();
    await nvr.getByRole('button', { name: 'Save recording source' }).click();

    // Assess: stored and sent; the card says where its footage comes from, and the form shows the choice again.
    const capture = async () => (await shop.call<SiteCamerasView>('GET', '/api/cameras/added')).body.items[0]?.capture;
    await expect.poll(capture).toBe('nvr');
    expect((await agent.call<AgentConfig>('GET', '/api/agent/config')).body.cameras?.[0]).toMatchObject({ capture: 'nvr', nvr: { host: '192.168.1.10', port: 8000, channel: 2 } });
    await page.reload();
    await card.getByTestId('camera-capture').getByText('Footage taken from the NVR 192.168.1.10:8000, channel 2').waitFor();
    await card.getByRole('button', { name: 'Edit' }).click();
    expect(await card.getByTestId('camera-nvr').getByLabel('Take footage from the NVR').isChecked()).toBe(true);

    // Act: the agent reports its pulls from the NVR 12 minutes behind (a range waits and is being pulled).
    const behind = new Date(Date.now() - 12 * 60_000 - 10_000).toISOString();
    const following = { ...heartbeat.cameras[0], lastSegmentAt: behind, footageEverySeconds: 360, backfill: [], nvrFollow: { upTo: behind, waiting: 1, pulling: true, nextTryAt: null, lastPull: { from: new Date(Date.now() - 17 * 60_000).toISOString(), to: behind, segments: 1, via: 'isapi' } } };
    expect((await agent.call('POST', '/api/agent/heartbeat', { ...heartbeat, cameras: [following] })).status).toBe(204);
    await page.reload();

    // Assess: the card says how far behind the NVR pulls are, in English and in Vietnamese.
    await card.getByTestId('camera-nvr-follow').getByText('Taking footage from the NVR: 12 min behind · pulling now').waitFor();
    const session = await page.evaluate<string | null>(`localStorage.getItem('vtrack.session')`);
    const vietnamese = await (web as BrowserStack).newPage({ locale: 'vi-VN' });
    await vietnamese.page.goto('/');
    await vietnamese.page.evaluate(`localStorage.setItem('vtrack.session', ${JSON.stringify(session ?? '')})`);
    await vietnamese.page.goto('/cameras');
    await vietnamese.page.getByTestId('added-camera').filter({ hasText: 'Bàn đóng gói 2' }).getByTestId('camera-nvr-follow').getByText('Đang lấy video từ đầu ghi: chậm 12 phút · đang lấy').waitFor();
    expect(vietnamese.errors).toEqual([]);
    await card.getByRole('button', { name: 'Edit' }).click();

    // Act + Assess: back to recording from the camera.
    await card.getByTestId('camera-nvr').getByLabel('Record from the camera').check();
    await card.getByTestId('camera-nvr').getByRole('button', { name: 'Save recording source' }).click();
    await expect.poll(capture).toBe('live');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
