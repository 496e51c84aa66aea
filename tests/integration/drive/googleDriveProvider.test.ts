import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError, QuotaExceededError, ReauthRequiredError, TransientError } from '../../../core/errors';
import type { GoogleConnection } from '../../../core/google/googleConnection';
import type { StorageProvider } from '../../../core/providers/storageProvider';
import { walkFolders, type WalkItem } from '../../../core/sync/walkFolders';
import { startFakeGoogle, type FakeGoogle } from '../../fakes/drive';
import { fakeGoogleAdapter } from '../../support/fakeGoogleAdapter';
import { testGoogleConnection } from '../../support/testGoogleConnection';

const connection = (): GoogleConnection => testGoogleConnection('ten_1', 'gc_1');

async function collect(items: AsyncIterable<WalkItem>): Promise<WalkItem[]> {
  const out: WalkItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

// What every StorageProvider promises (listing, changes, ranged reads, not
// found) is in tests/contracts/storageProviderContract.ts; here the Drive
// adapter's own: the folder walk, the pacer, Drive's error reasons, OAuth.
describe('GoogleDriveProvider against the Drive protocol fake', () => {
  let fake: FakeGoogle;
  let provider: StorageProvider;
  let refreshToken: string;

  beforeAll(async () => {
    fake = await startFakeGoogle({ accessTokenTtlSeconds: 3600 });
    refreshToken = fake.oauth.grant().refresh_token ?? '';
    provider = fakeGoogleAdapter(fake).providerForConnection(connection(), refreshToken);
  });
  afterAll(() => fake.stop());

  it('reads the account email and quota', async () => {
    const account = await provider.account();
    expect(account.email).toBe('test.user@example.com');
    expect(account.quota.usageBytes).toBeGreaterThanOrEqual(0);
  });

  it('walks a nested tree: duplicate names kept apart by id, shortcuts followed, a shortcut loop cut, trash hidden', async () => {
    const root = fake.drive.addFolder({ name: 'Footage' });
    const cam1 = fake.drive.addFolder({ name: 'Cam1', parentId: root });
    const day = fake.drive.addFolder({ name: '2025-07-18', parentId: cam1 });
    const a = fake.drive.addFile({ name: 'clip.mp4', parentId: day, content: Buffer.from('first') });
    const b = fake.drive.addFile({ name: 'clip.mp4', parentId: day, content: Buffer.from('second') });
    const elsewhere = fake.drive.addFolder({ name: 'Elsewhere' });
    const linked = fake.drive.addFile({ name: 'Cam2_20250718_100000.mp4', parentId: elsewhere, content: Buffer.from('linked') });
    fake.drive.addShortcut({ name: 'Cam2_20250718_100000.mp4', parentId: root, targetId: linked });
    fake.drive.addShortcut({ name: 'back to top', parentId: day, targetId: root });
    const gone = fake.drive.addFile({ name: 'deleted.mp4', parentId: day, content: Buffer.from('x') });
    fake.drive.trash(gone);

    const items = await collect(walkFolders(provider, [root]));
    const files = items.flatMap((item) => (item.kind === 'file' ? [item] : []));
    const notes = items.flatMap((item) => (item.kind === 'note' ? [item] : []));

    expect(files.map((f) => f.entry.id).sort()).toEqual([a, b, linked].sort());
    expect(files.find((f) => f.entry.id === linked)?.relativePath).toBe('Cam2_20250718_100000.mp4');
    expect(files.find((f) => f.entry.id === a)?.relativePath).toBe('Cam1/2025-07-18/clip.mp4');
    expect(notes.map((n) => n.relativePath)).toEqual(['Cam1/2025-07-18/back to top']);
    expect(files.every((f) => f.rootFolderName === 'Footage')).toBe(true);
  });

  it('pages through a folder of 2,500 files', async () => {
    const big = fake.drive.addFolder({ name: 'Big' });
    for (let i = 0; i < 2500; i += 1) fake.drive.addFile({ name: `f${i}.mp4`, parentId: big, content: Buffer.from(String(i)) });
    fake.resetCounts();

    const files = (await collect(walkFolders(provider, [big]))).filter((item) => item.kind === 'file');

    expect(files).toHaveLength(2500);
    expect(new Set(files.map((f) => f.entry.id)).size).toBe(2500);
    expect(fake.counts()['files.list']).toBe(3);
  });

  it('retries rate limits and 5xx through the pacer and then succeeds', async () => {
    const folder = fake.drive.addFolder({ name: 'Flaky' });
    fake.faults.add({ match: { operation: 'files.list' }, respond: { status: 403, reason: 'userRateLimitExceeded' } });
    fake.faults.add({ match: { operation: 'files.list' }, respond: { status: 429, retryAfterSeconds: 0 } });
    fake.faults.add({ match: { operation: 'files.list' }, respond: { status: 503, reason: 'backendError' } });
    fake.resetCounts();

    const page = await provider.listChildren(folder);

    expect(page.items).toEqual([]);
    expect(fake.counts()['files.list']).toBe(4);
  });

  it('gives up on endless 500s with a TransientError after the pacer\'s attempts', async () => {
    const folder = fake.drive.addFolder({ name: 'Down' });
    fake.faults.add({ match: { operation: 'files.list' }, times: 10, respond: { status: 500, reason: 'backendError' } });

    await expect(provider.listChildren(folder)).rejects.toBeInstanceOf(TransientError);
    fake.faults.clear();
  });

  it('refuses a quota-blocked download for now (QuotaExceededError), naming the reason, without retrying it in the moment', async () => {
    const folder = fake.drive.addFolder({ name: 'Quota' });
    const id = fake.drive.addFile({ name: 'q.mp4', parentId: folder, content: Buffer.from('q') });
    fake.faults.add({ match: { operation: 'files.get.media' }, respond: { status: 403, reason: 'downloadQuotaExceeded' } });

    const read = provider.readRange(id, 0, 0);

    await expect(read).rejects.toBeInstanceOf(QuotaExceededError);
    await expect(read).rejects.toThrow(/downloadQuotaExceeded/);
    expect(fake.faults.pending()).toBe(0);
  });

  it('fails a download Google flagged as abusive as permanent, naming the reason', async () => {
    const folder = fake.drive.addFolder({ name: 'Flagged' });
    const id = fake.drive.addFile({ name: 'f.mp4', parentId: folder, content: Buffer.from('f') });
    fake.faults.add({ match: { operation: 'files.get.media' }, respond: { status: 403, reason: 'cannotDownloadAbusiveFile' } });

    const read = provider.readRange(id, 0, 0);

    await expect(read).rejects.toBeInstanceOf(PermanentError);
    await expect(read).rejects.toThrow(/cannotDownloadAbusiveFile/);
  });

  it('reports a revoked grant as ReauthRequiredError', async () => {
    const token = fake.oauth.grant().refresh_token ?? '';
    const revokedProvider = fakeGoogleAdapter(fake).providerForConnection(connection(), token);
    fake.revokeGrant(token);

    await expect(revokedProvider.account()).rejects.toBeInstanceOf(ReauthRequiredError);
  });
});
