/**
 * The region of interest (issue #13 item 2) in Chromium, against the local
 * stack and the Drive fake: drawn over a frame of the camera's stored footage
 * with the mouse on a desktop and with a finger on a 360 px phone, saved, read
 * back through the API as fractions of the picture, and honoured by the CLI
 * (`vtrack process --roi` with the stored fractions reads only inside it).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceView } from '../../core/api/sourcesApi';
import { sharedFixtures } from '../integration/processing/helpers/paths';
import { connectGoogle } from '../support/googleStack';
import { ApiClient } from '../support/localStackHarness';
import { closeBrowser, launchBrowser, newContext, watchForPageErrors } from './support/browser';
import { startGoogleWebStack, type GoogleWebStack } from './support/googleWebStack';

const VTRACK = fileURLToPath(new URL('../../bin/vtrack.mjs', import.meta.url));
const FIXTURE = 'Cam1_20250718_093000.mp4';

interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

let stack: GoogleWebStack | undefined;
let browser: Browser | undefined;
let desktop: BrowserContext;
let page: Page;
let pageErrors: string[];
let api: ApiClient;
let session: string;
let sourceId: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startGoogleWebStack(), launchBrowser()]);
  desktop = await newContext(browser, { baseURL: stack.url });
  page = await desktop.newPage();
  pageErrors = watchForPageErrors(page);
  await page.goto('/sign-up');
  await page.getByLabel('Company or team name').fill('Kho Quận 7');
  await page.getByLabel('Email').fill('chu@kho-quan-7.test');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Sources', level: 1 }).waitFor();
  session = await page.evaluate<string>(`localStorage.getItem('vtrack.session')`);
  api = new ApiClient(stack.url).withToken((JSON.parse(session) as { token: string }).token);
  const { id: connectionId } = await connectGoogle(api);
  const folder = stack.fake.drive.addFolder({ name: 'Camera bàn đóng gói' });
  stack.fake.drive.addFile({ name: FIXTURE, parentId: folder, content: await readFile(path.join(sharedFixtures, FIXTURE)) });
  const created = await api.call<SourceView>('POST', '/api/sources', { type: 'google_drive', name: 'Bàn đóng gói 1', intervalMinutes: 60, config: { connectionId, folderIds: [folder] } });
  sourceId = created.body.id;
  // The first sync stores the video (a frame is drawn on stored footage only).
  const deadline = Date.now() + 60_000;
  while ((await api.call<{ total: number }>('GET', `/api/sources/${sourceId}/files?status=done`)).body.total < 1) {
    if (Date.now() > deadline) throw new Error('the first sync did not store the video within a minute');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}, 180_000);

afterAll(async () => {
  await closeBrowser(browser);
  await stack?.close();
});

/** Opens the source's settings and a frame of its footage; resolves once the frame's size is known, so the stage has its final size. */
async function openFrame(on: Page): Promise<Locator> {
  await on.goto(`/sources/${sourceId}/edit`);
  const settings = on.getByTestId('processing-settings');
  await settings.getByRole('button', { name: 'Draw on a frame of the footage' }).click();
  const stage = settings.getByTestId('roi-stage');
  await stage.locator('video').waitFor();
  // Polled with evaluate: the site's CSP refuses the string eval that waitForFunction would need.
  await expect.poll(() => stage.locator('video').evaluate((video) => (video as unknown as { readyState: number }).readyState)).toBeGreaterThanOrEqual(1);
  await stage.scrollIntoViewIfNeeded();
  return stage;
}

/** A point at fractions of the stage, in the viewport's CSS pixels. */
async function pointOn(stage: Locator, fx: number, fy: number): Promise<{ x: number; y: number }> {
  const box = await stage.boundingBox();
  if (box === null) throw new Error('the frame is not shown');
  return { x: box.x + fx * box.width, y: box.y + fy * box.height };
}

/** Presses Save and waits for the settings to be stored (the form answers 200 to its PATCH). */
async function save(on: Page, press: () => Promise<void>): Promise<void> {
  const answered = on.waitForResponse((response) => response.request().method() === 'PATCH' && response.url().endsWith(`/api/sources/${sourceId}`));
  await press();
  expect((await answered).status()).toBe(200);
}

async function storedRegion(): Promise<Region | null> {
  const source = await api.call<SourceView>('GET', `/api/sources/${sourceId}`);
  return (source.body.config as { processing?: { roi: Region | null } }).processing?.roi ?? null;
}

function expectRegion(actual: Region | null, expected: Region): void {
  expect(actual).not.toBeNull();
  // Within two pixels of the phone's frame (about 190 px high), where a finger's point lands.
  for (const side of ['x', 'y', 'width', 'height'] as const) expect(Math.abs((actual?.[side] ?? Number.NaN) - expected[side])).toBeLessThanOrEqual(0.011);
}

describe('region of interest in Chromium', () => {
  it('is drawn with the mouse on a desktop, saved, and read back as fractions of the picture', { timeout: 60_000 }, async () => {
    // Prepare
    const stage = await openFrame(page);
    const from = await pointOn(stage, 0.1, 0.5);
    const to = await pointOn(stage, 0.45, 0.95);

    // Act
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('roi-summary').textContent()).toBe('Only this part is read: from 10% left and 50% top, 35% wide and 45% high.');
    await save(page, () => page.getByRole('button', { name: 'Save order settings' }).click());

    // Assess
    expectRegion(await storedRegion(), { x: 0.1, y: 0.5, width: 0.35, height: 0.45 });
    expect(pageErrors).toEqual([]);
  });

  it('is drawn with a finger on a 360 px phone, a stray tap keeps it, and the CLI reads only inside the saved region', { timeout: 120_000 }, async () => {
    // Prepare: the same owner on a phone with a touch screen.
    const phone = await newContext(browser as Browser, { baseURL: stack?.url ?? '', viewport: { width: 360, height: 740 }, touch: true });
    const onPhone = await phone.newPage();
    const phoneErrors = watchForPageErrors(onPhone);
    await onPhone.goto('/');
    await onPhone.evaluate(`localStorage.setItem('vtrack.session', ${JSON.stringify(session)})`);
    const stage = await openFrame(onPhone);
    // The saved region shows once the source's settings have loaded.
    await expect.poll(() => onPhone.getByTestId('roi-summary').textContent()).toContain('from 10% left and 50% top');
    const cdp = await phone.newCDPSession(onPhone);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', at?: { x: number; y: number }) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: at === undefined ? [] : [{ x: at.x, y: at.y, radiusX: 4, radiusY: 4, force: 1, id: 1 }] });
    const from = await pointOn(stage, 0.55, 0.05);
    const to = await pointOn(stage, 0.98, 0.5);

    // Act: a drag with a finger, in small moves as a finger sends them.
    await touch('touchStart', from);
    for (let step = 1; step <= 10; step++) await touch('touchMove', { x: from.x + ((to.x - from.x) * step) / 10, y: from.y + ((to.y - from.y) * step) / 10 });
    await touch('touchEnd');
    const drawn = 'Only this part is read: from 55% left and 5% top, 43% wide and 45% high.';
    await expect.poll(() => onPhone.getByTestId('roi-summary').textContent()).toBe(drawn);
    // A tap on the frame (a finger resting to scroll, a slip) draws no zero-size region over it.
    const tap = await pointOn(stage, 0.3, 0.3);
    await touch('touchStart', tap);
    await touch('touchEnd');
    await expect.poll(() => onPhone.getByTestId('roi-summary').textContent()).toBe(drawn);
    await save(onPhone, () => onPhone.getByRole('button', { name: 'Save order settings' }).tap());

    // Assess: stored as fractions of the picture, and the CLI given those fractions reads only inside them.
    const region = await storedRegion();
    expectRegion(region, { x: 0.55, y: 0.05, width: 0.43, height: 0.45 });
    const out = await mkdtemp(path.join(tmpdir(), 'vtrack-roi-'));
    try {
      const roi = [region?.x, region?.y, region?.width, region?.height].join(',');
      await promisify(execFile)(process.execPath, [VTRACK, 'process', path.join(sharedFixtures, FIXTURE), '--roi', roi, '--clips', 'none', '--out', out], { timeout: 90_000 });
      const { events } = JSON.parse(await readFile(path.join(out, 'events.json'), 'utf8')) as { events: { trackingCodes: string[]; detections: { bbox: Region }[] }[] };
      // The label in the top right (SPXVN417776317, 3 s in) is inside; the picture is 1280 × 720.
      expect(events.flatMap((event) => event.trackingCodes)).toContain('SPXVN417776317');
      const inside = { left: (region?.x ?? 0) * 1280 - 2, top: (region?.y ?? 0) * 720 - 2, right: ((region?.x ?? 0) + (region?.width ?? 0)) * 1280 + 2, bottom: ((region?.y ?? 0) + (region?.height ?? 0)) * 720 + 2 };
      for (const { bbox } of events.flatMap((event) => event.detections)) {
        expect(bbox.x).toBeGreaterThanOrEqual(inside.left);
        expect(bbox.y).toBeGreaterThanOrEqual(inside.top);
        expect(bbox.x + bbox.width).toBeLessThanOrEqual(inside.right);
        expect(bbox.y + bbox.height).toBeLessThanOrEqual(inside.bottom);
      }
    } finally {
      await rm(out, { recursive: true, force: true });
      await phone.close();
    }
    expect(phoneErrors).toEqual([]);
  });
});
