/**
 * The source page's one poll, during a real run against the Drive fake: counts
 * from the server, stored totals growing while files land, the phase moving
 * only forward, progress that never goes backwards, and 304 Not Modified when
 * nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunPhase, SourceStatusView, SourceView } from '../../../core/api/sourcesApi';
import { connectGoogle, startGoogleStack, type GoogleStack } from '../../support/googleStack';
import { ApiClient } from '../../support/localStackHarness';

const FILES = 8;
const KiB = 1024;

describe('GET /api/sources/{id}/status during a run', () => {
  let google: GoogleStack;
  let shop: ApiClient;
  let token: string;

  beforeAll(async () => {
    google = await startGoogleStack();
    const signedUp = await fetch(`${google.harness.stack.url}/api/auth/local/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@status.example', password: 'correct horse battery', tenantName: 'Trạng thái' }),
    });
    token = ((await signedUp.json()) as { token: string }).token;
    shop = new ApiClient(google.harness.stack.url, token);
  });
  afterAll(() => google.close());

  const status = async (etag?: string): Promise<{ code: number; etag: string | null; bytes: number; body: SourceStatusView | null }> => {
    const response = await fetch(`${google.harness.stack.url}/api/sources/${sourceId}/status`, {
      headers: { authorization: `Bearer ${token}`, ...(etag === undefined ? {} : { 'if-none-match': etag }) },
    });
    const text = await response.text();
    return { code: response.status, etag: response.headers.get('etag'), bytes: Buffer.byteLength(text), body: text === '' ? null : (JSON.parse(text) as SourceStatusView) };
  };
  let sourceId = '';

  it('reports a run truthfully from start to end', { timeout: 90_000 }, async () => {
    // Prepare: a folder of videos whose downloads are slow, so the run is watched while it moves.
    const folder = google.fake.drive.addFolder({ name: 'Kho hàng' });
    for (let i = 0; i < FILES; i += 1) {
      google.fake.drive.addFile({ name: `Cam1_20250718_09${String(i).padStart(2, '0')}00.mp4`, parentId: folder, content: { syntheticBytes: 64 * KiB, seed: i } });
    }
    google.fake.faults.add({ match: { operation: 'files.list' }, times: 2, respond: { delayMs: 1_500 } });
    google.fake.faults.add({ match: { operation: 'files.get.media' }, times: FILES, respond: { delayMs: 700 } });
    const connection = await connectGoogle(shop);

    // Act: create the source (its first sync starts at once) and poll as the page does.
    const created = await shop.call<SourceView>('POST', '/api/sources', { type: 'google_drive', name: 'Kho hàng', intervalMinutes: 15, config: { connectionId: connection.id, folderIds: [folder] } });
    sourceId = created.body.id;
    const seen: SourceStatusView[] = [];
    let etag: string | undefined;
    let notModified = 0;
    let largest = 0;
    const settled = google.harness.stack.settle().then(() => true);
    let finished = false;
    void settled.then(() => (finished = true));
    while (!finished) {
      const answer = await status(etag);
      if (answer.code === 304) notModified += 1;
      else {
        expect(answer.code).toBe(200);
        if (answer.body !== null) seen.push(answer.body);
        etag = answer.etag ?? undefined;
        largest = Math.max(largest, answer.bytes);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const end = await status();

    // Assess: the phases in order, never back.
    const order: RunPhase[] = ['starting', 'listing', 'transferring', 'finishing'];
    const phases = seen.flatMap((view) => (view.progress === null ? [] : [order.indexOf(view.progress.phase)]));
    expect(phases).toContain(order.indexOf('listing'));
    expect(phases).toContain(order.indexOf('transferring'));
    expect(phases).toEqual([...phases].sort((a, b) => a - b));
    // Counted on the server: every planned file, its bytes, and the bar's bytes only growing.
    const planned = seen.flatMap((view) => (view.progress?.planned ? [view.progress.planned] : []));
    expect(planned[0]).toEqual({ files: FILES, bytes: FILES * 64 * KiB });
    const done = seen.flatMap((view) => (view.progress?.planned ? [view.progress.bytesDone] : []));
    expect(done).toEqual([...done].sort((a, b) => a - b));
    // Stored totals grow during the run, not only at its end.
    const midway = seen.filter((view) => view.progress !== null && view.totals.files > 0 && view.totals.files < FILES);
    expect(midway.length).toBeGreaterThan(0);
    const totals = seen.map((view) => view.totals.files);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    // Small, and the end matches what the run recorded.
    expect(largest).toBeLessThan(4 * KiB);
    expect(end.body).toMatchObject({ status: 'idle', progress: null, totals: { files: FILES, bytes: FILES * 64 * KiB }, lastRun: { status: 'succeeded', filesDone: FILES } });
    // While the listing waits nothing changes: those polls cost a 304 and no body.
    expect(notModified).toBeGreaterThan(0);
  });

  it('answers 304 with no body while nothing changes, and 200 with a new tag when something does', async () => {
    const first = await status();
    const again = await status(first.etag ?? '');
    expect(first.code).toBe(200);
    expect(again).toMatchObject({ code: 304, bytes: 0, etag: first.etag });

    await shop.call('PATCH', `/api/sources/${sourceId}`, { paused: true });
    const changed = await status(first.etag ?? '');
    expect(changed.code).toBe(200);
    expect(changed.body?.status).toBe('paused');
    expect(changed.etag).not.toBe(first.etag);
  });

  it('sends the files list, summary and run history gzipped under a tag, and 304 when they did not change', async () => {
    for (const route of ['files?zone=Asia%2FHo_Chi_Minh&limit=200', 'summary', 'runs']) {
      const url = `${google.harness.stack.url}/api/sources/${sourceId}/${route}`;
      const headers = { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' };
      const first = await fetch(url, { headers });
      const body = await first.text();
      expect(first.status, route).toBe(200);
      expect(JSON.parse(body), route).toBeTruthy();
      // Small answers are not worth gzip; the files list of this run's files is.
      if (Buffer.byteLength(body) >= 512) expect(first.headers.get('content-encoding'), route).toBe('gzip');
      const etag = first.headers.get('etag') ?? '';
      expect(etag, route).not.toBe('');
      const again = await fetch(url, { headers: { ...headers, 'if-none-match': etag } });
      expect(again.status, route).toBe(304);
      expect(await again.text(), route).toBe('');
    }
  });

  it('is the tenant\'s own: another tenant gets 404', async () => {
    const other = await new ApiClient(google.harness.stack.url).signUp('other@status.example', 'Other');
    const response = await other.client.call('GET', `/api/sources/${sourceId}/status`);
    expect(response.status).toBe(404);
  });
});
