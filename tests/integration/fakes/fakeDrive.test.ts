// The Drive fake driven through the real googleapis client: listing with q and
// paging, shortcuts, metadata, ranged media, changes and shared drives.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { drive_v3 } from 'googleapis';
import type { FakeGoogle } from '../../fakes/drive';
import { FOLDER_MIME, startFakeGoogle } from '../../fakes/drive';
import { driveClientFor } from './support/driveClientFor';
import { useFakeDrive } from './support/useFakeDrive';
import { driveReason, gaxiosFailure } from './support/gaxiosFailure';
import { responseHeader } from './support/responseHeader';
import { caught, md5Hex, md5OfStream, readAll } from './support/streams';

describe('Drive fake: files.list', () => {
  let fake: FakeGoogle;
  let drive: drive_v3.Drive;

  useFakeDrive((started, client) => {
    fake = started;
    drive = client;
  });

  test("lists a folder's children with 'id' in parents and pages through nextPageToken", async () => {
    // Prepare
    const folder = fake.drive.addFolder({ name: 'Camera 1' });
    for (let i = 0; i < 250; i++) fake.drive.addFile({ name: `clip-${i}.mp4`, parentId: folder, content: Buffer.from(`clip ${i}`) });
    fake.drive.addFile({ name: 'elsewhere.mp4', content: Buffer.from('x') });

    // Act
    const pages: drive_v3.Schema$File[][] = [];
    let pageToken: string | undefined;
    do {
      const res = await drive.files.list({
        q: `'${folder}' in parents and trashed = false`,
        pageSize: 100,
        fields: 'nextPageToken, files(id,name,parents,size,mimeType)',
        ...(pageToken ? { pageToken } : {}),
      });
      pages.push(res.data.files ?? []);
      pageToken = res.data.nextPageToken ?? undefined;
    } while (pageToken);

    // Assess
    expect(pages.map((p) => p.length)).toEqual([100, 100, 50]);
    const all = pages.flat();
    expect(new Set(all.map((f) => f.id)).size).toBe(250);
    expect(all.every((f) => f.parents?.[0] === folder && f.mimeType === 'video/mp4')).toBe(true);
    expect(all[0]).toEqual({ id: expect.any(String), name: 'clip-0.mp4', parents: [folder], size: '6', mimeType: 'video/mp4' });
  });

  test('pages 2,500 files with pageSize 1000 in three calls, each file once', async () => {
    // Prepare
    const folder = fake.drive.addFolder({ name: 'big' });
    for (let i = 0; i < 2500; i++) fake.drive.addFile({ name: `f${i}.mp4`, parentId: folder, content: { syntheticBytes: 10, seed: i } });
    fake.resetCounts();

    // Act
    const ids: string[] = [];
    let pageToken: string | undefined;
    do {
      const res = await drive.files.list({ q: `'${folder}' in parents`, pageSize: 1000, fields: 'nextPageToken,files(id)', ...(pageToken ? { pageToken } : {}) });
      ids.push(...(res.data.files ?? []).map((f) => f.id as string));
      pageToken = res.data.nextPageToken ?? undefined;
    } while (pageToken);

    // Assess
    expect(ids).toHaveLength(2500);
    expect(new Set(ids).size).toBe(2500);
    expect(fake.counts()['files.list']).toBe(3);
  });

  test('a fields selection without nextPageToken drops it, as Drive does', async () => {
    // Prepare
    for (let i = 0; i < 3; i++) fake.drive.addFile({ name: `a${i}.mp4`, content: Buffer.from('a') });

    // Act
    const res = await drive.files.list({ q: "'root' in parents", pageSize: 1, fields: 'files(id)' });

    // Assess
    expect(res.data.files).toHaveLength(1);
    expect(res.data.nextPageToken).toBeUndefined();
  });

  test('evaluates and/or/not, parentheses, contains, mimeType !=, modifiedTime > and escaped quotes', async () => {
    // Prepare
    const root = fake.drive.rootId;
    fake.drive.addFile({ name: "Bob's clip.mp4", content: Buffer.from('1'), modifiedTime: '2024-01-01T00:00:00.000Z' });
    fake.drive.addFile({ name: 'Packing 2024-05.mp4', content: Buffer.from('2'), modifiedTime: '2024-06-01T00:00:00.000Z' });
    fake.drive.addFolder({ name: 'Packing folder' });
    const trashed = fake.drive.addFile({ name: 'Packing old.mp4', content: Buffer.from('3') });
    fake.drive.trash(trashed);
    const names = async (q: string): Promise<string[]> =>
      ((await drive.files.list({ q, fields: 'files(name)' })).data.files ?? []).map((f) => f.name as string).sort();

    // Act
    const escaped = await names("name = 'Bob\\'s clip.mp4'");
    const containsNotFolder = await names(`name contains 'packing' and mimeType != '${FOLDER_MIME}' and trashed = false`);
    const orNot = await names(`('${root}' in parents) and (name = 'Packing folder' or not name contains 'Packing')`);
    const newer = await names("modifiedTime > '2024-03-01T00:00:00Z' and mimeType = 'video/mp4'");
    const withTrash = await names("name contains 'Packing' and mimeType = 'video/mp4'");

    // Assess
    expect(escaped).toEqual(["Bob's clip.mp4"]);
    expect(containsNotFolder).toEqual(['Packing 2024-05.mp4']);
    expect(orNot).toEqual(["Bob's clip.mp4", 'Packing folder']);
    expect(newer).toContain('Packing 2024-05.mp4');
    expect(newer).not.toContain("Bob's clip.mp4");
    expect(withTrash).toEqual(['Packing 2024-05.mp4', 'Packing old.mp4']);
  });

  test('answers unsupported q syntax with 400 invalid on q', async () => {
    // Act
    const error = await caught(drive.files.list({ q: "fullText contains 'x' and" }));

    // Assess
    expect(gaxiosFailure(error).status).toBe(400);
    expect(driveReason(error)).toBe('invalid');
  });

  test('orders by folder then name and lists shortcuts and duplicate names', async () => {
    // Prepare
    const target = fake.drive.addFile({ name: 'z-target.mp4', content: Buffer.from('t') });
    fake.drive.addFile({ name: 'dup.mp4', content: Buffer.from('1') });
    fake.drive.addFile({ name: 'dup.mp4', content: Buffer.from('2') });
    fake.drive.addFolder({ name: 'b-folder' });
    fake.drive.addShortcut({ name: 'a-shortcut', parentId: 'root', targetId: target });

    // Act
    const res = await drive.files.list({
      q: "'root' in parents",
      orderBy: 'folder,name',
      fields: 'files(id,name,mimeType,shortcutDetails(targetId,targetMimeType))',
    });

    // Assess
    const files = res.data.files ?? [];
    expect(files.map((f) => f.name)).toEqual(['b-folder', 'a-shortcut', 'dup.mp4', 'dup.mp4', 'z-target.mp4']);
    expect(files[1]?.mimeType).toBe('application/vnd.google-apps.shortcut');
    expect(files[1]?.shortcutDetails).toEqual({ targetId: target, targetMimeType: 'video/mp4' });
    expect(files[2]?.id).not.toBe(files[3]?.id);
  });
});

describe('Drive fake: files.get', () => {
  let fake: FakeGoogle;
  let drive: drive_v3.Drive;

  useFakeDrive((started, client) => {
    fake = started;
    drive = client;
  });

  test('metadata carries size as a string, md5Checksum and a headRevisionId that change with the content', async () => {
    // Prepare
    const bytes = Buffer.from('first version of the footage');
    const id = fake.drive.addFile({ name: 'a.mp4', content: bytes });
    const fields = 'id,name,size,md5Checksum,headRevisionId,version,modifiedTime';

    // Act
    const before = (await drive.files.get({ fileId: id, fields })).data;
    fake.drive.updateContent(id, Buffer.from('second'));
    const after = (await drive.files.get({ fileId: id, fields })).data;

    // Assess
    expect(before).toMatchObject({ id, name: 'a.mp4', size: String(bytes.length), md5Checksum: md5Hex(bytes) });
    expect(after.md5Checksum).toBe(md5Hex(Buffer.from('second')));
    expect(after.size).toBe('6');
    expect(after.headRevisionId).not.toBe(before.headRevisionId);
    expect(Number(after.version)).toBeGreaterThan(Number(before.version));
  });

  test('alt=media with Range answers 206 with Content-Range and exactly those bytes; open-ended and whole reads too', async () => {
    // Prepare
    const bytes = Buffer.from('0123456789abcdefghij');
    const id = fake.drive.addFile({ name: 'r.bin', content: bytes });

    // Act
    const part = await drive.files.get({ fileId: id, alt: 'media' }, { responseType: 'stream', headers: { Range: 'bytes=5-9' } });
    const partBytes = await readAll(part.data);
    const tail = await drive.files.get({ fileId: id, alt: 'media' }, { responseType: 'stream', headers: { Range: 'bytes=15-' } });
    const tailBytes = await readAll(tail.data);
    const whole = await drive.files.get({ fileId: id, alt: 'media' }, { responseType: 'stream' });
    const wholeBytes = await readAll(whole.data);

    // Assess
    expect(part.status).toBe(206);
    expect(responseHeader(part, 'content-range')).toBe('bytes 5-9/20');
    expect(partBytes.toString()).toBe('56789');
    expect(responseHeader(tail, 'content-range')).toBe('bytes 15-19/20');
    expect(tailBytes.toString()).toBe('fghij');
    expect(whole.status).toBe(200);
    expect(responseHeader(whole, 'content-length')).toBe('20');
    expect(wholeBytes.equals(bytes)).toBe(true);
  });

  test('a range starting beyond the end answers 416 with bytes */size', async () => {
    // Prepare
    const id = fake.drive.addFile({ name: 'r.bin', content: Buffer.from('short') });

    // Act
    const error = await caught(drive.files.get({ fileId: id, alt: 'media' }, { headers: { Range: 'bytes=10-20' }, retry: false }));

    // Assess
    const failure = gaxiosFailure(error);
    expect(failure.status).toBe(416);
    expect(failure.headers?.get('content-range')).toBe('bytes */5');
  });

  test('a Google Doc refuses alt=media with 403 fileNotDownloadable', async () => {
    // Prepare
    const id = fake.drive.addFile({ name: 'Notes', mimeType: 'application/vnd.google-apps.document' });

    // Act
    const error = await caught(drive.files.get({ fileId: id, alt: 'media' }));

    // Assess
    expect(gaxiosFailure(error).status).toBe(403);
    expect(driveReason(error)).toBe('fileNotDownloadable');
  });

  test('an abusive file downloads only with acknowledgeAbuse', async () => {
    // Prepare
    const id = fake.drive.addFile({ name: 'x.mp4', content: Buffer.from('abc') });
    fake.drive.setAbusive(id);

    // Act
    const refused = await caught(drive.files.get({ fileId: id, alt: 'media' }));
    const allowed = await drive.files.get({ fileId: id, alt: 'media', acknowledgeAbuse: true }, { responseType: 'stream' });

    // Assess
    expect(driveReason(refused)).toBe('cannotDownloadAbusiveFile');
    expect((await readAll(allowed.data)).toString()).toBe('abc');
  });

  test('streams a 50 MiB synthetic file whose bytes match its md5 and whose ranges match the whole', async () => {
    // Prepare
    const size = 50 * 1024 * 1024;
    const id = fake.drive.addFile({ name: 'big.mp4', content: { syntheticBytes: size, seed: 7 } });

    // Act
    const meta = (await drive.files.get({ fileId: id, fields: 'size,md5Checksum' })).data;
    const whole = await drive.files.get({ fileId: id, alt: 'media' }, { responseType: 'stream' });
    const streamed = await md5OfStream(whole.data);
    const start = 33_554_431; // crosses an AES block and a chunk boundary
    const first = await drive.files.get({ fileId: id, alt: 'media' }, { responseType: 'stream', headers: { Range: `bytes=0-${start + 99}` } });
    const firstBytes = await readAll(first.data);
    const ranged = await drive.files.get({ fileId: id, alt: 'media' }, { responseType: 'stream', headers: { Range: `bytes=${start}-${start + 99}` } });
    const rangedBytes = await readAll(ranged.data);

    // Assess
    expect(meta.size).toBe(String(size));
    expect(streamed).toEqual({ md5: meta.md5Checksum, bytes: size });
    expect(rangedBytes.equals(firstBytes.subarray(start))).toBe(true);
    expect(fake.requests.find((r) => r.operation === 'files.get.media')?.bytesSent).toBe(size);
  });

  test('shared-drive items are 404 without supportsAllDrives and visible with it', async () => {
    // Prepare
    const driveId = fake.drive.addSharedDrive({ name: 'Warehouse' });
    const id = fake.drive.addFile({ name: 's.mp4', parentId: driveId, content: Buffer.from('s') });

    // Act
    const hidden = await caught(drive.files.get({ fileId: id }));
    const seen = await drive.files.get({ fileId: id, supportsAllDrives: true, fields: 'id,driveId,parents' });

    // Assess
    expect(driveReason(hidden)).toBe('notFound');
    expect(seen.data).toEqual({ id, driveId, parents: [driveId] });
  });
});

describe('Drive fake: account and shared drives', () => {
  let fake: FakeGoogle;
  let drive: drive_v3.Drive;

  beforeEach(async () => {
    fake = await startFakeGoogle({ storageLimitBytes: 1000 });
    drive = driveClientFor(fake).drive;
  });
  afterEach(async () => {
    await fake.stop();
  });

  test('about.get reports the user and storage quota, and requires fields', async () => {
    // Prepare
    fake.drive.addFile({ name: 'a.bin', content: Buffer.alloc(40) });

    // Act
    const about = (await drive.about.get({ fields: 'user(emailAddress,displayName),storageQuota' })).data;
    const missing = await caught(drive.about.get({}));

    // Assess
    expect(about.user).toEqual({ emailAddress: 'test.user@example.com', displayName: 'Test User' });
    expect(about.storageQuota).toEqual({ limit: '1000', usage: '40', usageInDrive: '40', usageInDriveTrash: '0' });
    expect(gaxiosFailure(missing).status).toBe(400);
  });

  test('drives.list pages shared drives; corpora=drive lists only that drive', async () => {
    // Prepare
    const ids = ['A', 'B', 'C'].map((name) => fake.drive.addSharedDrive({ name }));
    fake.drive.addFile({ name: 'in-b.mp4', parentId: ids[1], content: Buffer.from('b') });
    fake.drive.addFile({ name: 'in-my-drive.mp4', content: Buffer.from('m') });

    // Act
    const first = (await drive.drives.list({ pageSize: 2 })).data;
    const second = (await drive.drives.list({ pageSize: 2, pageToken: first.nextPageToken ?? '' })).data;
    const inB = (
      await drive.files.list({ corpora: 'drive', driveId: ids[1], includeItemsFromAllDrives: true, supportsAllDrives: true, fields: 'files(name,driveId)' })
    ).data.files;
    const myDrive = (await drive.files.list({ fields: 'files(name)' })).data.files;

    // Assess
    expect(first.drives?.map((d) => d.name)).toEqual(['A', 'B']);
    expect(second.drives?.map((d) => d.name)).toEqual(['C']);
    expect(second.nextPageToken).toBeUndefined();
    expect(inB).toEqual([{ name: 'in-b.mp4', driveId: ids[1] }]);
    expect(myDrive).toEqual([{ name: 'in-my-drive.mp4' }]);
  });
});

describe('Drive fake: changes', () => {
  let fake: FakeGoogle;
  let drive: drive_v3.Drive;

  useFakeDrive((started, client) => {
    fake = started;
    drive = client;
  });

  const fields = 'nextPageToken,newStartPageToken,changes(fileId,removed,changeType,file(name,parents,trashed))';

  test('reports new, renamed, moved-in, moved-out, trashed and deleted files with their current state', async () => {
    // Prepare
    const watched = fake.drive.addFolder({ name: 'watched' });
    const other = fake.drive.addFolder({ name: 'other' });
    const renamed = fake.drive.addFile({ name: 'old.mp4', parentId: watched, content: Buffer.from('1') });
    const movedIn = fake.drive.addFile({ name: 'in.mp4', parentId: other, content: Buffer.from('2') });
    const movedOut = fake.drive.addFile({ name: 'out.mp4', parentId: watched, content: Buffer.from('3') });
    const trashed = fake.drive.addFile({ name: 'trash.mp4', parentId: watched, content: Buffer.from('4') });
    const deleted = fake.drive.addFile({ name: 'gone.mp4', parentId: watched, content: Buffer.from('5') });
    const start = (await drive.changes.getStartPageToken({})).data.startPageToken as string;

    // Act
    const added = fake.drive.addFile({ name: 'new.mp4', parentId: watched, content: Buffer.from('6') });
    fake.drive.rename(renamed, 'renamed.mp4');
    fake.drive.move(movedIn, watched);
    fake.drive.move(movedOut, other);
    fake.drive.trash(trashed);
    fake.drive.delete(deleted);
    const res = (await drive.changes.list({ pageToken: start, fields })).data;

    // Assess
    const byId = new Map((res.changes ?? []).map((c) => [c.fileId, c]));
    expect(res.changes).toHaveLength(6);
    expect(byId.get(added)?.file).toEqual({ name: 'new.mp4', parents: [watched], trashed: false });
    expect(byId.get(renamed)?.file?.name).toBe('renamed.mp4');
    expect(byId.get(movedIn)?.file?.parents).toEqual([watched]);
    expect(byId.get(movedOut)?.file?.parents).toEqual([other]);
    expect(byId.get(trashed)).toMatchObject({ removed: false, file: { trashed: true } });
    expect(byId.get(deleted)).toEqual({ fileId: deleted, removed: true, changeType: 'file' });
    expect(res.nextPageToken).toBeUndefined();
    expect(Number(res.newStartPageToken)).toBeGreaterThan(Number(start));
  });

  test('pages changes with pageSize and reports each file once at its latest state', async () => {
    // Prepare
    const start = (await drive.changes.getStartPageToken({})).data.startPageToken as string;
    const ids = [1, 2, 3, 4, 5].map((i) => fake.drive.addFile({ name: `c${i}.mp4`, content: Buffer.from(`${i}`) }));
    fake.drive.rename(ids[0] as string, 'c1-renamed.mp4');

    // Act
    const seen: drive_v3.Schema$Change[] = [];
    let token = start;
    let newStart: string | undefined;
    while (!newStart) {
      const page = (await drive.changes.list({ pageToken: token, pageSize: 2, fields })).data;
      seen.push(...(page.changes ?? []));
      newStart = page.newStartPageToken ?? undefined;
      token = page.nextPageToken ?? token;
    }
    const afterwards = (await drive.changes.list({ pageToken: newStart, fields })).data;

    // Assess
    expect(seen.map((c) => c.fileId)).toEqual([ids[1], ids[2], ids[3], ids[4], ids[0]]);
    expect(seen[4]?.file?.name).toBe('c1-renamed.mp4');
    expect(afterwards.changes).toEqual([]);
  });

  test('includeRemoved=false hides deletions; shared-drive changes need includeItemsFromAllDrives', async () => {
    // Prepare
    const mine = fake.drive.addFile({ name: 'mine.mp4', content: Buffer.from('m') });
    const start = (await drive.changes.getStartPageToken({})).data.startPageToken as string;
    fake.drive.delete(mine);
    const driveId = fake.drive.addSharedDrive({ name: 'Shared' });
    const shared = fake.drive.addFile({ name: 'shared.mp4', parentId: driveId, content: Buffer.from('s') });

    // Act
    const plain = (await drive.changes.list({ pageToken: start, fields: 'changes(fileId,removed)' })).data.changes;
    const noRemoved = (await drive.changes.list({ pageToken: start, includeRemoved: false, fields: 'changes(fileId)' })).data.changes;
    const allDrives = (
      await drive.changes.list({ pageToken: start, includeItemsFromAllDrives: true, supportsAllDrives: true, fields: 'changes(changeType,fileId,driveId)' })
    ).data.changes;

    // Assess
    expect(plain).toEqual([{ fileId: mine, removed: true }]);
    expect(noRemoved).toEqual([]);
    expect(allDrives).toEqual([
      { changeType: 'file', fileId: mine },
      { changeType: 'drive', driveId },
      { changeType: 'file', fileId: shared, driveId },
    ]);
  });

  test('a malformed, future or expired page token answers 400 invalid on pageToken', async () => {
    // Prepare
    const start = (await drive.changes.getStartPageToken({})).data.startPageToken as string;
    fake.drive.addFile({ name: 'x.mp4', content: Buffer.from('x') });
    fake.drive.expireChangeTokens();

    // Act
    const errors = await Promise.all(
      ['garbage', '999999', start].map((pageToken) => caught(drive.changes.list({ pageToken }))),
    );

    // Assess
    for (const error of errors) {
      expect(gaxiosFailure(error).status).toBe(400);
      expect(driveReason(error)).toBe('invalid');
    }
  });
});
