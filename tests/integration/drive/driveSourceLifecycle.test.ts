import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { connectGoogle, startGoogleStack, type GoogleStack } from '../../support/googleStack';
import { ApiClient } from '../../support/localStackHarness';
import type { RunView, SourceSummaryView, SourceView } from '../../../core/api/sourcesApi';
import type { ErrorBody } from '../../../core/api/errorCodes';
import type { MeView } from '../../../core/api/authApi';
import type { GoogleConnectionView, StartConsentView } from '../../../core/api/googleApi';
import type { ListOf } from '../../../core/api/collections';

describe('Drive source lifecycle: revoked grant, reconnect, delete', () => {
  let google: GoogleStack;
  let shop: ApiClient;
  let s3: S3Client;

  beforeAll(async () => {
    google = await startGoogleStack();
    shop = (await new ApiClient(google.harness.stack.url).signUp('owner@lifecycle.example', 'Lifecycle Shop')).client;
    s3 = new S3Client(localClientConfig(google.harness.stack.endpoints.s3));
  });
  afterAll(async () => {
    s3.destroy();
    await google.close();
  });

  const objectsUnder = async (prefix: string): Promise<number> =>
    ((await s3.send(new ListObjectsV2Command({ Bucket: google.harness.stack.bucketName, Prefix: prefix }))).Contents ?? []).length;

  async function syncedSource(name: string): Promise<{ id: string; tenantPrefix: string; connectionId: string }> {
    const folder = google.fake.drive.addFolder({ name });
    google.fake.drive.addFile({ name: 'Cam1_20250718_093000.mp4', parentId: folder, content: Buffer.from(`${name} one`) });
    google.fake.drive.addFile({ name: 'Cam1_20250718_094000.mp4', parentId: folder, content: Buffer.from(`${name} two`) });
    const connection = await connectGoogle(shop);
    const created = await shop.call<SourceView>('POST', '/api/sources', {
      type: 'google_drive',
      name,
      intervalMinutes: 15,
      config: { connectionId: connection.id, folderIds: [folder] },
    });
    await google.harness.stack.settle();
    const me = await shop.call<MeView>('GET', '/api/me');
    return { id: created.body.id, tenantPrefix: `${me.body.tenantId}/${created.body.id}/`, connectionId: connection.id };
  }

  it('counts the stored footage on the source, by status and per camera', async () => {
    const { id } = await syncedSource('Totals');
    const source = await shop.call<SourceView>('GET', `/api/sources/${id}`);
    const summary = await shop.call<SourceSummaryView>(
      'GET',
      `/api/sources/${id}/summary`,
    );
    const bytes = Buffer.byteLength('Totals one') + Buffer.byteLength('Totals two');

    expect(source.body.totals).toEqual({ files: 2, bytes });
    expect(summary.body).toMatchObject({ bytesStored: bytes, truncated: false, cameras: [{ cameraId: 'cam1', files: 2, bytes }] });
    expect(summary.body.files).toMatchObject({ done: 2, pending: 0, transferring: 0, failed: 0 });
  });

  it('a revoked grant puts the source in needs_reauth with the reason and stops its schedule; reconnecting resumes it', async () => {
    const { id, connectionId } = await syncedSource('Revoked');
    google.fake.revokeGrant();
    google.fake.oauth.expireAccessTokens();

    await shop.call('POST', `/api/sources/${id}/sync`);
    await google.harness.stack.settle();
    const stopped = await shop.call<SourceView>('GET', `/api/sources/${id}`);
    await google.harness.stack.dispatchNow();
    const runsWhileStopped = await shop.call<ListOf<RunView>>('GET', `/api/sources/${id}/runs`);

    expect(stopped.body).toMatchObject({ status: 'needs_reauth', nextSyncAt: null });
    expect(stopped.body.statusMessage).toMatch(/^Google refused the stored access; reconnect Google Drive$/);
    expect(runsWhileStopped.body.items).toHaveLength(2);

    const started = await shop.call<StartConsentView>('POST', '/api/google/oauth/start', { connectionId });
    const back = new URL((await fetch(started.body.authorizationUrl, { redirect: 'manual' })).headers.get('location') ?? '');
    const completed = await shop.call<GoogleConnectionView>('POST', '/api/google/oauth/complete', {
      code: back.searchParams.get('code'),
      state: back.searchParams.get('state'),
    });
    await google.harness.stack.dispatchNow();
    const resumed = await shop.call<SourceView>('GET', `/api/sources/${id}`);
    const runsAfter = await shop.call<ListOf<RunView>>('GET', `/api/sources/${id}/runs`);

    expect(completed.body).toMatchObject({ id: connectionId, status: 'active' });
    expect(resumed.body.status).toBe('idle');
    expect(resumed.body.statusMessage).toBeNull();
    // The scheduler itself ran it again (nothing changed in Drive, but the last run had failed).
    expect(runsAfter.body.items).toHaveLength(3);
    expect(runsAfter.body.items[0]).toMatchObject({ status: 'succeeded', trigger: 'schedule' });
  });

  it('a revoked grant stops every source on that connection, not only the one that ran', async () => {
    // Prepare: two sources syncing through one connection.
    const first = await syncedSource('Shared grant A');
    const folderB = google.fake.drive.addFolder({ name: 'Shared grant B' });
    const second = await shop.call<SourceView>('POST', '/api/sources', {
      type: 'google_drive',
      name: 'Shared grant B',
      intervalMinutes: 15,
      config: { connectionId: first.connectionId, folderIds: [folderB] },
    });
    await google.harness.stack.settle();
    google.fake.revokeGrant();
    google.fake.oauth.expireAccessTokens();

    // Act: only the first one runs.
    await shop.call('POST', `/api/sources/${first.id}/sync`);
    await google.harness.stack.settle();

    // Assess
    for (const id of [first.id, second.body.id]) {
      const source = await shop.call<SourceView>('GET', `/api/sources/${id}`);
      expect(source.body).toMatchObject({ status: 'needs_reauth', nextSyncAt: null });
      expect(source.body.statusMessage).toMatch(/reconnect Google Drive/);
    }
  });

  it('deleting a source keeps its footage by default', async () => {
    const { id, tenantPrefix } = await syncedSource('Kept');

    const deleted = await shop.call('DELETE', `/api/sources/${id}`);

    // 202: deletion runs in the background; an idle source is done before the answer.
    expect(deleted.status).toBe(202);
    expect(deleted.body).toMatchObject({ done: true });
    expect((await shop.call('GET', `/api/sources/${id}`)).status).toBe(404);
    expect(await objectsUnder(tenantPrefix)).toBeGreaterThanOrEqual(2);
  });

  it('deleting a source with keepFootage=false removes its footage and nothing of other sources', async () => {
    const kept = await syncedSource('Neighbour');
    const { id, tenantPrefix } = await syncedSource('Purged');

    const deleted = await shop.call('DELETE', `/api/sources/${id}?keepFootage=false`);

    expect(deleted.status).toBe(202);
    expect(deleted.body).toMatchObject({ done: true });
    expect(await objectsUnder(tenantPrefix)).toBe(0);
    expect(await objectsUnder(kept.tenantPrefix)).toBeGreaterThanOrEqual(2);
  });

  it('refuses an unknown keepFootage value and deletes nothing', async () => {
    const { id } = await syncedSource('Careful');
    const response = await shop.call<ErrorBody>('DELETE', `/api/sources/${id}?keepFootage=maybe`);
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('keepFootage');
    expect((await shop.call('GET', `/api/sources/${id}`)).status).toBe(200);
  });
});
