import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { tableKeys } from '../../../core/keys/tableKeys';
import type { AuditPageView } from '../../../core/api/auditApi';
import type { ListOf } from '../../../core/api/collections';
import type { ErrorBody } from '../../../core/api/errorCodes';
import type { GoogleConnectionView, GoogleDisconnectView, StartConsentView } from '../../../core/api/googleApi';
import type { SourceView } from '../../../core/api/sourcesApi';
import { connectGoogle, startGoogleStack, type GoogleStack } from '../../support/googleStack';
import { ApiClient } from '../../support/localStackHarness';

describe('disconnecting a Google connection (Google played by the protocol fake)', () => {
  let google: GoogleStack;
  let shop: ApiClient;
  let other: ApiClient;
  let tenantId: string;
  let doc: DynamoDBDocumentClient;

  beforeAll(async () => {
    google = await startGoogleStack();
    const anonymous = new ApiClient(google.harness.stack.url);
    const signedUp = await anonymous.signUp('owner@disconnect.example', 'Cửa hàng Ngắt kết nối');
    shop = signedUp.client;
    tenantId = signedUp.tenantId;
    other = (await anonymous.signUp('owner@other-disconnect.example', 'Other Shop')).client;
    doc = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(google.harness.stack.endpoints.dynamodb)));
  });
  afterAll(async () => {
    doc.destroy();
    await google.close();
  });

  const storedConnection = async (connectionId: string): Promise<Record<string, unknown> | undefined> =>
    (await doc.send(new GetCommand({ TableName: google.harness.stack.tableName, Key: tableKeys.googleConnection(tenantId, connectionId) }))).Item;

  const folders = new Map<string, string>();

  async function sourceOn(connectionId: string, name: string): Promise<string> {
    const folder = google.fake.drive.addFolder({ name });
    folders.set(name, folder);
    google.fake.drive.addFile({ name: 'Cam1_20250718_093000.mp4', parentId: folder, content: Buffer.from(`${name} footage`) });
    const created = await shop.call<SourceView>('POST', '/api/sources', {
      type: 'google_drive',
      name,
      intervalMinutes: 15,
      config: { connectionId, folderIds: [folder] },
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  it('revokes the grant at Google, deletes the sealed token and stops every source on it; reconnecting resumes them', async () => {
    // Prepare: a connection with two synced sources, and another connection that must be left alone.
    const connection = await connectGoogle(shop);
    const kept = await connectGoogle(shop);
    const first = await sourceOn(connection.id, 'Bàn đóng gói 1');
    const second = await sourceOn(connection.id, 'Bàn đóng gói 2');
    const elsewhere = await sourceOn(kept.id, 'Kho khác');
    await google.harness.stack.settle();
    const before = await storedConnection(connection.id);
    google.fake.resetCounts();

    // Act
    const disconnected = await shop.call<GoogleDisconnectView>('DELETE', `/api/google/connections/${connection.id}`);

    // Assess: Google was asked, in its wire format (token in the form body, not the URL), and ended a live
    // grant (the fake answers 200 only for a grant it knows and has not revoked yet).
    expect(disconnected.status).toBe(200);
    expect(disconnected.body).toMatchObject({ id: connection.id, email: connection.email, revokedAtGoogle: 'revoked', sourcesStopped: 2 });
    expect(disconnected.body.message).toMatch(/Google confirmed the access is revoked/);
    const revokes = google.fake.requests.filter((request) => request.operation === 'revoke');
    expect(revokes).toHaveLength(1);
    expect(revokes[0]).toMatchObject({ method: 'POST', query: '', status: 200 });
    // Our copy: the sealed secret is gone; the row stays only so its sources can reconnect to it.
    expect(before?.['secret']).toBeTruthy();
    const after = await storedConnection(connection.id);
    expect(after?.['secret'] ?? null).toBeNull();
    expect(JSON.stringify(after)).not.toContain(JSON.stringify(before?.['secret']));
    const listed = await shop.call<ListOf<GoogleConnectionView>>('GET', '/api/google/connections');
    expect(listed.body.items.map((item) => item.id)).toEqual([kept.id]);
    for (const id of [first, second]) {
      const source = await shop.call<SourceView>('GET', `/api/sources/${id}`);
      expect(source.body).toMatchObject({ status: 'needs_reauth', nextSyncAt: null });
      expect(source.body.statusMessage).toBe(`Google Drive access for ${connection.email} was disconnected; reconnect Google Drive`);
    }
    expect((await shop.call<SourceView>('GET', `/api/sources/${elsewhere}`)).body.status).not.toBe('needs_reauth');
    // A sync asked for now meets the stopped connection instead of a grant.
    expect((await shop.call<ErrorBody>('POST', `/api/google/connections/${connection.id}/test`)).body.error.code).toBe('needs_reauth');

    // Act: reconnect the same account from a source's banner.
    const started = await shop.call<StartConsentView>('POST', '/api/google/oauth/start', { connectionId: connection.id });
    const back = new URL((await fetch(started.body.authorizationUrl, { redirect: 'manual' })).headers.get('location') ?? '');
    const completed = await shop.call<GoogleConnectionView>('POST', '/api/google/oauth/complete', {
      code: back.searchParams.get('code'),
      state: back.searchParams.get('state'),
    });

    // Assess: the same connection is back, with a new sealed grant, and its sources are due again.
    expect(completed.body).toMatchObject({ id: connection.id, status: 'active' });
    expect((await storedConnection(connection.id))?.['secret']).toBeTruthy();
    expect((await storedConnection(connection.id))?.['disconnectedAt']).toBeUndefined();
    for (const id of [first, second]) expect((await shop.call<SourceView>('GET', `/api/sources/${id}`)).body.status).toBe('idle');
  });

  it('removes our copy even when Google cannot be reached to revoke it, and says so', async () => {
    // Prepare
    const connection = await connectGoogle(shop);
    const source = await sourceOn(connection.id, 'Camera cổng');
    await google.harness.stack.settle();
    google.fake.faults.add({ match: { operation: 'revoke' }, respond: { status: 503, reason: 'backendError' } });

    // Act
    const disconnected = await shop.call<GoogleDisconnectView>('DELETE', `/api/google/connections/${connection.id}`);

    // Assess
    expect(disconnected.status).toBe(200);
    expect(disconnected.body).toMatchObject({ revokedAtGoogle: 'failed', sourcesStopped: 1 });
    expect(disconnected.body.message).toMatch(/VTrack deleted its stored access/);
    expect(disconnected.body.message).toMatch(/Google did not confirm revoking it \(Google answered 503 backendError\).*myaccount\.google\.com\/permissions/);
    expect((await storedConnection(connection.id))?.['secret'] ?? null).toBeNull();
    expect((await shop.call<SourceView>('GET', `/api/sources/${source}`)).body.status).toBe('needs_reauth');
  });

  it('says Google had already ended a grant the user revoked there', async () => {
    const connection = await connectGoogle(shop);
    google.fake.revokeGrant();

    const disconnected = await shop.call<GoogleDisconnectView>('DELETE', `/api/google/connections/${connection.id}`);

    expect(disconnected.body).toMatchObject({ revokedAtGoogle: 'already_revoked', sourcesStopped: 0 });
    expect(disconnected.body.message).toMatch(/Google had already ended this access/);
  });

  it('syncs a stopped source again once it is moved to another Google account', async () => {
    // Prepare: the source's account is disconnected; the shop connects another one.
    const leaving = await connectGoogle(shop);
    const source = await sourceOn(leaving.id, 'Bàn đóng gói 3');
    await google.harness.stack.settle();
    await shop.call('DELETE', `/api/google/connections/${leaving.id}`);
    const other = await connectGoogle(shop);
    const folder = folders.get('Bàn đóng gói 3') ?? '';
    google.fake.drive.addFile({ name: 'Cam1_20250718_100000.mp4', parentId: folder, content: Buffer.from('after the move') });

    // Act: what Edit source sends after choosing the other account.
    const moved = await shop.call<SourceView>('PATCH', `/api/sources/${source}`, {
      config: { connectionId: other.id, folderIds: [folder] },
    });
    await google.harness.stack.dispatchNow();
    const after = await shop.call<SourceView>('GET', `/api/sources/${source}`);

    // Assess
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'idle', statusMessage: null });
    expect(after.body).toMatchObject({ status: 'idle', totals: { files: 2 } });
    expect(after.body.lastRun).toMatchObject({ status: 'succeeded', trigger: 'schedule', filesDone: 1 });
  });

  it('keeps connecting and disconnecting in the audit trail, with who did it, and only in this shop’s', async () => {
    // Prepare
    const connection = await connectGoogle(shop);

    // Act
    expect((await shop.call('DELETE', `/api/google/connections/${connection.id}`)).status).toBe(200);
    const trail = (await shop.call<AuditPageView>('GET', '/api/audit?limit=100')).body.entries.filter((entry) => entry.target.id === connection.id);
    const othersTrail = (await other.call<AuditPageView>('GET', '/api/audit?limit=100')).body.entries;

    // Assess: newest first, the connection named by its Google account.
    expect(trail.map((entry) => entry.action)).toEqual(['connection.removed', 'connection.added']);
    for (const entry of trail) {
      expect(entry.target).toMatchObject({ type: 'connection', id: connection.id, name: connection.email });
      expect(entry.actor.email).toBe('owner@disconnect.example');
    }
    expect(othersTrail.some((entry) => entry.target.id === connection.id)).toBe(false);
  });

  it('answers 404 for a connection already disconnected and for another tenant\'s, changing nothing', async () => {
    // Prepare
    const connection = await connectGoogle(shop);
    google.fake.resetCounts();

    // Act
    const foreign = await other.call<ErrorBody>('DELETE', `/api/google/connections/${connection.id}`);
    const stillThere = await storedConnection(connection.id);
    const first = await shop.call('DELETE', `/api/google/connections/${connection.id}`);
    const again = await shop.call<ErrorBody>('DELETE', `/api/google/connections/${connection.id}`);

    // Assess
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('not_found');
    expect(stillThere?.['secret']).toBeTruthy();
    expect(first.status).toBe(200);
    expect(again.status).toBe(404);
    expect(google.fake.requests.filter((request) => request.operation === 'revoke')).toHaveLength(1);
  });
});
