/**
 * A local-folder source's page in headless Chromium after its edge agent
 * delivered footage (the agent API driven over HTTP as vtrack-agent drives
 * it): the files the agent processed (and one it could not read on site),
 * one run for the hour's deliveries, and the agent itself, rather than a blank page.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolmentView, PartUrlView, UploadView } from '../../core/api/agentsApi';
import type { SourceView } from '../../core/api/sourcesApi';
import { cameraKey } from '../../core/cameras/cameraKey';
import { agentCall, pageApi, signUpInBrowser, startBrowserStack, type BrowserStack } from './support/browserStack';
import { agentHeartbeat } from './support/enrolAgentInBrowser';

let web: BrowserStack | undefined;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  web = await startBrowserStack('local-page');
  ({ page, errors: pageErrors } = await web.newPage());
}, 300_000);

afterAll(() => web?.close());

describe('a local-folder source’s page after delivery', () => {
  it('shows the files the agent delivered, the one it could not read with why, one run for the hour and the agent watching the folder', { timeout: 120_000 }, async () => {
    // Prepare: a shop, an enrolled agent with a local folder, checking in.
    const url = web?.url ?? '';
    await signUpInBrowser(page, { teamName: 'Kho Thủ Đức', email: 'owner@kho-thu-duc.test' });
    const api = await pageApi(page, url);
    const made = await api.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy kho Thủ Đức' });
    const { credential } = (await (await agentCall(url, 'POST', '/api/agent/enrol', null, { code: made.body.code })).json()) as { credential: string };
    const agent = async <T>(pathname: string, body: unknown): Promise<T> => (await (await agentCall(url, 'POST', pathname, credential, body)).json()) as T;
    const mapping = { layout: 'auto', timeZone: '+07:00', renames: {}, excluded: [] };
    const source = await api.call<SourceView>('POST', '/api/sources', { type: 'local', name: 'Đầu ghi kho', intervalMinutes: 30, config: { path: '/srv/nvr', agentId: made.body.agent.id, settleSeconds: 5, mapping } });
    const sourceId = source.body.id;
    expect((await agentCall(url, 'POST', '/api/agent/heartbeat', credential, agentHeartbeat('kho-td', { sources: [{ sourceId, state: 'watching', error: null }] }))).status).toBe(204);

    // Act: the agent delivers one file whose original goes up and one kept on site.
    const camera = cameraKey('Quầy 1');
    const footage = Buffer.alloc(5000, 3);
    const digest = createHash('md5').update(footage).digest();
    const started = await agent<UploadView>('/api/agent/uploads', { kind: 'footage', sourceId, cameraId: camera, fileId: 'fp-5000-dddddddd', name: 'Quay1_20250718_093000.mp4', day: '2025-07-18', size: footage.length, md5Hex: digest.toString('hex') });
    const part = await agent<PartUrlView>('/api/agent/uploads/part-url', { uploadId: started.uploadId, partNumber: 1, contentMd5: digest.toString('base64') });
    const put = await fetch(part.url, { method: 'PUT', body: footage, headers: part.headers });
    await agent('/api/agent/uploads/complete', { uploadId: started.uploadId, parts: [{ partNumber: 1, etag: (put.headers.get('etag') ?? '').replaceAll('"', '') }] });
    const deliver = (name: string, fileId: string, recordedAt: string, size: number, uploaded: boolean) =>
      agentCall(url, 'POST', '/api/agent/events', credential, {
        sourceId,
        cameraId: camera,
        from: recordedAt,
        to: new Date(Date.parse(recordedAt) + 90_000).toISOString(),
        events: [],
        file: { fileId, name, relativePath: `Quầy 1/2025-07-18/${name}`, day: '2025-07-18', size, recordedAt, uploaded },
      });
    expect((await deliver('Quay1_20250718_093000.mp4', 'fp-5000-dddddddd', '2025-07-18T02:30:00.000Z', footage.length, true)).status).toBe(200);
    expect((await deliver('Quay1_20250718_093130.mp4', 'fp-4000-eeeeeeee', '2025-07-18T02:31:30.000Z', 4000, false)).status).toBe(200);
    const unreadable = { fileId: 'fp-3000-ffffffff', name: 'Quay1_20250718_093300.mp4', relativePath: 'Quầy 1/2025-07-18/Quay1_20250718_093300.mp4', day: '2025-07-18', size: 3000, recordedAt: '2025-07-18T02:33:00.000Z' };
    const reported = await agentCall(url, 'POST', '/api/agent/unprocessable-files', credential, { sourceId, cameraId: camera, file: unreadable, error: 'moov atom not found' });
    expect(reported.status).toBe(200);
    await page.goto(`/sources/${sourceId}`);

    // Assess
    await page.getByRole('heading', { name: 'Đầu ghi kho', level: 1 }).waitFor();
    await expect.poll(() => page.getByTestId('source-agent').textContent(), { timeout: 15_000 }).toMatch(/Máy kho Thủ Đức · Online\s*watching the folder/);
    expect(await page.getByTestId('source-totals').textContent()).toContain('1 file');
    const stored = page.getByTestId('file').filter({ hasText: 'Quay1_20250718_093000.mp4' });
    const kept = page.getByTestId('file').filter({ hasText: 'Quay1_20250718_093130.mp4' });
    await stored.waitFor();
    expect([await stored.getAttribute('data-status'), await kept.getAttribute('data-status')]).toEqual(['done', 'skipped']);
    expect(await stored.textContent()).toContain('Quầy 1');
    expect(await kept.textContent()).toContain('the original stays on the agent');
    const broken = page.getByTestId('file').filter({ hasText: 'Quay1_20250718_093300.mp4' });
    expect(await broken.getAttribute('data-status')).toBe('unprocessable');
    expect(await broken.textContent()).toContain('Not processed: the agent could not read this video on site: moov atom not found.');
    expect(await broken.textContent()).toContain('Could not be read');
    // The run history loads after the status poll: wait for it.
    const runs = page.getByTestId('run-table').locator('tbody tr');
    await expect.poll(() => runs.count(), { timeout: 15_000 }).toBe(1);
    expect(await runs.allTextContents()).toEqual([expect.stringContaining('Agent delivery')]);
    expect(pageErrors).toEqual([]);
  });
});
