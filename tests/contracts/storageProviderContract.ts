import { describe, expect, test } from 'vitest';
import { NotFoundError, PermanentError } from '../../core/errors';
import type { ProviderEntry } from '../../core/providers/providerEntry';
import type { StorageProvider } from '../../core/providers/storageProvider';
import { caught } from '../integration/standins/support/caught';
import { md5Hex, patterned } from './support/checksums';
import { useContractSubject, type ContractFactory } from './support/contractSubject';
import { describeProviderChangesContract } from './support/providerChangesContract';
import { readAll, type StorageProviderSubject } from './support/providerWorld';

/** Every page of a folder, following nextPageToken. */
async function listAll(provider: StorageProvider, folderId: string): Promise<{ entries: ProviderEntry[]; pages: number }> {
  const entries: ProviderEntry[] = [];
  let pageToken: string | undefined;
  let pages = 0;
  do {
    const page = await provider.listChildren(folderId, pageToken);
    entries.push(...page.items);
    pages += 1;
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken !== undefined);
  return { entries, pages };
}

const byName = (entries: readonly ProviderEntry[], name: string): ProviderEntry[] => entries.filter((entry) => entry.name === name);

/**
 * What every StorageProvider promises (core/providers/storageProvider.ts and
 * providerEntry.ts): listing a folder, entries whose identity is id and
 * revision, the changes feed (providerChangesContract), byte-exact ranged
 * reads, and the error kinds the sync decides on.
 */
export function describeStorageProviderContract(name: string, factory: ContractFactory<StorageProviderSubject>): void {
  describe(`StorageProvider contract: ${name}`, () => {
    const fresh = useContractSubject(factory);

    test('lists a folder\'s files, folders and shortcuts, each once, with what identifies them', async () => {
      // Prepare
      const { provider, world } = await fresh();
      const top = world.topFolderId;
      const day = world.addFolder('2025-07-18', top);
      const bytes = patterned(1000, 1);
      const clip = world.addFile('Cam1_20250718_090000.mp4', top, bytes);
      const nested = world.addFile('nested.mp4', day, patterned(10, 2));
      const shortcut = world.addShortcut('link to clip.mp4', top, clip);

      // Act
      const { entries } = await listAll(provider, top);

      // Assess
      expect(entries.map((entry) => entry.id).sort()).toEqual([day, clip, shortcut].sort());
      expect(entries.find((entry) => entry.id === day)).toMatchObject({ kind: 'folder', name: '2025-07-18', parentIds: [top], size: null, md5: null, trashed: false });
      expect(entries.find((entry) => entry.id === clip)).toMatchObject({
        kind: 'file',
        name: 'Cam1_20250718_090000.mp4',
        mimeType: 'video/mp4',
        parentIds: [top],
        size: 1000,
        md5: md5Hex(bytes),
        revision: expect.any(String),
        trashed: false,
        driveId: null,
        shortcutTarget: null,
      });
      expect(entries.find((entry) => entry.id === shortcut)).toMatchObject({ kind: 'shortcut', shortcutTarget: { id: clip, mimeType: 'video/mp4' }, size: null });
      expect((await listAll(provider, day)).entries.map((entry) => entry.id)).toEqual([nested]);
    });

    test('pages through a folder larger than one page, every entry exactly once', async () => {
      // Prepare
      const { provider, world, listPageSize } = await fresh();
      const count = 2 * listPageSize + 1;
      const ids = new Set<string>();
      for (let i = 0; i < count; i += 1) ids.add(world.addFile(`f${i}.mp4`, world.topFolderId, patterned(1, i)));

      // Act
      const { entries, pages } = await listAll(provider, world.topFolderId);

      // Assess
      expect(pages).toBe(3);
      expect(entries).toHaveLength(count);
      expect(new Set(entries.map((entry) => entry.id))).toEqual(ids);
    });

    test('keeps duplicate and non-Latin names apart by id, names exactly as stored', async () => {
      // Prepare
      const { provider, world } = await fresh();
      const top = world.topFolderId;
      const names = ['Cổng sau — 2025-07-18 09:00.mp4', 'Cổng sau — 2025-07-18 09:00.mp4', 'カメラ１.mp4', `${'Kho hàng '.repeat(20)}.mp4`, "O'Brien \\ quote.mp4"];
      const ids = names.map((fileName, i) => world.addFile(fileName, top, patterned(5, i)));

      // Act
      const { entries } = await listAll(provider, top);

      // Assess
      expect(new Set(entries.map((entry) => entry.id))).toEqual(new Set(ids));
      expect(byName(entries, names[0] ?? '').map((entry) => entry.id).sort()).toEqual([ids[0], ids[1]].sort());
      expect(entries.map((entry) => entry.name).sort()).toEqual([...names].sort());
    });

    test('leaves trashed files out of a listing, and the contents of a trashed folder too; getEntry still says trashed', async () => {
      // Prepare
      const { provider, world } = await fresh();
      const top = world.topFolderId;
      const kept = world.addFile('kept.mp4', top, patterned(3, 1));
      const binned = world.addFile('binned.mp4', top, patterned(3, 2));
      const folder = world.addFolder('old day', top);
      const inside = world.addFile('inside.mp4', folder, patterned(3, 3));
      world.trash(binned);
      world.trash(folder);

      // Act
      const topListing = await listAll(provider, top);
      const folderListing = await listAll(provider, folder);
      const binnedEntry = await provider.getEntry(binned);
      const insideEntry = await provider.getEntry(inside);

      // Assess
      expect(topListing.entries.map((entry) => entry.id)).toEqual([kept]);
      expect(folderListing.entries).toEqual([]);
      expect(binnedEntry).toMatchObject({ id: binned, trashed: true });
      expect(insideEntry).toMatchObject({ id: inside, trashed: true });
    });

    test('identity is id and revision: a rename keeps both, new bytes give a new revision and MD5', async () => {
      // Prepare
      const { provider, world } = await fresh();
      const id = world.addFile('a.mp4', world.topFolderId, patterned(100, 1));
      const before = await provider.getEntry(id);

      // Act
      world.rename(id, 'b.mp4');
      const renamed = await provider.getEntry(id);
      world.updateContent(id, patterned(120, 2));
      const edited = await provider.getEntry(id);

      // Assess
      expect(renamed).toMatchObject({ id, name: 'b.mp4', revision: before.revision, md5: before.md5, size: 100 });
      expect(edited.revision).not.toBe(before.revision);
      expect(edited).toMatchObject({ id, size: 120, md5: md5Hex(patterned(120, 2)) });
    });

    test('reads byte ranges exactly: a middle range, a single last byte, the whole file, a range past the end cut at the end', async () => {
      // Prepare
      const { provider, world } = await fresh();
      const bytes = patterned(300_000, 7);
      const id = world.addFile('range.mp4', world.topFolderId, bytes);

      // Act
      const middle = await readAll(await provider.readRange(id, 65_535, 200_000));
      const last = await readAll(await provider.readRange(id, 299_999, 299_999));
      const whole = await readAll(await provider.readRange(id, 0, 299_999));
      const pastEnd = await readAll(await provider.readRange(id, 299_990, 400_000));

      // Assess
      expect(middle).toEqual(Buffer.from(bytes.subarray(65_535, 200_001)));
      expect(last).toEqual(Buffer.from(bytes.subarray(299_999)));
      expect(md5Hex(whole)).toBe((await provider.getEntry(id)).md5);
      expect(pastEnd).toEqual(Buffer.from(bytes.subarray(299_990)));
    });

    test('a missing file is NotFoundError for getEntry and readRange, also after it was deleted', async () => {
      // Prepare
      const { provider, world } = await fresh();
      const id = world.addFile('soon gone.mp4', world.topFolderId, patterned(3, 1));
      world.delete(id);

      // Act
      const never = await caught(provider.getEntry('no-such-file'));
      const read = await caught(provider.readRange('no-such-file', 0, 0));
      const deleted = await caught(provider.getEntry(id));

      // Assess
      expect(never).toBeInstanceOf(NotFoundError);
      expect(read).toBeInstanceOf(NotFoundError);
      expect(deleted).toBeInstanceOf(NotFoundError);
    });

    test('a folder has no bytes to read: PermanentError', async () => {
      // Prepare
      const { provider, world } = await fresh();
      const folder = world.addFolder('not a file', world.topFolderId);

      // Act
      const read = await caught(provider.readRange(folder, 0, 10));

      // Assess
      expect(read).toBeInstanceOf(PermanentError);
    });

    test('names the account and lists shared drives as a page', async () => {
      // Prepare
      const { provider } = await fresh();

      // Act
      const account = await provider.account();
      const drives = await provider.sharedDrives();

      // Assess
      expect(account.email).toMatch(/@/);
      expect(account.quota.usageBytes).toBeGreaterThanOrEqual(0);
      expect(Array.isArray(drives.items)).toBe(true);
      expect(drives.nextPageToken).toBeNull();
    });

    describeProviderChangesContract(fresh);
  });
}
