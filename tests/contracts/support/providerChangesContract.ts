import { describe, expect, test } from 'vitest';
import type { ProviderChange } from '../../../core/providers/providerEntry';
import { CursorInvalidError } from '../../../core/providers/providerErrors';
import type { StorageProvider } from '../../../core/providers/storageProvider';
import { caught } from '../../integration/standins/support/caught';
import { md5Hex, patterned } from './checksums';
import type { StorageProviderSubject } from './providerWorld';

/** One round of the feed: every page since `cursor`, and the cursor to keep for the next round. */
async function readFeed(provider: StorageProvider, cursor: string): Promise<{ changes: ProviderChange[]; pages: number; newCursor: string }> {
  const changes: ProviderChange[] = [];
  let pageToken: string | undefined;
  for (let pages = 1; ; pages += 1) {
    const page = await provider.listChanges(cursor, pageToken);
    changes.push(...page.changes);
    if (page.newCursor !== null) {
      expect(page.nextPageToken).toBeNull();
      return { changes, pages, newCursor: page.newCursor };
    }
    expect(page.nextPageToken).not.toBeNull();
    pageToken = page.nextPageToken ?? undefined;
  }
}

/** The latest change per file id (a file may show in more than one page of one round). */
const latestById = (changes: readonly ProviderChange[]): Map<string, ProviderChange> => new Map(changes.map((change) => [change.fileId, change]));

/** The changes feed since a cursor (startCursor, listChanges). */
export function describeProviderChangesContract(fresh: () => Promise<StorageProviderSubject>): void {
  describe('changes feed', () => {
    test('reports what changed since the cursor (new, renamed, moved, trashed, new bytes, deleted) and nothing from before it', async () => {
      // Prepare
      const { provider, world } = await fresh();
      const top = world.topFolderId;
      const other = world.addFolder('Kho hàng', top);
      const untouched = world.addFile('untouched.mp4', top, patterned(4, 1));
      const renamed = world.addFile('old name.mp4', top, patterned(4, 2));
      const moved = world.addFile('moved.mp4', top, patterned(4, 3));
      const trashed = world.addFile('trashed.mp4', top, patterned(4, 4));
      const edited = world.addFile('edited.mp4', top, patterned(4, 5));
      const deleted = world.addFile('deleted.mp4', top, patterned(4, 6));
      const cursor = await provider.startCursor();
      const editedBefore = await provider.getEntry(edited);

      // Act
      const added = world.addFile('Cổng sau 10:00.mp4', other, patterned(6, 7));
      world.rename(renamed, 'new name.mp4');
      world.move(moved, other);
      world.trash(trashed);
      world.updateContent(edited, patterned(9, 8));
      world.delete(deleted);
      const feed = await readFeed(provider, cursor);

      // Assess
      const byId = latestById(feed.changes);
      expect(byId.has(untouched)).toBe(false);
      expect(byId.get(added)).toMatchObject({ removed: false, entry: { id: added, name: 'Cổng sau 10:00.mp4', parentIds: [other], size: 6, trashed: false } });
      expect(byId.get(renamed)).toMatchObject({ removed: false, entry: { name: 'new name.mp4' } });
      expect(byId.get(moved)).toMatchObject({ removed: false, entry: { parentIds: [other] } });
      expect(byId.get(trashed)).toMatchObject({ removed: false, entry: { id: trashed, trashed: true } });
      expect(byId.get(edited)?.entry).toMatchObject({ size: 9, md5: md5Hex(patterned(9, 8)) });
      expect(byId.get(edited)?.entry?.revision).not.toBe(editedBefore.revision);
      expect(byId.get(deleted)).toEqual({ fileId: deleted, removed: true, entry: null });
    });

    test('the new cursor starts the next round after everything already reported', async () => {
      // Prepare
      const { provider, world } = await fresh();
      const first = await readFeed(provider, await provider.startCursor());
      const before = world.addFile('before.mp4', world.topFolderId, patterned(2, 1));
      const round = await readFeed(provider, first.newCursor);

      // Act
      const after = world.addFile('after.mp4', world.topFolderId, patterned(2, 2));
      const next = await readFeed(provider, round.newCursor);
      const quiet = await readFeed(provider, next.newCursor);

      // Assess
      expect(first.changes).toEqual([]);
      expect([...latestById(round.changes).keys()]).toContain(before);
      expect([...latestById(next.changes).keys()]).toEqual([after]);
      expect(quiet.changes).toEqual([]);
    });

    test('a round with more changes than one page is read by following nextPageToken', async () => {
      // Prepare
      const { provider, world, changesPageSize } = await fresh();
      const cursor = await provider.startCursor();
      const ids = Array.from({ length: 2 * changesPageSize + 1 }, (_, i) => world.addFile(`c${i}.mp4`, world.topFolderId, patterned(1, i)));

      // Act
      const feed = await readFeed(provider, cursor);

      // Assess
      expect(feed.pages).toBeGreaterThanOrEqual(3);
      expect(new Set(feed.changes.map((change) => change.fileId))).toEqual(new Set(ids));
    });

    test('a cursor the provider does not know is CursorInvalidError, so the sync lists everything again', async () => {
      // Prepare
      const { provider } = await fresh();

      // Act
      const refused = await caught(provider.listChanges('not-a-cursor'));

      // Assess
      expect(refused).toBeInstanceOf(CursorInvalidError);
    });
  });
}
