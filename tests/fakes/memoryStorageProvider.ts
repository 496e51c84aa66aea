import { NotFoundError, PermanentError } from '../../core/errors';
import type { ChangesPage, Page, ProviderAccount, ProviderEntry, SharedDrive } from '../../core/providers/providerEntry';
import { CursorInvalidError } from '../../core/providers/providerErrors';
import type { StorageProvider } from '../../core/providers/storageProvider';
import { MemoryTree, sizeOf, type MemoryContent, type MemoryFile, type MemoryItem } from './memoryTree';
import { SyntheticContent } from './syntheticContent';

export { SyntheticContent } from './syntheticContent';
export { MEMORY_ROOT, type MemoryFile } from './memoryTree';

/** One readRange call as the fake saw it. */
export interface ReadRecord {
  readonly fileId: string;
  readonly start: number;
  readonly endInclusive: number;
  /** Bytes streamed so far (updated while the stream runs). */
  delivered: number;
  /** Whether the stream was ended by a fault, by the consumer, or ran to its end. */
  ending: 'running' | 'complete' | 'fault' | 'stopped';
}

export type ReadFault =
  /** The nth readRange call (1-based, counted over all files) rejects with `error`. */
  | { readonly kind: 'reject'; readonly onRead: number; readonly error: Error }
  /** The nth call streams `afterBytes` bytes, then its stream errors (a reset mid-body). */
  | { readonly kind: 'cut'; readonly onRead: number; readonly afterBytes: number; readonly error?: Error };

export interface MemoryProviderOptions {
  /** Size of the chunks a read yields. Default 64 KiB. */
  readonly chunkSize?: number;
  /** Called after each chunk is handed over; may throw to simulate a crash of the consumer's process. */
  readonly onChunk?: (read: ReadRecord) => void;
  /** Entries per listChildren page. Default 1000, as the Drive adapter asks for. */
  readonly listPageSize?: number;
  /** Changes per listChanges page. Default 1000. */
  readonly changesPageSize?: number;
}

function connectionReset(): Error {
  return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}

/**
 * A StorageProvider over files held in memory or generated from a seed: a
 * folder tree with shortcuts, trash and a changes feed (`tree`), and fault
 * hooks for the transfer tests: a read that rejects, a stream cut after N
 * bytes, a wrong advertised MD5. Every readRange is recorded (`reads`), so tests
 * can tell which bytes were fetched and which were not read again. Passes the
 * StorageProvider contract suite (tests/contracts).
 */
export class MemoryStorageProvider implements StorageProvider {
  readonly reads: ReadRecord[] = [];
  /** Folders, files and shortcuts; mutate it to make changes the feed reports. */
  readonly tree = new MemoryTree();
  private readonly faults: ReadFault[] = [];

  constructor(private readonly options: MemoryProviderOptions = {}) {}

  /** Adds a file (in the top folder unless `parentId` says otherwise), or replaces the one with that id. */
  addFile(file: MemoryFile): ProviderEntry {
    return this.tree.addFile(file);
  }

  injectFault(fault: ReadFault): void {
    this.faults.push(fault);
  }

  /** Bytes the reads delivered, over all calls. */
  get bytesDelivered(): number {
    return this.reads.reduce((sum, read) => sum + read.delivered, 0);
  }

  async account(): Promise<ProviderAccount> {
    return { email: 'fake@example.com', displayName: 'Memory provider', quota: { limitBytes: null, usageBytes: 0 } };
  }

  async sharedDrives(): Promise<Page<SharedDrive>> {
    return { items: [], nextPageToken: null };
  }

  async listChildren(folderId: string, pageToken?: string): Promise<Page<ProviderEntry>> {
    const children = this.tree.children(folderId);
    const size = this.options.listPageSize ?? 1000;
    const from = pageToken === undefined ? 0 : Number(pageToken);
    const items = children.slice(from, from + size).map((item) => this.tree.entryOf(item));
    return { items, nextPageToken: from + size < children.length ? String(from + size) : null };
  }

  async getEntry(id: string): Promise<ProviderEntry> {
    return this.tree.entryOf(this.mustFind(id));
  }

  async startCursor(): Promise<string> {
    return String(this.tree.cursor);
  }

  async listChanges(cursor: string, pageToken?: string): Promise<ChangesPage> {
    const from = Number(pageToken ?? cursor);
    if (!Number.isInteger(from) || from < 0 || from > this.tree.cursor) {
      throw new CursorInvalidError('the memory provider does not know this changes cursor', { context: { cursor: pageToken ?? cursor } });
    }
    const size = this.options.changesPageSize ?? 1000;
    const pending = this.tree.changedSince(from);
    const page = pending.slice(0, size);
    const changes = page.map(({ id }) => {
      const item = this.tree.get(id);
      return item === undefined ? { fileId: id, removed: true, entry: null } : { fileId: id, removed: false, entry: this.tree.entryOf(item) };
    });
    const more = pending.length > size;
    return { changes, nextPageToken: more ? String(page[page.length - 1]?.seq) : null, newCursor: more ? null : String(this.tree.cursor) };
  }

  async readRange(fileId: string, start: number, endInclusive: number, signal?: AbortSignal): Promise<AsyncIterable<Uint8Array>> {
    const item = this.mustFind(fileId);
    if (item.content === null) {
      throw new PermanentError(`a ${item.kind} has no content to download`, { context: { fileId, reason: 'fileNotDownloadable' } });
    }
    const content = item.content;
    const record: ReadRecord = { fileId, start, endInclusive, delivered: 0, ending: 'running' };
    this.reads.push(record);
    const ordinal = this.reads.length;
    const fault = this.faults.find((candidate) => candidate.onRead === ordinal);
    if (fault?.kind === 'reject') {
      record.ending = 'fault';
      throw fault.error;
    }
    const cutAfter = fault?.kind === 'cut' ? fault.afterBytes : Number.POSITIVE_INFINITY;
    const cutError = fault?.kind === 'cut' ? (fault.error ?? connectionReset()) : null;
    const chunks = this.chunksOf(content, start, endInclusive);
    const length = Math.max(0, Math.min(endInclusive + 1, sizeOf(content)) - start);
    const { onChunk } = this.options;

    async function* stream(): AsyncGenerator<Uint8Array> {
      try {
        for (const chunk of chunks) {
          if (signal?.aborted) throw signal.reason;
          const room = cutAfter - record.delivered;
          const piece = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
          if (piece.byteLength > 0) {
            // Copied, as a network read would be: the consumer may keep it.
            const copy = Uint8Array.from(piece);
            record.delivered += copy.byteLength;
            if (record.delivered === length && record.delivered < cutAfter) record.ending = 'complete';
            yield copy;
            onChunk?.(record);
          }
          if (record.delivered >= cutAfter && cutError !== null) {
            record.ending = 'fault';
            throw cutError;
          }
          // Let timers and I/O run between chunks, as a socket would.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        record.ending = 'complete';
      } finally {
        if (record.ending === 'running') record.ending = 'stopped';
      }
    }
    return stream();
  }

  private *chunksOf(content: MemoryContent, start: number, endInclusive: number): Generator<Uint8Array> {
    const chunkSize = this.options.chunkSize ?? 64 * 1024;
    if (content instanceof SyntheticContent) {
      yield* content.chunks(start, endInclusive, chunkSize);
      return;
    }
    const end = Math.min(endInclusive + 1, content.byteLength);
    for (let offset = start; offset < end; offset += chunkSize) yield content.subarray(offset, Math.min(end, offset + chunkSize));
  }

  private mustFind(id: string): MemoryItem {
    const item = this.tree.get(id);
    if (item === undefined) throw new NotFoundError(`file ${id} not found`, { context: { fileId: id } });
    return item;
  }
}
