import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGoogleStack, type GoogleStack } from '../../support/googleStack';
import { ApiClient } from '../../support/localStackHarness';
import type { ErrorBody } from '../../../core/api/errorCodes';
import type { SourceView, TrackedFileView } from '../../../core/api/sourcesApi';
import type { GoogleConnectionView, GoogleDisconnectView, ServiceAccountBody } from '../../../core/api/googleApi';
import type { ListOf, Paged } from '../../../core/api/collections';

function serviceAccountKey(clientEmail: string): { keyJson: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyJson = JSON.stringify({
    type: 'service_account',
    client_email: clientEmail,
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  });
  return { keyJson, publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

describe('Workspace service account connections', () => {
  let google: GoogleStack;
  let shop: ApiClient;

  beforeAll(async () => {
    google = await startGoogleStack();
    shop = (await new ApiClient(google.harness.stack.url).signUp('admin@workspace.example', 'Workspace Shop')).client;
  });
  afterAll(() => google.close());

  it('connects with domain-wide delegation, tests the account, and syncs a folder with it', async () => {
    const { keyJson, publicKey } = serviceAccountKey('vtrack@project.iam.gserviceaccount.com');
    google.fake.oauth.registerServiceAccount({ clientEmail: 'vtrack@project.iam.gserviceaccount.com', publicKey, domainWideDelegation: true });
    const folder = google.fake.drive.addFolder({ name: 'Warehouse' });
    google.fake.drive.addFile({ name: 'Cam1_20250718_093000.mp4', parentId: folder, content: Buffer.from('via service account') });

    const connected = await shop.call<GoogleConnectionView>('POST', '/api/google/service-accounts', {
      keyJson,
      subject: 'test.user@example.com',
    } satisfies ServiceAccountBody);
    const listed = await shop.call<ListOf<GoogleConnectionView>>('GET', '/api/google/connections');
    const source = await shop.call<SourceView>('POST', '/api/sources', {
      type: 'google_drive',
      name: 'Warehouse',
      intervalMinutes: 30,
      config: { connectionId: connected.body.id, folderIds: [folder] },
    });
    await google.harness.stack.settle();
    const files = await shop.call<Paged<TrackedFileView>>('GET', `/api/sources/${source.body.id}/files`);

    expect(connected.status).toBe(201);
    expect(connected.body).toMatchObject({ kind: 'service_account', email: 'test.user@example.com' });
    expect(JSON.stringify(listed.body)).not.toContain('PRIVATE KEY');
    expect(files.body.items.map((f) => f.status)).toEqual(['done']);
  });

  it('disconnects a service account without asking Google to revoke anything, and says the key stays valid in the tenant\'s project', async () => {
    // Prepare
    const { keyJson, publicKey } = serviceAccountKey('leaving@project.iam.gserviceaccount.com');
    google.fake.oauth.registerServiceAccount({ clientEmail: 'leaving@project.iam.gserviceaccount.com', publicKey, domainWideDelegation: true });
    const connected = await shop.call<GoogleConnectionView>('POST', '/api/google/service-accounts', { keyJson, subject: 'test.user@example.com' } satisfies ServiceAccountBody);
    google.fake.resetCounts();

    // Act
    const disconnected = await shop.call<GoogleDisconnectView>('DELETE', `/api/google/connections/${connected.body.id}`);
    const listed = await shop.call<ListOf<GoogleConnectionView>>('GET', '/api/google/connections');

    // Assess
    expect(disconnected.status).toBe(200);
    expect(disconnected.body).toMatchObject({ revokedAtGoogle: 'not_applicable', sourcesStopped: 0 });
    expect(disconnected.body.message).toMatch(/stays valid in your Google Cloud project until you delete it there/);
    expect(google.fake.counts().revoke ?? 0).toBe(0);
    expect(listed.body.items.map((item) => item.id)).not.toContain(connected.body.id);
  });

  it('refuses a key Google does not know, naming the field, and stores nothing', async () => {
    const { keyJson } = serviceAccountKey('stranger@project.iam.gserviceaccount.com');
    const before = (await shop.call<ListOf<GoogleConnectionView>>('GET', '/api/google/connections')).body.items.length;

    const refused = await shop.call<ErrorBody>('POST', '/api/google/service-accounts', { keyJson, subject: 'test.user@example.com' } satisfies ServiceAccountBody);
    const after = (await shop.call<ListOf<GoogleConnectionView>>('GET', '/api/google/connections')).body.items.length;

    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe('subject');
    expect(after).toBe(before);
  });

  it.each([
    [{ keyJson: 'not json', subject: 'a@b.example' }, 'keyJson'],
    [{ keyJson: '{"type":"authorized_user"}', subject: 'a@b.example' }, 'keyJson'],
    [{ keyJson: '{}', subject: 'not-an-email' }, 'subject'],
  ])('rejects %j naming %s', async (body, field) => {
    const response = await shop.call<ErrorBody>('POST', '/api/google/service-accounts', body);
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe(field);
  });
});
