import { createHash } from 'node:crypto';
import type { ProviderEntry, ProviderEntryKind } from '../../core/providers/providerEntry';
import { SyntheticContent } from './syntheticContent';

/** The id of the memory provider's top folder (as Drive's 'root' alias). */
export const MEMORY_ROOT = 'root';
export const MEMORY_FOLDER_MIME = 'inode/directory';
export const MEMORY_SHORTCUT_MIME = 'application/x-vtrack-shortcut';

export type MemoryContent = Uint8Array | SyntheticContent;

export interface MemoryFile {
  readonly id: string;
  readonly name?: string;
  readonly mimeType?: string;
  readonly content: MemoryContent;
  readonly revision?: string;
  /** What the provider advertises; the content's real MD5 when absent. Set it wrong to fake corruption. */
  readonly md5?: string;
  /** The folder it sits in; the top folder (MEMORY_ROOT) when absent. */
  readonly parentId?: string;
}

export interface MemoryItem {
  readonly id: string;
  name: string;
  readonly kind: ProviderEntryKind;
  mimeType: string;
  parentId: string;
  content: MemoryContent | null;
  revision: string | null;
  advertisedMd5: string | null;
  trashed: boolean;
  readonly shortcutTarget: { readonly id: string; readonly mimeType: string } | null;
}

export const sizeOf = (content: MemoryContent): number => (content instanceof SyntheticContent ? content.size : content.byteLength);

/**
 * The files, folders and shortcuts of the in-memory provider, and its changes
 * log: every mutation appends the item's id with the next sequence number, as
 * Drive's changes feed does. Trashing a folder trashes its contents implicitly.
 */
export class MemoryTree {
  private readonly items = new Map<string, MemoryItem>();
  private readonly log: { readonly seq: number; readonly id: string }[] = [];
  private readonly md5Cache = new Map<MemoryContent, string>();
  private nextId = 1;
  private nextRevision = 1;

  /** The sequence number of the latest change (0: none yet). */
  get cursor(): number {
    return this.log.length;
  }

  /** Adds a file, or replaces the file with that id (new content, new revision). */
  addFile(file: MemoryFile): ProviderEntry {
    this.put({
      id: file.id,
      name: file.name ?? `${file.id}.mp4`,
      kind: 'file',
      mimeType: file.mimeType ?? 'video/mp4',
      parentId: file.parentId ?? MEMORY_ROOT,
      content: file.content,
      revision: file.revision ?? 'rev-1',
      advertisedMd5: file.md5 ?? null,
      trashed: false,
      shortcutTarget: null,
    });
    return this.entryOf(this.require(file.id));
  }

  addFolder(input: { readonly name: string; readonly parentId?: string }): string {
    return this.put(this.bare(input.name, 'folder', MEMORY_FOLDER_MIME, input.parentId ?? MEMORY_ROOT, null)).id;
  }

  addShortcut(input: { readonly name: string; readonly parentId?: string; readonly targetId: string }): string {
    const target = this.require(input.targetId);
    const shortcut = this.bare(input.name, 'shortcut', MEMORY_SHORTCUT_MIME, input.parentId ?? MEMORY_ROOT, { id: target.id, mimeType: target.mimeType });
    return this.put(shortcut).id;
  }

  rename(id: string, name: string): void {
    this.require(id).name = name;
    this.touch(id);
  }

  move(id: string, parentId: string): void {
    this.require(id).parentId = parentId;
    this.touch(id);
  }

  trash(id: string): void {
    const item = this.require(id);
    item.trashed = true;
    this.touch(id);
    for (const child of this.descendants(id)) {
      if (child.trashed) continue;
      child.trashed = true;
      this.touch(child.id);
    }
  }

  updateContent(id: string, content: MemoryContent): void {
    const item = this.require(id);
    if (item.kind !== 'file') throw new Error(`updateContent(${id}): a ${item.kind} has no content`);
    item.content = content;
    item.advertisedMd5 = null;
    item.revision = `mrev-${this.nextRevision++}`;
    this.touch(id);
  }

  /** Deletes an item and everything under it; the changes feed reports them removed. */
  delete(id: string): void {
    for (const item of [...this.descendants(id), this.require(id)]) {
      this.items.delete(item.id);
      this.touch(item.id);
    }
  }

  get(id: string): MemoryItem | undefined {
    return this.items.get(id);
  }

  /** Children of a folder that are not in the trash, in the order they were added. */
  children(folderId: string): MemoryItem[] {
    return [...this.items.values()].filter((item) => item.parentId === folderId && !item.trashed);
  }

  /** Ids changed after `seq`, each once at its latest change, in change order. */
  changedSince(seq: number): { readonly seq: number; readonly id: string }[] {
    const latest = new Map<string, number>();
    for (const change of this.log.slice(seq)) latest.set(change.id, change.seq);
    return [...latest].map(([id, at]) => ({ id, seq: at })).sort((a, b) => a.seq - b.seq);
  }

  entryOf(item: MemoryItem): ProviderEntry {
    const content = item.content;
    return {
      id: item.id,
      name: item.name,
      kind: item.kind,
      mimeType: item.mimeType,
      parentIds: [item.parentId],
      size: content === null ? null : sizeOf(content),
      md5: content === null ? null : (item.advertisedMd5 ?? this.realMd5(content)),
      revision: item.revision,
      modifiedTime: null,
      createdTime: null,
      trashed: item.trashed,
      driveId: null,
      shortcutTarget: item.shortcutTarget,
    };
  }

  private bare(name: string, kind: ProviderEntryKind, mimeType: string, parentId: string, shortcutTarget: MemoryItem['shortcutTarget']): MemoryItem {
    const id = `m${kind}-${this.nextId++}`;
    return { id, name, kind, mimeType, parentId, content: null, revision: null, advertisedMd5: null, trashed: false, shortcutTarget };
  }

  private put(item: MemoryItem): MemoryItem {
    this.items.set(item.id, item);
    this.touch(item.id);
    return item;
  }

  private touch(id: string): void {
    this.log.push({ seq: this.log.length + 1, id });
  }

  private require(id: string): MemoryItem {
    const item = this.items.get(id);
    if (item === undefined) throw new Error(`no such item: ${id}`);
    return item;
  }

  private descendants(id: string): MemoryItem[] {
    const out: MemoryItem[] = [];
    for (const item of this.items.values()) {
      if (item.parentId !== id) continue;
      out.push(item, ...this.descendants(item.id));
    }
    return out;
  }

  private realMd5(content: MemoryContent): string {
    let md5 = this.md5Cache.get(content);
    if (md5 === undefined) {
      md5 = content instanceof SyntheticContent ? content.md5Hex() : createHash('md5').update(content).digest('hex');
      this.md5Cache.set(content, md5);
    }
    return md5;
  }
}
