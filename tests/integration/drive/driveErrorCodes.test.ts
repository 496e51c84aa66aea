/**
 * Every Google Drive failure the API reports carries a stable code and plain
 * English (issue #10 item 11): a refusal while browsing folders answers with
 * the taxonomy's `error.code`, Drive's cause as `error.reason` (one of
 * core/api/errorCodes.ts's driveFailureCodes) and a sentence naming it — never
 * a bare 500 — and a file Drive would not hand out says why the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../../core/api/errorCodes';
import type { SourceView, TrackedFileView } from '../../../core/api/sourcesApi';
import { connectGoogle, startGoogleStack, type GoogleStack } from '../../support/googleStack';
import { ApiClient } from '../../support/localStackHarness';

describe('Drive failures in the API', () => {
  let google: GoogleStack;
  let shop: ApiClient;
  let connectionId: string;

  beforeAll(async () => {
    google = await startGoogleStack();
    shop = (await new ApiClient(google.harness.stack.url).signUp('owner@drive-errors.example', 'Kho lỗi')).client;
    connectionId = (await connectGoogle(shop)).id;
  });
  afterAll(() => google.close());

  it.each([
    ['insufficientFilePermissions', 403, 404, 'not_found', 'drive_no_permission', /no permission/],
    ['dailyLimitExceeded', 403, 503, 'unavailable', 'drive_daily_limit', /today's allowance/],
    ['appNotAuthorizedToFile', 403, 404, 'not_found', 'drive_app_not_authorized', /not given access/],
  ])('browsing folders when Drive answers %s (%i) gives %i %s with reason %s', async (reason, driveStatus, status, code, driveCode, words) => {
    google.fake.faults.add({ match: { operation: 'files.list' }, respond: { status: driveStatus, reason } });

    const response = await shop.call<ErrorBody>('GET', `/api/google/connections/${connectionId}/folders`);

    expect(response.status).toBe(status);
    expect(response.body.error).toMatchObject({ code, reason: driveCode });
    expect(response.body.error.message).toMatch(/^Google Drive/);
    expect(response.body.error.message).toMatch(words);
  });

  it('a file Drive would not hand out carries the cause as a code and in words', async () => {
    const folder = google.fake.drive.addFolder({ name: 'Tắt tải xuống' });
    const locked = google.fake.drive.addFile({ name: 'Cam1_20250718_093000.mp4', parentId: folder, content: Buffer.from('locked clip') });
    google.fake.faults.add({ match: { operation: 'files.get.media', fileId: locked }, times: 20, respond: { status: 403, reason: 'cannotDownloadFile' } });
    const created = await shop.call<SourceView>('POST', '/api/sources', { type: 'google_drive', name: 'Khóa', intervalMinutes: 60, config: { connectionId, folderIds: [folder] } });
    await google.harness.stack.settle();

    const files = await shop.call<{ items: TrackedFileView[] }>('GET', `/api/sources/${created.body.id}/files`);

    expect(files.body.items[0]).toMatchObject({ status: 'failed', failure: { code: 'drive_download_turned_off', message: expect.stringMatching(/owner turned off downloading/) } });
  });
});
