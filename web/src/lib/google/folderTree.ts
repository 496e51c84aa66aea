import { m } from '../../paraglide/messages.js';
import type { DriveFolder, DriveFoldersPage } from '../api/types';

/**
 * The lazy folder tree's state, as plain data the component keeps in $state:
 * a node's children are fetched the first time it is opened, one page at a
 * time ("Show more"), and a failed load can be retried. Kept free of Svelte so
 * it is tested as is.
 */

export interface TreeNode {
  id: string;
  name: string;
  viaShortcut: boolean;
  /** 'drive' for My Drive and shared drives, the tree's top level. */
  kind: 'drive' | 'folder';
  expanded: boolean;
  /** null until first opened. */
  children: TreeNode[] | null;
  nextPageToken: string | null;
  loading: boolean;
  error: string;
  /** Videos directly inside, on the pages of children loaded so far. */
  videos: number;
}

export interface ChosenFolder {
  id: string;
  name: string;
}

export type LoadFolders = (parentId: string, pageToken?: string) => Promise<DriveFoldersPage>;

export const MY_DRIVE_ID = 'root';

/** Empty pages read on at most, one click, before the tree offers "Show more". */
const EMPTY_PAGES_READ_ON = 5;

export function driveNode(id: string, name: string): TreeNode {
  return { id, name, viaShortcut: false, kind: 'drive', expanded: false, children: null, nextPageToken: null, loading: false, error: '', videos: 0 };
}

function folderNode(folder: DriveFolder): TreeNode {
  return { ...driveNode(folder.id, folder.name), kind: 'folder', viaShortcut: folder.viaShortcut };
}

/** Fetches the next page of a node's children (the first page when never opened). */
export async function loadChildren(node: TreeNode, load: LoadFolders): Promise<void> {
  if (node.loading) return;
  node.loading = true;
  node.error = '';
  try {
    // A folder can be listed twice (itself and a shortcut to it beside it, or again on a later page): shown once.
    const children = [...(node.children ?? [])];
    const known = new Set(children.map((child) => child.id));
    let token = node.children === null ? undefined : (node.nextPageToken ?? undefined);
    let added = 0;
    let videos = node.videos;
    // Drive may answer a page with no folders but more to come (its files filtered out):
    // read on a few pages rather than show "no folders" beside "show more".
    for (let pages = 0; pages < EMPTY_PAGES_READ_ON; pages += 1) {
      const page = await load(node.id, token);
      videos += page.videos ?? 0;
      for (const folder of page.items) {
        if (known.has(folder.id)) continue;
        known.add(folder.id);
        children.push(folderNode(folder));
        added += 1;
      }
      token = page.nextPageToken ?? undefined;
      if (added > 0 || token === undefined) break;
    }
    node.children = children;
    node.videos = videos;
    node.nextPageToken = token ?? null;
  } catch (error) {
    node.error = error instanceof Error ? error.message : m.folder_load_failed();
  } finally {
    node.loading = false;
  }
}

/** Opens or closes a node; the first opening loads its children. */
export async function toggleExpanded(node: TreeNode, load: LoadFolders): Promise<void> {
  node.expanded = !node.expanded;
  if (node.expanded && node.children === null) await loadChildren(node, load);
}

export function isChosen(chosen: readonly ChosenFolder[], id: string): boolean {
  return chosen.some((folder) => folder.id === id);
}

/** Adds the folder if it was not chosen, removes it if it was; order of choosing is kept. */
export function toggleChosen(chosen: readonly ChosenFolder[], folder: ChosenFolder): ChosenFolder[] {
  return isChosen(chosen, folder.id) ? chosen.filter((entry) => entry.id !== folder.id) : [...chosen, { id: folder.id, name: folder.name }];
}

/** Names for chosen ids whose names are unknown (a saved source lists ids only). */
export function nameChosen(chosen: readonly ChosenFolder[], nodes: readonly TreeNode[]): ChosenFolder[] {
  const names = new Map<string, string>();
  const visit = (list: readonly TreeNode[]): void => {
    for (const node of list) {
      names.set(node.id, node.name);
      if (node.children) visit(node.children);
    }
  };
  visit(nodes);
  return chosen.map((folder) => (folder.name === folder.id && names.has(folder.id) ? { ...folder, name: names.get(folder.id) ?? folder.name } : folder));
}
