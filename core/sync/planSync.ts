import type { CameraMappingConfig } from '../cameras/cameraMappingConfig';
import type { Clock } from '../ports/clock';
import type { ObjectStore } from '../ports/objectStore';
import { abandonTransfer } from '../transfer/abandonTransfer';
import type { TrackedFileRepository } from '../ports/trackedFileRepository';
import type { TimeZone } from '../time/timeZone';
import type { ProviderEntry } from '../providers/providerEntry';
import { CursorInvalidError } from '../providers/providerErrors';
import type { StorageProvider } from '../providers/storageProvider';
import { assignObjectKey } from './assignObjectKey';
import { dropPreviousRevision } from './dropPreviousRevision';
import type { FootageCleaner } from '../ports/footageCleaner';
import { planTrackedFile, removedRow } from './planTrackedFile';
import { isRetryDue } from './retryPolicy';
import type { IndexedFolder } from './syncState';
import type { FolderIndexRepository } from '../ports/folderIndexRepository';
import type { ObjectKeyClaims } from '../ports/objectKeyClaims';
import type { SyncStateRepository } from '../ports/syncStateRepository';
import type { TrackedFile } from './trackedFile';
import { walkFolderTree, walkFolders, type WalkedFile } from './walkFolders';
import { FolderCameras } from '../cameras/folderCameras';
import { FILE_REASONS } from './fileReasons';

export interface PlanSyncDeps {
  readonly provider: StorageProvider;
  readonly objectStore: ObjectStore;
  readonly files: TrackedFileRepository;
  readonly state: SyncStateRepository;
  readonly folders: FolderIndexRepository;
  readonly keys: ObjectKeyClaims;
  readonly clock: Clock;
  /** To delete an earlier revision's copy left behind; without it such copies wait for the next transfer. */
  readonly footage?: Pick<FootageCleaner, 'deleteObject'>;
}

export interface PlanSyncRequest {
  readonly tenantId: string;
  readonly sourceId: string;
  readonly runId: string;
  readonly rootFolderIds: readonly string[];
  readonly mapping: CameraMappingConfig;
  readonly zone: TimeZone;
}

export interface SyncPlan {
  readonly mode: 'full' | 'changes';
  /** Files this run must transfer: new, changed, and pending from earlier runs. */
  readonly transferIds: readonly string[];
  /** Sizes of those files added up (a file of unknown size counts 0). */
  readonly transferBytes: number;
  readonly skipped: number;
  readonly removed: number;
  readonly notes: readonly string[];
}

const PAGE = 500;

/**
 * Decides what a run transfers. First sync (or a refused cursor): the cursor is
 * taken first, then everything under the chosen folders is listed, so nothing
 * changed during the listing is missed. Later syncs read only the changes feed.
 * Moves in and out, renames and trashing are seen through the folder index.
 * The new cursor is only recorded as pending: FinishRun commits it once every
 * file is settled.
 */
export async function planSync(deps: PlanSyncDeps, request: PlanSyncRequest): Promise<SyncPlan> {
  const state = await deps.state.get(request.tenantId, request.sourceId);
  const planner = new RunPlanner(deps, request);
  let mode: SyncPlan['mode'] = 'changes';
  let cursor: string;
  if (state?.cursor) {
    try {
      cursor = await planner.readChanges(state.cursor);
    } catch (error) {
      if (!(error instanceof CursorInvalidError)) throw error;
      planner.notes.push('Google Drive no longer accepted the saved position in its changes feed; everything was listed again');
      await deps.state.reset(request.tenantId, request.sourceId);
      mode = 'full';
      cursor = await planner.listEverything();
    }
  } else {
    mode = 'full';
    cursor = await planner.listEverything();
  }
  await planner.addPendingFromEarlierRuns();
  await deps.state.setPending(request.tenantId, request.sourceId, request.runId, cursor);
  return { mode, transferIds: [...planner.transfer.keys()], transferBytes: sum(planner.transfer.values()), skipped: planner.skipped, removed: planner.removed, notes: planner.notes };
}

class RunPlanner {
  /** Files to transfer and their sizes. */
  readonly transfer = new Map<string, number>();
  readonly notes: string[] = [];
  skipped = 0;
  removed = 0;
  private index: Map<string, IndexedFolder> | null = null;
  /** Which cameras the file names in each folder name; read from the tracked files when a changes feed needs it. */
  private folderCameras: FolderCameras | null = null;
  private readonly now: string;

  constructor(
    private readonly deps: PlanSyncDeps,
    private readonly request: PlanSyncRequest,
  ) {
    this.now = deps.clock.now().toISOString();
  }

  async listEverything(): Promise<string> {
    const cursor = await this.deps.provider.startCursor();
    const seenFiles = new Set<string>();
    const folders: IndexedFolder[] = [];
    // The files are taken after the walk, once each folder's cameras are known.
    const files: WalkedFile[] = [];
    this.folderCameras = new FolderCameras();
    for await (const item of walkFolders(this.deps.provider, this.request.rootFolderIds)) {
      if (item.kind === 'note') this.notes.push(`${item.relativePath}: ${item.message}`);
      else if (item.kind === 'folder') {
        const root = folders.find((f) => f.id === item.rootFolderId);
        folders.push({ id: item.entry.id, relativePath: item.relativePath, rootFolderId: item.rootFolderId, rootFolderName: root?.rootFolderName ?? item.entry.name, shortcutFolders: item.shortcutFolders });
      } else {
        seenFiles.add(item.entry.id);
        files.push(item);
        this.folderCameras.add(item.rootFolderId, item.relativePath, item.entry.name);
      }
    }
    // The source's rows in one query per page rather than one read per file. A file met twice
    // (a shortcut to it) is read again the second time: its first take may have changed its row since.
    const rows = new Map<string, TrackedFile>();
    for await (const row of this.allRows()) rows.set(row.providerFileId, row);
    const taken = new Set<string>();
    for (const item of files) {
      const stored = await this.takeFile(item.entry, item, taken.has(item.entry.id) ? undefined : (rows.get(item.entry.id) ?? null));
      taken.add(item.entry.id);
      rows.set(stored.providerFileId, stored);
    }
    const known = await this.deps.folders.list(this.request.tenantId, this.request.sourceId);
    const current = new Set(folders.map((f) => f.id));
    await this.deps.folders.remove(this.request.tenantId, this.request.sourceId, known.filter((f) => !current.has(f.id)).map((f) => f.id));
    await this.deps.folders.put(this.request.tenantId, this.request.sourceId, folders);
    this.index = new Map(folders.map((f) => [f.id, f]));
    // Files tracked before but not found now left the chosen folders while no cursor was valid.
    for (const row of rows.values()) {
      if (!seenFiles.has(row.providerFileId)) await this.remove(row, FILE_REASONS.not_in_folders);
    }
    return cursor;
  }

  async readChanges(cursor: string): Promise<string> {
    let pageToken: string | undefined;
    for (;;) {
      const page = await this.deps.provider.listChanges(cursor, pageToken);
      for (const change of page.changes) {
        if (change.removed || change.entry === null) await this.onGone(change.fileId);
        else await this.onChanged(change.entry);
      }
      if (page.newCursor !== null) return page.newCursor;
      if (page.nextPageToken === null) return cursor;
      pageToken = page.nextPageToken;
    }
  }

  async addPendingFromEarlierRuns(): Promise<void> {
    await this.requeueDueRetries();
    let pageToken: string | null = null;
    do {
      const page = await this.deps.files.listByStatus(this.request.tenantId, this.request.sourceId, 'pending', { limit: PAGE, pageToken });
      for (const row of page.items) this.transfer.set(row.providerFileId, row.size ?? 0);
      pageToken = page.nextPageToken;
    } while (pageToken !== null);
  }

  /** Failed files whose retry is due (retryPolicy.ts) go back to pending, so this run takes them up. */
  private async requeueDueRetries(): Promise<void> {
    const due: TrackedFile[] = [];
    let pageToken: string | null = null;
    do {
      const page = await this.deps.files.listByStatus(this.request.tenantId, this.request.sourceId, 'failed', { limit: PAGE, pageToken });
      due.push(...page.items.filter((row) => isRetryDue(row, this.now)));
      pageToken = page.nextPageToken;
    } while (pageToken !== null);
    for (const row of due) await this.deps.files.requeueFailed(row, this.now, { resetRounds: false });
    if (due.length > 0) this.notes.push(`${due.length} failed ${due.length === 1 ? 'file was' : 'files were'} tried again`);
  }

  private async folderIndex(): Promise<Map<string, IndexedFolder>> {
    if (this.index === null) {
      const folders = await this.deps.folders.list(this.request.tenantId, this.request.sourceId);
      this.index = new Map(folders.map((f) => [f.id, f]));
    }
    return this.index;
  }

  private async onGone(id: string): Promise<void> {
    const index = await this.folderIndex();
    if (index.has(id)) await this.dropFolderTree(id, FILE_REASONS.folder_gone);
    const row = await this.deps.files.get({ tenantId: this.request.tenantId, sourceId: this.request.sourceId, providerFileId: id });
    if (row !== null) await this.remove(row, FILE_REASONS.deleted_in_drive);
  }

  private async onChanged(entry: ProviderEntry): Promise<void> {
    const index = await this.folderIndex();
    const isRoot = this.request.rootFolderIds.includes(entry.id);
    const parent = entry.parentIds.map((id) => index.get(id)).find((f) => f !== undefined);
    const inScope = !entry.trashed && (isRoot || parent !== undefined);
    if (entry.kind === 'folder') return this.onFolderChanged(entry, inScope, isRoot ? undefined : parent);
    if (entry.kind === 'shortcut') {
      if (!inScope || parent === undefined || entry.shortcutTarget === null) return;
      const target = await this.deps.provider.getEntry(entry.shortcutTarget.id);
      if (target.trashed) return;
      if (target.kind === 'folder') return this.onFolderChanged({ ...target, name: entry.name, parentIds: [parent.id] }, true, parent, true);
      await this.takeFile(target, placeIn(parent, entry.name));
      return;
    }
    const row = await this.deps.files.get({ tenantId: this.request.tenantId, sourceId: this.request.sourceId, providerFileId: entry.id });
    if (inScope && parent !== undefined) {
      await this.takeFile(entry, placeIn(parent, entry.name));
      return;
    }
    if (row !== null) await this.remove(row, entry.trashed ? FILE_REASONS.trashed : FILE_REASONS.moved_out);
  }

  /** `viaShortcut`: the folder is a shortcut's target, `entry.name` the shortcut's display name. */
  private async onFolderChanged(entry: ProviderEntry, inScope: boolean, parent: IndexedFolder | undefined, viaShortcut = false): Promise<void> {
    const index = await this.folderIndex();
    const known = index.get(entry.id);
    if (!inScope) {
      if (known !== undefined) await this.dropFolderTree(entry.id, entry.trashed ? FILE_REASONS.folder_trashed : FILE_REASONS.folder_moved_out);
      return;
    }
    const relativePath = parent === undefined ? '' : joinPath(parent.relativePath, entry.name);
    if (known !== undefined && known.relativePath === relativePath) return;
    const depth = depthOf(relativePath);
    const own = [...(parent?.shortcutFolders ?? []), ...(viaShortcut ? [depth - 1] : [])];
    if (known !== undefined && viaShortcut && !isRenamedShortcut(known, relativePath)) {
      // The same rule as the first listing: a folder already taken is not taken twice (no loop).
      this.notes.push(`${relativePath}: "${entry.name}" leads to a folder already taken (a shortcut loop or a second path); skipped`);
      return;
    }
    if (known !== undefined) {
      // Renamed or moved inside the scope: re-home the folder's tree in the index.
      const oldDepth = depthOf(known.relativePath);
      const moved = [...index.values()].filter((f) => f.id === entry.id || isUnder(f.relativePath, known.relativePath));
      const rehomed = moved.map((f) => ({
        ...f,
        relativePath: relativePath + f.relativePath.slice(known.relativePath.length),
        shortcutFolders: [...own, ...(f.shortcutFolders ?? []).filter((at) => at >= oldDepth).map((at) => at - oldDepth + depth)],
      }));
      for (const f of rehomed) index.set(f.id, f);
      await this.deps.folders.put(this.request.tenantId, this.request.sourceId, rehomed);
      return;
    }
    // Moved in (or created with content): list its tree as a first sync would have.
    const start: IndexedFolder = { id: entry.id, relativePath, rootFolderId: parent?.rootFolderId ?? entry.id, rootFolderName: parent?.rootFolderName ?? entry.name, shortcutFolders: own };
    const added: IndexedFolder[] = [start];
    const files: WalkedFile[] = [];
    const cameras = await this.cameras();
    for await (const item of walkFolderTree(this.deps.provider, { ...start, folderId: start.id, shortcutFolders: own }, new Set(index.keys()))) {
      if (item.kind === 'folder') added.push({ id: item.entry.id, relativePath: item.relativePath, rootFolderId: start.rootFolderId, rootFolderName: start.rootFolderName, shortcutFolders: item.shortcutFolders });
      else if (item.kind === 'file') {
        files.push(item);
        cameras.add(item.rootFolderId, item.relativePath, item.entry.name);
      } else this.notes.push(`${item.relativePath}: ${item.message}`);
    }
    for (const f of added) index.set(f.id, f);
    for (const file of files) await this.takeFile(file.entry, file);
    await this.deps.folders.put(this.request.tenantId, this.request.sourceId, added);
  }

  private async dropFolderTree(folderId: string, reason: string): Promise<void> {
    const index = await this.folderIndex();
    const top = index.get(folderId);
    if (top === undefined) return;
    const inTree = (rootFolderId: string | null | undefined, path: string): boolean =>
      rootFolderId === top.rootFolderId && (top.relativePath === '' || isUnder(path, top.relativePath));
    const gone = [...index.values()].filter((f) => f.id === folderId || inTree(f.rootFolderId, f.relativePath));
    for (const f of gone) index.delete(f.id);
    await this.deps.folders.remove(this.request.tenantId, this.request.sourceId, gone.map((f) => f.id));
    for await (const row of this.allRows()) {
      if (inTree(row.rootFolderId, row.relativePath)) await this.remove(row, reason);
    }
  }

  /**
   * One file, listed or changed, mapped the same way wherever it was met.
   * `known`: its row as the caller already read it (null: none), else read here.
   */
  private async takeFile(entry: ProviderEntry, place: FilePlace, known?: TrackedFile | null): Promise<TrackedFile> {
    const cameras = await this.cameras();
    cameras.add(place.rootFolderId, place.relativePath, entry.name);
    const folderHoldsSeveralCameras = cameras.holdsSeveral(place.rootFolderId, place.relativePath);
    const planned = planTrackedFile({
      ...this.request,
      entry,
      relativePath: place.relativePath,
      rootFolderId: place.rootFolderId,
      rootFolderName: place.rootFolderName,
      now: this.now,
      folderHoldsSeveralCameras,
      shortcutFolders: place.shortcutFolders,
    });
    const ref = { tenantId: this.request.tenantId, sourceId: this.request.sourceId, providerFileId: entry.id };
    const existing = known === undefined ? await this.deps.files.get(ref) : known;
    const newContent = existing === null || (existing.revision ?? '') !== (entry.revision ?? '');
    let row = planned.row;
    if (planned.keyParts !== null) {
      // Same content: it stays where it is stored (a plain rename claims no new key).
      const s3Key = !newContent && existing?.s3Key ? existing.s3Key : await assignObjectKey(this.deps.keys, ref, planned.keyParts);
      row = { ...row, s3Key, previousS3Key: newContent ? previousCopy(existing, s3Key) : (existing?.previousS3Key ?? null) };
    }
    const stored = await this.deps.files.upsert(row, { existing });
    const abandonedKey = existing?.s3Key;
    if (newContent && abandonedKey && abandonedKey !== stored.s3Key && abandonedKey !== stored.previousS3Key) {
      // A key of a revision that was never stored (its upload, if any, is aborted by the next transfer).
      await this.deps.keys.release(ref.tenantId, ref.sourceId, abandonedKey, ref.providerFileId);
    }
    // An earlier copy whose removal failed after its file was stored is tried again here.
    if (stored.status === 'done' && stored.previousS3Key != null && this.deps.footage !== undefined) {
      await dropPreviousRevision({ files: this.deps.files, footage: this.deps.footage, keys: this.deps.keys }, ref);
    }
    if (stored.status === 'skipped') this.skipped += 1;
    if (stored.status === 'pending' || stored.status === 'transferring') this.transfer.set(stored.providerFileId, stored.size ?? 0);
    return stored;
  }

  private async remove(row: TrackedFile, reason: string): Promise<void> {
    if (row.status === 'removed') return;
    await this.deps.files.upsert(removedRow(row, reason, this.request.runId, this.now), { existing: row });
    // An upload half done for a file that left the source would only cost storage.
    await abandonTransfer(this.deps, { tenantId: row.tenantId, sourceId: row.sourceId, providerFileId: row.providerFileId });
    this.transfer.delete(row.providerFileId);
    this.removed += 1;
  }

  private async cameras(): Promise<FolderCameras> {
    if (this.folderCameras === null) {
      const cameras = new FolderCameras();
      for await (const row of this.allRows()) {
        if (row.status !== 'removed') cameras.add(row.rootFolderId ?? '', row.relativePath, row.name);
      }
      this.folderCameras = cameras;
    }
    return this.folderCameras;
  }

  private async *allRows(): AsyncGenerator<TrackedFile> {
    let pageToken: string | null = null;
    do {
      const page = await this.deps.files.list(this.request.tenantId, this.request.sourceId, { limit: PAGE, pageToken });
      yield* page.items;
      pageToken = page.nextPageToken;
    } while (pageToken !== null);
  }
}

/**
 * The stored copy a new revision replaces, when it gets another key: the old
 * key if that revision was stored, else an older copy still waiting to be
 * dropped. None when the key stays (the new copy overwrites the old).
 */
function previousCopy(existing: TrackedFile | null, s3Key: string): string | null {
  if (existing === null) return null;
  const copy = existing.status === 'done' ? existing.s3Key : (existing.previousS3Key ?? null);
  return copy === s3Key ? null : copy;
}

/** Where a file sits in a chosen folder's tree: what its camera is decided from. */
type FilePlace = Pick<WalkedFile, 'relativePath' | 'rootFolderId' | 'rootFolderName' | 'shortcutFolders'>;

/** A file met in an indexed folder through the changes feed: placed as the listing placed that folder's files. */
function placeIn(folder: IndexedFolder, name: string): FilePlace {
  return { relativePath: joinPath(folder.relativePath, name), rootFolderId: folder.rootFolderId, rootFolderName: folder.rootFolderName, shortcutFolders: folder.shortcutFolders ?? [] };
}

/** How many folders deep a path is ('' is the chosen folder: 0). */
function depthOf(path: string): number {
  return path === '' ? 0 : path.split('/').length;
}

/** A known shortcut's folder met again beside itself under another name: the shortcut was renamed. */
function isRenamedShortcut(known: IndexedFolder, relativePath: string): boolean {
  const parentOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));
  return parentOf(known.relativePath) === parentOf(relativePath) && (known.shortcutFolders ?? []).includes(depthOf(known.relativePath) - 1);
}

function joinPath(parent: string, name: string): string {
  return parent === '' ? name : `${parent}/${name}`;
}

function isUnder(path: string, folderPath: string): boolean {
  return path.startsWith(`${folderPath}/`);
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
