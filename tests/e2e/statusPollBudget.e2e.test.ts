/**
 * What the source page's live status costs while a run goes on (issue #10
 * item 10): the real page in Chromium polls the real local stack over real
 * HTTP for a full minute of a Drive sync, through a TCP relay that counts
 * every byte the server sends in that minute (after the page's first load):
 * status lines, headers and bodies, 304s included. The worst case the page
 * shows: 20 files moving at once (4 batches of 5), with long Vietnamese names,
 * downloading slowly. The budget is 50 KB a minute.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceStatusView } from '../../core/api/sourcesApi';
import { connectGoogle } from '../support/googleStack';
import { ApiClient } from '../support/localStackHarness';
import { closeBrowser, launchBrowser, newContext, watchForPageErrors } from './support/browser';
import { startGoogleWebStack, type GoogleWebStack } from './support/googleWebStack';

const BUDGET_BYTES_PER_MINUTE = 50 * 1024;
const WINDOW_MS = 60_000;
const FILES = 120;
/** Each download answers this much later: 20 at a time, the run lasts well beyond the measured minute. */
const DOWNLOAD_DELAY_MS = 15_000;

let stack: GoogleWebStack | undefined;
let browser: Browser | undefined;
let relay: ByteCountingRelay | undefined;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  [stack, browser] = await Promise.all([startGoogleWebStack({ env: { TRANSFER_BATCH_CONCURRENCY: '4', TRANSFER_FILE_CONCURRENCY: '5' } }), launchBrowser()]);
  relay = await startRelay(new URL(stack.url));
  page = await (await newContext(browser, { baseURL: relay.url })).newPage();
  pageErrors = watchForPageErrors(page);
}, 120_000);

afterAll(async () => {
  await closeBrowser(browser);
  await relay?.close();
  await stack?.close();
});

interface ByteCountingRelay {
  readonly url: string;
  /** Bytes the server sent to the browser while counting was on. */
  counted: number;
  counting: boolean;
  close(): Promise<void>;
}

/** A loopback TCP relay in front of the stack: what goes through it is what the browser really received. */
async function startRelay(target: URL): Promise<ByteCountingRelay> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    upstream.on('data', (chunk: Buffer) => {
      if (state.counting) state.counted += chunk.length;
    });
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const state: ByteCountingRelay = {
    url: `http://127.0.0.1:${port}`,
    counted: 0,
    counting: false,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return state;
}

describe('the source page while a run goes on', () => {
  it('costs under 50 KB a minute of status polling, and still shows the run moving', { timeout: 240_000 }, async () => {
    // Prepare: a signed-in shop, a Drive folder of long-named videos that download slowly, and its source syncing.
    await page.goto('/sign-up');
    await page.getByLabel('Company or team name').fill('Kho Tân Bình');
    await page.getByLabel('Email').fill('ops@poll-budget.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Sources', level: 1 }).waitFor();
    const token = await page.evaluate<string>(`JSON.parse(localStorage.getItem('vtrack.session')).token`);
    const api = new ApiClient(stack?.url ?? '').withToken(token);
    const counter = relay as ByteCountingRelay;
    const { id: connectionId } = await connectGoogle(api);
    const drive = stack?.fake.drive;
    const folder = drive?.addFolder({ name: 'Camera quầy đóng gói hàng hóa số một' }) ?? '';
    const longName = 'Ghi hình quầy đóng gói đơn hàng thương mại điện tử buổi sáng ca một nhân viên Nguyễn Thị Hồng Nhung';
    for (let i = 0; i < FILES; i += 1) drive?.addFile({ name: `Cam1_20250718_${String(80000 + i * 30).padStart(6, '0')} ${longName}.mp4`, parentId: folder, content: Buffer.from(`clip ${i}`) });
    stack?.fake.faults.add({ match: { operation: 'files.get.media' }, times: 10_000, respond: { delayMs: DOWNLOAD_DELAY_MS } });
    const created = await api.call<{ id: string }>('POST', '/api/sources', { type: 'google_drive', name: 'Quầy Tân Bình', intervalMinutes: 60, config: { connectionId, folderIds: [folder] } });
    const sourceId = created.body.id;
    const status = async (): Promise<SourceStatusView> => (await api.call<SourceStatusView>('GET', `/api/sources/${sourceId}/status`)).body;
    await expect.poll(async () => (await status()).progress?.phase, { timeout: 60_000, interval: 250 }).toBe('transferring');

    // Act: the page open for a minute of the run, every byte it receives counted.
    const asked: string[] = [];
    page.on('request', (request) => {
      if (counter.counting) asked.push(new URL(request.url()).pathname);
    });
    await page.goto(`/sources/${sourceId}`);
    await page.getByRole('heading', { name: 'Quầy Tân Bình', level: 1 }).waitFor();
    // The page's first full load (files list, runs, storage) is not the polling; the minute starts once it is done.
    await page.waitForLoadState('networkidle');
    counter.counting = true;
    const storedAtStart = (await status()).progress?.filesStored ?? 0;
    await page.waitForTimeout(WINDOW_MS);
    counter.counting = false;
    const during = await status();
    const bytes = counter.counted;

    // Assess: within budget, while the run really went on and the page kept up with it.
    const polls = asked.filter((path) => path.endsWith('/status'));
    console.info(`status polling: ${asked.length} requests (${polls.length} of the status), ${bytes} bytes received in ${WINDOW_MS / 1000} s`);
    expect(during.progress?.phase).toBe('transferring');
    expect(during.progress?.filesStored ?? 0).toBeGreaterThan(storedAtStart);
    expect(during.progress?.moving.length).toBeGreaterThanOrEqual(15);
    expect(polls.length).toBeGreaterThanOrEqual(10);
    expect(bytes).toBeLessThan(BUDGET_BYTES_PER_MINUTE);
    expect(await page.getByTestId('run-phase').getAttribute('data-phase')).toBe('transferring');
    expect(pageErrors).toEqual([]);
  });
});
