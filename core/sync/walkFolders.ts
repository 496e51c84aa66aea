import type { ProviderEntry } from '../providers/providerEntry';
import type { StorageProvider } from '../providers/storageProvider';

export interface WalkedFolder {
  readonly kind: 'folder';
  readonly entry: ProviderEntry;
  readonly rootFolderId: string;
  /** Path below the chosen folder ('' for the chosen folder itself). */
  readonly relativePath: string;
  /** Positions of the folders in `relativePath` (this one included) that are shortcuts' display names. */
  readonly shortcutFolders: readonly number[];
}

export interface WalkedFile {
  readonly kind: 'file';
  readonly entry: ProviderEntry;
  readonly rootFolderId: string;
  readonly rootFolderName: string;
  /** Path below the chosen folder, ending with the file's name. */
  readonly relativePath: string;
  /** The folder it was found in (for a shortcut: the shortcut's folder). */
  readonly parentFolderId: string;
  /** Positions of the folders in `relativePath` that are shortcuts' display names (0: the first folder below the chosen one). */
  readonly shortcutFolders: readonly number[];
}

/**
 * What a walk noted, as a code a client words itself: `shortcut_unreadable`
 * (a shortcut to something the account cannot open), `folder_taken` (a
 * shortcut loop or a second path to a folder already walked; skipped).
 */
export const walkNoteCodes = ['shortcut_unreadable', 'folder_taken'] as const;
export type WalkNoteCode = (typeof walkNoteCodes)[number];

export interface WalkNote {
  readonly kind: 'note';
  readonly code: WalkNoteCode;
  /** The shortcut's or folder's name as listed. */
  readonly name: string;
  /** In English, for people and logs. */
  readonly message: string;
  readonly relativePath: string;
}

export type WalkItem = WalkedFolder | WalkedFile | WalkNote;

/** A folder met inside a chosen one (through the changes feed), and where it sits. */
export interface WalkStart {
  readonly folderId: string;
  readonly rootFolderId: string;
  readonly rootFolderName: string;
  /** Its path below the chosen folder, as the folder index has it. */
  readonly relativePath: string;
  readonly shortcutFolders: readonly number[];
}

/**
 * Lists everything under the chosen folders, depth-first, one page at a time,
 * and follows shortcuts: a shortcut to a file yields the target file; to a
 * folder, the folder's tree. Each folder is entered once, so a shortcut to an
 * ancestor (or to a folder seen through another path) cannot loop; it yields a
 * note instead. Trashed items are never listed.
 */
export async function* walkFolders(provider: StorageProvider, rootFolderIds: readonly string[]): AsyncGenerator<WalkItem> {
  const entered = new Set<string>();
  for (const rootId of rootFolderIds) {
    const root = await provider.getEntry(rootId);
    if (entered.has(root.id)) continue;
    entered.add(root.id);
    yield { kind: 'folder', entry: root, rootFolderId: root.id, relativePath: '', shortcutFolders: [] };
    yield* walkInside(provider, root.id, { rootId: root.id, rootName: root.name, path: '', depth: 0, shortcutFolders: [] }, entered);
  }
}

/**
 * Lists what is inside one folder already placed in a chosen folder's tree
 * (not the folder itself), exactly as walkFolders would have listed it there:
 * the same paths and shortcut positions. Folders in `taken` (already indexed)
 * are not entered again.
 */
export async function* walkFolderTree(provider: StorageProvider, start: WalkStart, taken: ReadonlySet<string>): AsyncGenerator<WalkItem> {
  const entered = new Set(taken).add(start.folderId);
  const depth = start.relativePath === '' ? 0 : start.relativePath.split('/').length;
  const scope = { rootId: start.rootFolderId, rootName: start.rootFolderName, path: start.relativePath, depth, shortcutFolders: start.shortcutFolders };
  yield* walkInside(provider, start.folderId, scope, entered);
}

interface WalkScope {
  readonly rootId: string;
  readonly rootName: string;
  readonly path: string;
  readonly depth: number;
  readonly shortcutFolders: readonly number[];
}

async function* walkInside(provider: StorageProvider, folderId: string, scope: WalkScope, entered: Set<string>): AsyncGenerator<WalkItem> {
  let pageToken: string | undefined;
  do {
    const page = await provider.listChildren(folderId, pageToken);
    for (const child of page.items) {
      if (child.trashed) continue;
      const childPath = scope.path === '' ? child.name : `${scope.path}/${child.name}`;
      let target = child;
      if (child.kind === 'shortcut') {
        if (child.shortcutTarget === null) continue;
        try {
          target = await provider.getEntry(child.shortcutTarget.id);
        } catch {
          yield { kind: 'note', code: 'shortcut_unreadable', name: child.name, message: `shortcut "${child.name}" points to something this account cannot open`, relativePath: childPath };
          continue;
        }
        if (target.trashed) continue;
      }
      if (target.kind === 'folder') {
        if (entered.has(target.id)) {
          yield { kind: 'note', code: 'folder_taken', name: child.name, message: `"${child.name}" leads to a folder already taken (a shortcut loop or a second path); skipped`, relativePath: childPath };
          continue;
        }
        entered.add(target.id);
        const shortcutFolders = child.kind === 'shortcut' ? [...scope.shortcutFolders, scope.depth] : scope.shortcutFolders;
        yield { kind: 'folder', entry: target, rootFolderId: scope.rootId, relativePath: childPath, shortcutFolders };
        yield* walkInside(provider, target.id, { ...scope, path: childPath, depth: scope.depth + 1, shortcutFolders }, entered);
      } else if (target.kind === 'file') {
        yield { kind: 'file', entry: target, rootFolderId: scope.rootId, rootFolderName: scope.rootName, relativePath: childPath, parentFolderId: folderId, shortcutFolders: scope.shortcutFolders };
      }
    }
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken !== undefined);
}
