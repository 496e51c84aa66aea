// The Drive the fake serves: My Drive, shared drives, folders, files and
// shortcuts, mutated by tests through the methods below. Every mutation bumps
// the item's version and appends to the changes log, as Drive does.
import { ChangeLog } from './ChangeLog';
import { makeContent } from './makeContent';
import type { ContentSpec, DriveItem, SharedDrive } from './types';
import { FOLDER_MIME, GOOGLE_APPS_PREFIX, SHORTCUT_MIME } from './types';

export interface DriveModelOptions {
  /** Clock for createdTime/modifiedTime; tests may pin it. */
  now?: () => number;
  /** Keep only this many change entries; older page tokens become invalid. */
  changeRetention?: number;
}

export interface AddFolderInput {
  name: string;
  parentId?: string;
  driveId?: string;
}

export interface AddFileInput {
  name: string;
  parentId?: string;
  mimeType?: string;
  /** Omit only for Google Docs types (application/vnd.google-apps.*), which have no bytes. */
  content?: ContentSpec;
  modifiedTime?: string;
  createdTime?: string;
}

export interface AddShortcutInput {
  name: string;
  parentId?: string;
  targetId: string;
}

const MIME_BY_EXTENSION: Record<string, string> = {
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  mkv: 'video/x-matroska',
  avi: 'video/x-msvideo',
  webm: 'video/webm',
  txt: 'text/plain',
  jpg: 'image/jpeg',
  png: 'image/png',
};

export class DriveModel {
  readonly rootId = '0AFakeMyDriveRootUk9PVA';
  readonly changes: ChangeLog;
  private readonly items = new Map<string, DriveItem>();
  private readonly childIds = new Map<string, Set<string>>();
  private readonly drives = new Map<string, SharedDrive>();
  private readonly now: () => number;
  private nextFile = 1;
  private nextDrive = 1;
  private nextRevision = 1;

  constructor(options: DriveModelOptions = {}) {
    this.now = options.now ?? Date.now;
    this.changes = new ChangeLog(options.changeRetention);
    this.insert(this.makeItem({ id: this.rootId, name: 'My Drive', mimeType: FOLDER_MIME, parents: [], isRoot: true }));
  }

  // ---- test-facing mutations ----

  addSharedDrive(input: { name: string }): string {
    const id = `0AFakeSharedDrive${String(this.nextDrive++).padStart(4, '0')}Uk9PVA`;
    const createdTime = this.timestamp();
    this.drives.set(id, { id, name: input.name, createdTime });
    // A shared drive's id is also the id of its root folder.
    this.insert(this.makeItem({ id, name: input.name, mimeType: FOLDER_MIME, parents: [], driveId: id, isRoot: true }));
    this.changes.append('drive', id, createdTime, id);
    return id;
  }

  addFolder(input: AddFolderInput): string {
    const parentId = input.parentId ?? input.driveId ?? this.rootId;
    return this.addChild(input.name, FOLDER_MIME, parentId, {});
  }

  addFile(input: AddFileInput): string {
    const mimeType = input.mimeType ?? guessMime(input.name);
    const isGoogleType = mimeType.startsWith(GOOGLE_APPS_PREFIX);
    if (!isGoogleType && !input.content) throw new Error(`addFile(${input.name}): content is required for ${mimeType}`);
    return this.addChild(input.name, mimeType, input.parentId ?? this.rootId, {
      ...(input.content && !isGoogleType
        ? { content: makeContent(input.content), headRevisionId: this.revisionId() }
        : {}),
      ...(input.modifiedTime ? { modifiedTime: input.modifiedTime } : {}),
      ...(input.createdTime ? { createdTime: input.createdTime } : {}),
    });
  }

  addShortcut(input: AddShortcutInput): string {
    const target = this.require(input.targetId);
    return this.addChild(input.name, SHORTCUT_MIME, input.parentId ?? this.rootId, {
      shortcutDetails: { targetId: target.id, targetMimeType: target.mimeType },
    });
  }

  rename(id: string, name: string): void {
    const item = this.require(id);
    item.name = name;
    this.touch(item, true);
  }

  move(id: string, newParentId: string): void {
    const item = this.require(id);
    const parent = this.require(newParentId);
    for (const old of item.parents) this.childIds.get(old)?.delete(item.id);
    item.parents = [parent.id];
    this.childSet(parent.id).add(item.id);
    const driveChanged = item.driveId !== parent.driveId;
    this.setDriveId(item, parent.driveId);
    this.touch(item, false);
    if (driveChanged) for (const d of this.descendants(item.id)) this.touch(d, false);
  }

  trash(id: string): void {
    const item = this.require(id);
    item.trashed = true;
    item.explicitlyTrashed = true;
    this.touch(item, false);
    // Drive trashes the contents of a trashed folder implicitly.
    for (const d of this.descendants(item.id)) {
      if (d.trashed) continue;
      d.trashed = true;
      d.explicitlyTrashed = false;
      this.touch(d, false);
    }
  }

  untrash(id: string): void {
    const item = this.require(id);
    item.trashed = false;
    item.explicitlyTrashed = false;
    this.touch(item, false);
    for (const d of this.descendants(item.id)) {
      if (!d.trashed || d.explicitlyTrashed) continue;
      d.trashed = false;
      this.touch(d, false);
    }
  }

  updateContent(id: string, content: ContentSpec): void {
    const item = this.require(id);
    if (!item.content) throw new Error(`updateContent(${id}): ${item.mimeType} has no binary content`);
    item.content = makeContent(content);
    item.headRevisionId = this.revisionId();
    item.wrongMd5 = false;
    this.touch(item, true);
  }

  /** Permanently deletes an item and everything under it; changes report `removed: true`. */
  delete(id: string): void {
    const item = this.require(id);
    if (item.isRoot) throw new Error('delete: root folders cannot be deleted');
    for (const d of [...this.descendants(item.id), item]) {
      this.items.delete(d.id);
      this.childIds.delete(d.id);
      for (const p of d.parents) this.childIds.get(p)?.delete(d.id);
      this.changes.append('file', d.id, this.timestamp(), d.driveId);
    }
  }

  /** Metadata advertises an md5Checksum that does not match the bytes (until updateContent). */
  setWrongMd5(id: string, wrong = true): void {
    this.require(id).wrongMd5 = wrong;
  }

  /** Downloads answer 403 cannotDownloadAbusiveFile unless acknowledgeAbuse=true. */
  setAbusive(id: string, abusive = true): void {
    this.require(id).abusive = abusive;
  }

  /** Invalidates every page token issued so far (the "cursor too old" path). */
  expireChangeTokens(): void {
    this.changes.expireTokens();
  }

  // ---- reads used by the handlers ----

  resolveId = (id: string): string => (id === 'root' ? this.rootId : id);

  get(id: string): DriveItem | undefined {
    return this.items.get(this.resolveId(id));
  }

  children(parentId: string): DriveItem[] {
    const ids = this.childIds.get(this.resolveId(parentId));
    return ids ? [...ids].map((id) => this.items.get(id) as DriveItem) : [];
  }

  allItems(): IterableIterator<DriveItem> {
    return this.items.values();
  }

  sharedDrives(): SharedDrive[] {
    return [...this.drives.values()];
  }

  getSharedDrive(id: string): SharedDrive | undefined {
    return this.drives.get(id);
  }

  /** The md5 Drive would advertise: the real one, or a deliberately wrong one. */
  async md5For(item: DriveItem): Promise<string | undefined> {
    if (!item.content) return undefined;
    const real = await item.content.md5();
    return item.wrongMd5 ? real.replace(/^./, (c) => (c === '0' ? '1' : '0')) : real;
  }

  /** Bytes used in My Drive, and in its trash, for about.get storageQuota. */
  usage(): { usageInDrive: number; usageInDriveTrash: number } {
    let usageInDrive = 0;
    let usageInDriveTrash = 0;
    for (const item of this.items.values()) {
      if (item.driveId || !item.content) continue;
      if (item.trashed) usageInDriveTrash += item.content.size;
      else usageInDrive += item.content.size;
    }
    return { usageInDrive, usageInDriveTrash };
  }

  // ---- internals ----

  private addChild(name: string, mimeType: string, parentId: string, extra: Partial<DriveItem>): string {
    const parent = this.require(parentId);
    if (parent.mimeType !== FOLDER_MIME) throw new Error(`parent ${parentId} is not a folder`);
    const id = `1fake${String(this.nextFile++).padStart(6, '0')}`;
    const item = this.makeItem({ id, name, mimeType, parents: [parent.id], driveId: parent.driveId, isRoot: false, ...extra });
    this.insert(item);
    this.childSet(parent.id).add(id);
    this.changes.append('file', id, item.modifiedTime, item.driveId);
    return id;
  }

  private makeItem(fields: Partial<DriveItem> & Pick<DriveItem, 'id' | 'name' | 'mimeType' | 'parents' | 'isRoot'>): DriveItem {
    const time = this.timestamp();
    return {
      trashed: false,
      explicitlyTrashed: false,
      createdTime: fields.createdTime ?? time,
      modifiedTime: fields.modifiedTime ?? fields.createdTime ?? time,
      version: 1,
      seq: this.items.size,
      wrongMd5: false,
      abusive: false,
      ...fields,
    };
  }

  private insert(item: DriveItem): void {
    this.items.set(item.id, item);
  }

  private require(id: string): DriveItem {
    const item = this.get(id);
    if (!item) throw new Error(`no such item: ${id}`);
    return item;
  }

  private childSet(parentId: string): Set<string> {
    let set = this.childIds.get(parentId);
    if (!set) {
      set = new Set();
      this.childIds.set(parentId, set);
    }
    return set;
  }

  private descendants(id: string): DriveItem[] {
    const out: DriveItem[] = [];
    const stack = [id];
    while (stack.length > 0) {
      const current = stack.pop() as string;
      for (const childId of this.childIds.get(current) ?? []) {
        const child = this.items.get(childId);
        if (!child) continue;
        out.push(child);
        stack.push(childId);
      }
    }
    return out;
  }

  private setDriveId(item: DriveItem, driveId: string | undefined): void {
    for (const d of [item, ...this.descendants(item.id)]) {
      if (driveId) d.driveId = driveId;
      else delete d.driveId;
    }
  }

  private touch(item: DriveItem, modified: boolean): void {
    item.version++;
    if (modified) item.modifiedTime = this.timestamp();
    this.changes.append('file', item.id, this.timestamp(), item.driveId);
  }

  private timestamp(): string {
    return new Date(this.now()).toISOString();
  }

  private revisionId(): string {
    return `0Bfake-rev-${String(this.nextRevision++).padStart(6, '0')}`;
  }
}

function guessMime(name: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return (ext && MIME_BY_EXTENSION[ext]) ?? 'application/octet-stream';
}
