/**
 * The product's whole loop in Chromium on synced footage (issue #13 "Find the
 * parcel"), against the local stack and the Drive protocol fake: a shop connects
 * Google Drive, chooses its camera folder, presses Sync now once the packing
 * footage is in it, watches the run find the orders, searches a tracking code
 * from the fixture's ground truth, plays, seeks and steps its clip frame by
 * frame, downloads it under the order's name, shares it with someone signed out
 * and turns the link off, then exports the clips of a pasted list as one ZIP.
 * Nothing is seeded: every order comes from the real sync and processing.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedFixtures } from '../integration/processing/helpers/paths';
import { readTruth } from '../integration/processing/helpers/truth';
import { closeBrowser, launchBrowser, newContext, watchForPageErrors } from './support/browser';
import { signUpInBrowser } from './support/browserStack';
import { startGoogleWebStack, type GoogleWebStack } from './support/googleWebStack';

const truth = readTruth(path.join(sharedFixtures, 'Cam1_20250718_093000.truth.json'));
/** One 90 s segment keeps the run short; its orders are the ones the search looks for. */
const FOOTAGE = truth.files[0]?.name ?? '';
/** Orders whose label shows in the segment, the one that runs on into the next segment included. */
const inFootage = truth.orders.filter((order) => order.files.includes(FOOTAGE));
const [wanted, second, third] = inFootage;
/** The shop's name for its camera (the files call it Cam1); Vietnamese, as the download's name keeps it. */
const CAMERA = 'Bàn đóng gói 1';
const CAMERA_IN_FILE = 'Bàn-đóng-gói-1';
const NOT_PACKED = 'GHN00000000001';
/** The fixture's frame rate (media README): a frame step moves by 1/15 s. */
const FIXTURE_FPS = 15;
/** The shop is in Vietnam, as the fixture's camera clock (UTC+07:00). */
const ZONE = 'Asia/Ho_Chi_Minh';
/** In-page expressions are strings: this file is type-checked without the DOM library. */
const VIDEO = '[data-testid="clip-video"]';

let stack: GoogleWebStack | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];
let folder: string;
let shareUrl: string;

beforeAll(async () => {
  // The Drive pacer's spacing has its own test; here it would only slow the sync.
  [stack, browser] = await Promise.all([startGoogleWebStack({ env: { GOOGLE_DRIVE_MIN_INTERVAL_MS: '0' } }), launchBrowser()]);
  context = await newContext(browser, { baseURL: stack.url, timezoneId: ZONE });
  page = await context.newPage();
  pageErrors = watchForPageErrors(page);
  folder = stack.fake.drive.addFolder({ name: 'Camera bàn đóng gói' });
}, 120_000);

afterAll(async () => {
  await closeBrowser(browser);
  await stack?.close();
});

const latestRun = (): ReturnType<Page['locator']> => page.getByTestId('run-table').locator('tbody tr').first();

/** What the page's clip video reports (currentTime, duration, readyState, ended…). */
function video<T extends number | boolean = number>(on: Page, property: string): Promise<T> {
  return on.evaluate<T>(`document.querySelector('${VIDEO}').${property}`);
}

/**
 * Presses Play and waits until the clip has really moved on, with a decoded
 * frame at hand (readyState 2 or more); polled, as the site's CSP refuses the
 * eval that waitForFunction needs. Answers where it got to.
 */
async function playsOn(on: Page): Promise<number> {
  await on.getByTestId('clip-video').waitFor();
  const from = await video(on, 'currentTime');
  await on.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => video(on, 'currentTime'), { timeout: 20_000 }).toBeGreaterThan(from + 0.5);
  expect(await video(on, 'readyState')).toBeGreaterThanOrEqual(2);
  return video(on, 'currentTime');
}

/** What python3's zipfile reads in an archive: each entry's name and its size, the CSV's text; a damaged archive fails. */
async function readZip(file: string): Promise<Record<string, string | number>> {
  const script = 'import sys,zipfile,json\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps({i.filename: z.read(i).decode("utf-8-sig") if i.filename.endswith(".csv") else len(z.read(i)) for i in z.infolist()}))';
  const { stdout } = await promisify(execFile)('python3', ['-c', script, file]);
  return JSON.parse(stdout) as Record<string, string | number>;
}

describe('the whole loop on footage synced from Google Drive', () => {
  it('connects Drive, chooses the camera folder and saves the source', { timeout: 120_000 }, async () => {
    // Prepare
    if (!wanted || !second || !third) throw new Error('the fixture has fewer than three orders in its first segment');
    await signUpInBrowser(page, { teamName: 'Kho Bình Thạnh', email: 'chu@kho-binh-thanh.test' });

    // Act: the consent round trip through the fake, then the folder.
    await page.getByRole('link', { name: 'Add your first source' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Drive kho');
    await page.getByRole('button', { name: 'Connect Google Drive' }).click();
    await page.getByTestId('connected-account').waitFor();
    await page.getByRole('button', { name: 'Open My Drive' }).click();
    await page.getByRole('checkbox', { name: 'Camera bàn đóng gói', exact: true }).check();
    await page.getByRole('button', { name: 'Save and start syncing' }).click();

    // Assess: the source page; its first run (an empty folder still) ends.
    await page.getByRole('heading', { name: 'Drive kho', level: 1 }).waitFor();
    await expect.poll(() => latestRun().getAttribute('data-run-status'), { timeout: 90_000, interval: 500 }).toBe('succeeded');
  });

  it('names the camera once its recording is in the folder', async () => {
    // Prepare: the camera's recording lands in the folder.
    stack?.fake.drive.addFile({ name: FOOTAGE, parentId: folder, content: await readFile(path.join(sharedFixtures, FOOTAGE)) });

    // Act
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit Drive kho' }).waitFor();
    await page.getByLabel('Name for camera Cam1').fill(CAMERA);
    await page.getByRole('button', { name: 'Save changes' }).click();

    // Assess
    await page.getByRole('heading', { name: 'Drive kho', level: 1 }).waitFor();
  });

  it('syncs the footage now and shows the run finding its orders until it is complete', { timeout: 200_000 }, async () => {
    // Prepare
    await expect.poll(() => latestRun().getAttribute('data-run-status')).toBe('succeeded');
    const runs = await page.getByTestId('run-table').locator('tbody tr').count();

    // Act
    await page.getByRole('button', { name: 'Sync now' }).click();

    // Assess: a new run whose processing is shown while it works and when it is done.
    await expect.poll(() => page.getByTestId('run-table').locator('tbody tr').count(), { timeout: 20_000 }).toBe(runs + 1);
    const processing = latestRun().getByTestId('run-processing');
    // Generous: the sync and ffmpeg share two cores with other suites on CI (about 40 s alone, 110 s under load).
    await processing.waitFor({ timeout: 90_000 });
    const whileRunning = await processing.textContent();
    await expect.poll(() => latestRun().getAttribute('data-run-status'), { timeout: 180_000, interval: 1000 }).toBe('succeeded');
    expect(await latestRun().textContent()).toContain('Sync now');
    await expect.poll(() => processing.textContent()).toMatch(new RegExp(`^\\s*${inFootage.length} orders found in 1 file\\s*$`));
    expect(whileRunning).toMatch(/^\s*(Finding orders: [01] of 1 file|\d+ orders? found in [01] files?)\s*$/);
  });

  it('finds a tracking code from the ground truth and shows its camera, start and duration', async () => {
    // Act
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Find order' }).click();
    await page.getByLabel('Tracking codes').fill(wanted?.code ?? '');
    await page.getByRole('button', { name: 'Search', exact: true }).click();

    // Assess: packed on Cam1 at the fixture's time (Vietnam's clock, GMT+7), for a few seconds.
    await page.getByTestId('search-counts').filter({ hasText: '1 of 1 found' }).waitFor();
    const row = await page.getByTestId('found-order').textContent();
    const start = new Date(wanted?.startAt ?? '');
    const clock = `${start.getUTCHours() + 7}:${String(start.getUTCMinutes()).padStart(2, '0')}`;
    expect(row).toContain(wanted?.code);
    expect(row).toMatch(new RegExp(`${CAMERA} · Jul 18, ${clock} AM GMT\\+7 · (\\d+) s`));
    const seconds = Number(/· (\d+) s/.exec(row ?? '')?.[1]);
    const visible = (Date.parse(wanted?.endAt ?? '') - start.getTime()) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(Math.floor(visible) - 1);
    expect(seconds).toBeLessThanOrEqual(Math.ceil(visible) + 2);
  });

  it('plays the clip, seeks near its end and plays on, and steps one frame of the clip at a time', { timeout: 60_000 }, async () => {
    // Act: play from the start.
    expect(await playsOn(page)).toBeGreaterThan(0.5);

    // Act: pause, seek near the end and play again.
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const duration = await video(page, 'duration');
    expect(duration).toBeGreaterThan(2);
    await page.evaluate(`document.querySelector('${VIDEO}').currentTime = ${duration - 1.5}`);
    const played = await playsOn(page);

    // Assess: it played on from near the end, to the end.
    expect(played).toBeGreaterThan(duration - 1);
    await expect.poll(() => video<boolean>(page, 'ended')).toBe(true);

    // Act: from a moment in the middle, one frame forward, then one back.
    await page.evaluate(`document.querySelector('${VIDEO}').currentTime = ${(duration / 2).toFixed(3)}`);
    await expect.poll(() => video(page, 'currentTime')).toBeCloseTo(duration / 2, 2);
    const before = await video(page, 'currentTime');
    await page.getByRole('button', { name: 'One frame forward' }).click();
    const forward = await video(page, 'currentTime');
    await page.getByRole('button', { name: 'One frame back' }).click();
    const back = await video(page, 'currentTime');

    // Assess: each press moves one frame of this 15 fps clip, so the picture really changes.
    expect(forward - before).toBeCloseTo(1 / FIXTURE_FPS, 2);
    expect(back).toBeCloseTo(before, 2);
    expect(await video<boolean>(page, 'paused')).toBe(true);
  });

  it('downloads the clip as <code>_<camera>_<local time>.mp4, an MP4 file', async () => {
    // Act
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);

    // Assess: named after the order, the camera and the clip's start on the shop's clock (a few seconds before the code shows).
    const name = download.suggestedFilename();
    const match = new RegExp(`^${wanted?.code}_${CAMERA_IN_FILE}_2025-07-18_09-30-(\\d\\d)\\.mp4$`).exec(name);
    expect(match, name).not.toBeNull();
    const startsAt = new Date(wanted?.startAt ?? '').getUTCSeconds();
    expect(Number(match?.[1])).toBeLessThanOrEqual(startsAt);
    expect(Number(match?.[1])).toBeGreaterThanOrEqual(startsAt - 15);
    const saved = await download.path();
    const bytes = await readFile(saved);
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
  });

  it('shares the clip with someone signed out, who sees the order and plays it', { timeout: 60_000 }, async () => {
    // Act
    await page.getByRole('button', { name: 'Create link' }).click();
    shareUrl = await page.getByTestId('share-url').inputValue();
    const stranger = await newContext(browser as Browser, { baseURL: stack?.url ?? '', timezoneId: ZONE });
    const visitor = await stranger.newPage();
    const visitorErrors = watchForPageErrors(visitor);
    await visitor.goto(new URL(shareUrl).pathname);

    // Assess: the order's code and when and where it was packed; the clip plays without a session.
    await visitor.getByTestId('shared-code').waitFor();
    expect(await visitor.getByTestId('shared-code').textContent()).toBe(wanted?.code);
    await visitor.getByText(`Packed Jul 18, 9:30 AM GMT+7 · ${CAMERA}`, { exact: true }).waitFor();
    expect(await playsOn(visitor)).toBeGreaterThan(0.5);
    expect(await visitor.evaluate<string | null>("localStorage.getItem('vtrack.session')")).toBeNull();
    expect(visitorErrors).toEqual([]);
    await stranger.close();
  });

  it('turns the link off, after which it says it is no longer available', async () => {
    // Act
    await page.getByRole('button', { name: 'Turn off' }).click();
    await page.getByText(/turned off/i).waitFor();
    const stranger = await newContext(browser as Browser, { baseURL: stack?.url ?? '', timezoneId: ZONE });
    const visitor = await stranger.newPage();
    await visitor.goto(new URL(shareUrl).pathname);

    // Assess
    const problem = visitor.getByTestId('share-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toBe('This link was turned off by the shop that shared it. Ask them for a new one.');
    expect(await visitor.getByTestId('clip-video').count()).toBe(0);
    await stranger.close();
  });

  it('exports the clips of a pasted list as one ZIP: a clip per found code and the results list', { timeout: 60_000 }, async () => {
    // Prepare
    const found = [wanted?.code ?? '', second?.code ?? '', third?.code ?? ''];
    await page.getByLabel('Tracking codes').fill([...found, NOT_PACKED].join('\n'));
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByTestId('search-counts').filter({ hasText: '3 of 4 found, 1 not found' }).waitFor();
    expect(await page.getByTestId('not-found').textContent()).toBe(NOT_PACKED);

    // Act
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: /^Download all clips/ }).click()]);

    // Assess: results.csv first, then one clip per found code, named as a single download is; the CSV lists the missing code too.
    expect(download.suggestedFilename()).toMatch(/^vtrack-export_\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d\.zip$/);
    const listing = await readZip(await download.path());
    const names = Object.keys(listing);
    expect(names[0]).toBe('results.csv');
    const clips = names.slice(1);
    expect(clips).toHaveLength(found.length);
    for (const code of found) expect(clips.filter((name) => new RegExp(`^${code}_${CAMERA_IN_FILE}_2025-07-18_09-\\d\\d-\\d\\d\\.mp4$`).test(name)), code).toHaveLength(1);
    for (const clip of clips) expect(listing[clip]).toBeGreaterThan(10_000);
    const csv = String(listing['results.csv']).split('\r\n');
    expect(csv[0]).toBe('code,status,camera,start,end,durationSec,clipState,file,note');
    for (const code of found) expect(csv.find((line) => line.startsWith(`${code},found,${CAMERA},2025-07-18 09:`))).toBeDefined();
    expect(csv).toContain(`${NOT_PACKED},not_found,,,,,,,`);
    await page.getByRole('status').filter({ hasText: /^3 clips, / }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
