import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT, startFakeGoogle, type FakeGoogle } from '../../fakes/drive';
import { ApiClient, startHarness, type Harness } from '../../support/localStackHarness';
import type { ListOf, Paged } from '../../../core/api/collections';
import type { ErrorBody } from '../../../core/api/errorCodes';
import type {
  DriveFolderView,
  GoogleAccountView,
  GoogleConnectionView,
  GoogleStatusView,
  MappingPreviewView,
  NamedFolderView,
  StartConsentView,
} from '../../../core/api/googleApi';
import { keysOf, wireKeys } from '../../support/wireKeys';

/** Plays the browser: opens Google's consent URL and returns where Google redirects to. */
async function consent(authorizationUrl: string): Promise<URL> {
  const response = await fetch(authorizationUrl, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || location === null) throw new Error(`consent did not redirect: ${response.status}`);
  return new URL(location);
}

describe('connecting Google Drive through the API (Google played by the protocol fake)', () => {
  let fake: FakeGoogle;
  let harness: Harness;
  let shop: ApiClient;
  let other: ApiClient;
  const logged: string[] = [];
  const writeStdout = process.stdout.write.bind(process.stdout);

  beforeAll(async () => {
    fake = await startFakeGoogle({ accessTokenTtlSeconds: 3600 });
    // Every log line of the handlers, to check no token ever reaches the logs.
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logged.push(String(chunk));
      return (writeStdout as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
    harness = await startHarness({
      quiet: false,
      env: {
        LOG_LEVEL: 'debug',
        GOOGLE_OAUTH_CLIENT_ID: DEFAULT_CLIENT.clientId,
        GOOGLE_OAUTH_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret ?? '',
        GOOGLE_OAUTH_AUTH_URL: fake.authUrl,
        GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
        GOOGLE_OAUTH_REVOKE_URL: fake.revokeUrl,
        GOOGLE_API_ROOT_URL: fake.rootUrl,
      },
    });
    const anonymous = new ApiClient(harness.stack.url);
    shop = (await anonymous.signUp('owner@drive-shop.example', 'Drive Shop')).client;
    other = (await anonymous.signUp('owner@other-shop.example', 'Other Shop')).client;
  });
  afterAll(async () => {
    process.stdout.write = writeStdout;
    await harness.close();
    await fake.stop();
  });

  async function connect(client: ApiClient): Promise<GoogleConnectionView> {
    const started = await client.call<StartConsentView>('POST', '/api/google/oauth/start', {});
    const back = await consent(started.body.authorizationUrl);
    const completed = await client.call<GoogleConnectionView>('POST', '/api/google/oauth/complete', {
      code: back.searchParams.get('code'),
      state: back.searchParams.get('state'),
    });
    expect(completed.status).toBe(201);
    return completed.body;
  }

  it('says Google is configured when the operator set the client', async () => {
    expect(await shop.call<GoogleStatusView>('GET', '/api/google/status')).toEqual({ status: 200, body: { configured: true, missing: [] } });
  });

  it('sends the user to Google with state, PKCE S256, offline access and the read-only Drive scope, back to the web callback', async () => {
    const started = await shop.call<StartConsentView>('POST', '/api/google/oauth/start', {});
    const url = new URL(started.body.authorizationUrl);

    expect(url.origin + url.pathname).toBe(fake.authUrl);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('scope')).toContain('https://www.googleapis.com/auth/drive.readonly');
    expect(url.searchParams.get('redirect_uri')).toBe(`${harness.stack.url}/connect/google/callback`);
    expect(url.searchParams.get('state')).toBeTruthy();
  });

  it('connects after consent and shows the account email, never the tokens', async () => {
    const connection = await connect(shop);
    const listed = await shop.call<ListOf<GoogleConnectionView>>('GET', '/api/google/connections');

    expect(connection).toMatchObject({ email: 'test.user@example.com', status: 'active' });
    expect(listed.body.items.map((item) => item.id)).toContain(connection.id);
    const text = JSON.stringify(listed.body);
    for (const token of fake.oauth.issuedTokens()) expect(text).not.toContain(token);
    expect(Object.keys(listed.body.items[0] ?? {})).not.toContain('secret');
    expect(keysOf(listed.body.items[0] ?? {})).toEqual(
      wireKeys<GoogleConnectionView>({ id: true, kind: true, email: true, status: true, statusMessage: true, createdAt: true }),
    );
  });

  it('refuses to finish another user\'s consent, and a second use of the same state', async () => {
    const started = await shop.call<StartConsentView>('POST', '/api/google/oauth/start', {});
    const back = await consent(started.body.authorizationUrl);
    const body = { code: back.searchParams.get('code'), state: back.searchParams.get('state') };

    const stolen = await other.call<ErrorBody>('POST', '/api/google/oauth/complete', body);
    const own = await shop.call('POST', '/api/google/oauth/complete', body);
    const replay = await shop.call<ErrorBody>('POST', '/api/google/oauth/complete', body);

    expect(stolen.status).toBe(400);
    expect(stolen.body.error.field).toBe('state');
    expect(own.status).toBe(201);
    expect(replay.status).toBe(400);
  });

  it('tests a connection: account email and storage quota', async () => {
    const connection = await connect(shop);
    const tested = await shop.call<GoogleAccountView>('POST', `/api/google/connections/${connection.id}/test`);
    expect(tested.status).toBe(200);
    expect(tested.body.email).toBe('test.user@example.com');
    expect(typeof tested.body.quota.usageBytes).toBe('number');
    expect(keysOf(tested.body)).toEqual(wireKeys<GoogleAccountView>({ email: true, displayName: true, quota: true }));
  });

  it('browses folders lazily: My Drive\'s folders and folder shortcuts, not files, not trash', async () => {
    const connection = await connect(shop);
    const kept = fake.drive.addFolder({ name: 'Browse Me' });
    const child = fake.drive.addFolder({ name: 'Child', parentId: kept });
    fake.drive.addShortcut({ name: 'Shortcut to Child', parentId: kept, targetId: child });
    fake.drive.addFile({ name: 'loose.mp4', parentId: kept, content: Buffer.from('x') });
    const trashed = fake.drive.addFolder({ name: 'Trashed', parentId: kept });
    fake.drive.trash(trashed);

    const top = await shop.call<Paged<DriveFolderView>>('GET', `/api/google/connections/${connection.id}/folders`);
    const inside = await shop.call<Paged<DriveFolderView>>(
      'GET',
      `/api/google/connections/${connection.id}/folders?parentId=${kept}`,
    );

    expect(top.body.items.map((f) => f.name)).toContain('Browse Me');
    expect(inside.body.items).toEqual([
      { id: child, name: 'Child', viaShortcut: false },
      { id: child, name: 'Shortcut to Child', viaShortcut: true },
    ]);
  });

  it('names saved folders for the Edit form, in the order asked, and says which are gone, trashed or not folders', async () => {
    const connection = await connect(shop);
    const station = fake.drive.addFolder({ name: 'Station 1' });
    const binned = fake.drive.addFolder({ name: 'Old station' });
    fake.drive.trash(binned);
    const file = fake.drive.addFile({ name: 'clip.mp4', parentId: station, content: Buffer.from('x') });

    const named = await shop.call<ListOf<NamedFolderView>>(
      'POST',
      `/api/google/connections/${connection.id}/folder-names`,
      { folderIds: [binned, station, 'missingFolderId', file] },
    );
    const refused = await shop.call<ErrorBody>('POST', `/api/google/connections/${connection.id}/folder-names`, {
      folderIds: ['../etc'],
    });

    expect(named.status).toBe(200);
    expect(named.body.items).toEqual([
      { id: binned, name: 'Old station', found: false },
      { id: station, name: 'Station 1', found: true },
      { id: 'missingFolderId', name: null, found: false },
      { id: file, name: 'clip.mp4', found: false },
    ]);
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe('folderIds.0');
  });

  it('previews the camera mapping of chosen folders before anything is saved', async () => {
    const connection = await connect(shop);
    const root = fake.drive.addFolder({ name: 'Station' });
    const cam1 = fake.drive.addFolder({ name: 'Cam1', parentId: root });
    fake.drive.addFile({ name: '093000.mp4', parentId: cam1, content: Buffer.alloc(10) });
    fake.drive.addFile({ name: '094500.mp4', parentId: cam1, content: Buffer.alloc(20) });
    fake.drive.addFile({ name: 'Cam2_20250718_093000.mp4', parentId: root, content: Buffer.alloc(5) });
    fake.drive.addFile({ name: 'notes.pdf', parentId: root, content: Buffer.alloc(1) });

    const preview = await shop.call<MappingPreviewView>(
      'POST',
      `/api/google/connections/${connection.id}/preview`,
      { folderIds: [root], mapping: { layout: 'auto', timeZone: '+07:00', renames: {}, excluded: [] } },
    );

    expect(preview.status).toBe(200);
    expect(preview.body.cameras.map((c) => [c.name, c.fileCount, c.bytes])).toEqual([
      ['Cam1', 2, 30],
      ['Cam2', 1, 5],
    ]);
    expect(preview.body.skipped).toEqual([expect.objectContaining({ count: 1 })]);
    // Why, as a code a client words in its own language, beside the English.
    expect(preview.body.skipped[0]).toMatchObject({ code: 'not_video', reason: expect.stringContaining('not a video') });
    expect(preview.body.noteDetails).toEqual([]);
  });

  it('rejects a preview with a bad time zone naming the field', async () => {
    const connection = await connect(shop);
    const response = await shop.call<ErrorBody>('POST', `/api/google/connections/${connection.id}/preview`, {
      folderIds: ['abc'],
      mapping: { timeZone: 'Mars/Olympus' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('mapping.timeZone');
  });

  it('marks a connection whose grant was revoked as needing reauth, and says so', async () => {
    const connection = await connect(shop);
    fake.revokeGrant();
    fake.oauth.expireAccessTokens();

    const tested = await shop.call<ErrorBody>('POST', `/api/google/connections/${connection.id}/test`);
    const listed = await shop.call<ListOf<GoogleConnectionView>>('GET', '/api/google/connections');

    expect(tested.status).toBe(409);
    expect(tested.body.error.code).toBe('needs_reauth');
    expect(listed.body.items.find((c) => c.id === connection.id)?.status).toBe('needs_reauth');
  });

  it('never writes a token to the logs', () => {
    const text = logged.join('');
    expect(text.length).toBeGreaterThan(0);
    for (const token of fake.oauth.issuedTokens()) expect(text).not.toContain(token);
  });
});
