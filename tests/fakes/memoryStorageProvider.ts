import { createHash } from 'node:crypto';
import { NotFoundError } from '../../core/errors';
import type { ChangesPage, Page, ProviderAccount, ProviderEntry, SharedDrive } from '../../core/providers/providerEntry';
import type { StorageProvider } from '../../core/providers/storageProvider';

const SYNTHETIC_BLOCK = 64 * 1024;

/**
 * Seeded bytes of any size, generated block by block, so any range can be made
 * without the bytes before it and a GiB never sits in memory. Blocks are
 * independent xorshift streams, so a shifted or repeated block never matches.
 */
export class SyntheticContent {
  constructor(
    readonly size: number,
    readonly seed: number,
  ) {}

  /** Bytes [start, endInclusive] in chunks of at most `chunkSize`. */
  *chunks(start: number, endInclusive: number, chunkSize = SYNTHETIC_BLOCK): Generator<Uint8Array> {
    let offset = start;
    const end = Math.min(endInclusive + 1, this.size);
    while (offset < end) {
      const blockIndex = Math.floor(offset / SYNTHETIC_BLOCK);
      const block = this.block(blockIndex);
      const from = offset - blockIndex * SYNTHETIC_BLOCK;
      const to = Math.min(block.byteLength, end - blockIndex * SYNTHETIC_BLOCK, from + chunkSize);
      yield block.subarray(from, to);
      offset += to - from;
    }
  }

  bytes(start = 0, endInclusive = this.size - 1): Uint8Array {
    const out = new Uint8Array(Math.max(0, Math.min(endInclusive + 1, this.size) - start));
    let at = 0;
    for (const chunk of this.chunks(start, endInclusive)) {
      out.set(chunk, at);
      at += chunk.byteLength;
    }
    return out;
  }

  md5Hex(): string {
    const hash = createHash('md5');
    for (const chunk of this.chunks(0, this.size - 1)) hash.update(chunk);
    return hash.digest('hex');
  }

  private block(index: number): Uint8Array {
    const length = Math.min(SYNTHETIC_BLOCK, this.size - index * SYNTHETIC_BLOCK);
    const words = new Uint32Array(Math.ceil(length / 4));
    let state = (Math.imul(this.seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0 || 1;
    for (let i = 0; i < words.length; i += 1) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      words[i] = state >>> 0;
    }
    return new Uint8Array(words.buffer, 0, length);
  }
}

export interface MemoryFile {
  readonly id: string;
  readonly name?: string;
  readonly mimeType?: string;
  readonly content: Uint8Array | SyntheticContent;
  readonly revision?: string;
  /** What the provider advertises; the content's real MD5 when absent. Set it wrong to fake corruption. */
  readonly md5?: string;
}

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
}

function connectionReset(): Error {
  return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}

/**
 * A StorageProvider over files held in memory or generated from a seed, with
 * fault hooks for the transfer tests: a read that rejects, a stream cut after N
 * bytes, a wrong advertised MD5. Every readRange is recorded (`reads`), so tests
 * can tell which bytes were fetched and which were not read again.
 */
export class MemoryStorageProvider implements StorageProvider {
  readonly reads: ReadRecord[] = [];
  private readonly files = new Map<string, MemoryFile>();
  private readonly faults: ReadFault[] = [];
  private readonly md5Cache = new Map<MemoryFile['content'], string>();

  constructor(private readonly options: MemoryProviderOptions = {}) {}

  addFile(file: MemoryFile): ProviderEntry {
    this.files.set(file.id, file);
    return this.entryOf(file);
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

  async listChildren(folderId: string): Promise<Page<ProviderEntry>> {
    const items = [...this.files.values()].map((file) => this.entryOf(file)).filter((entry) => entry.parentIds.includes(folderId));
    return { items, nextPageToken: null };
  }

  async getEntry(id: string): Promise<ProviderEntry> {
    return this.entryOf(this.mustFind(id));
  }

  async startCursor(): Promise<string> {
    return 'cursor-0';
  }

  async listChanges(): Promise<ChangesPage> {
    const changes = [...this.files.values()].map((file) => ({ fileId: file.id, removed: false, entry: this.entryOf(file) }));
    return { changes, nextPageToken: null, newCursor: 'cursor-0' };
  }

  async readRange(fileId: string, start: number, endInclusive: number, signal?: AbortSignal): Promise<AsyncIterable<Uint8Array>> {
    const file = this.mustFind(fileId);
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
    const chunks = this.chunksOf(file.content, start, endInclusive);
    const length = Math.max(0, Math.min(endInclusive + 1, this.sizeOf(file)) - start);
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

  private *chunksOf(content: MemoryFile['content'], start: number, endInclusive: number): Generator<Uint8Array> {
    const chunkSize = this.options.chunkSize ?? 64 * 1024;
    if (content instanceof SyntheticContent) {
      yield* content.chunks(start, endInclusive, chunkSize);
      return;
    }
    const end = Math.min(endInclusive + 1, content.byteLength);
    for (let offset = start; offset < end; offset += chunkSize) yield content.subarray(offset, Math.min(end, offset + chunkSize));
  }

  private sizeOf(file: MemoryFile): number {
    return file.content instanceof SyntheticContent ? file.content.size : file.content.byteLength;
  }

  private mustFind(id: string): MemoryFile {
    const file = this.files.get(id);
    if (file === undefined) throw new NotFoundError(`file ${id} not found`, { context: { fileId: id } });
    return file;
  }

  private entryOf(file: MemoryFile): ProviderEntry {
    const size = this.sizeOf(file);
    return {
      id: file.id,
      name: file.name ?? `${file.id}.mp4`,
      kind: 'file',
      mimeType: file.mimeType ?? 'video/mp4',
      parentIds: ['root'],
      size,
      md5: file.md5 ?? this.realMd5(file.content),
      revision: file.revision ?? 'rev-1',
      modifiedTime: null,
      createdTime: null,
      trashed: false,
      driveId: null,
      shortcutTarget: null,
    };
  }

  private realMd5(content: MemoryFile['content']): string {
    let md5 = this.md5Cache.get(content);
    if (md5 === undefined) {
      md5 = content instanceof SyntheticContent ? content.md5Hex() : createHash('md5').update(content).digest('hex');
      this.md5Cache.set(content, md5);
    }
    return md5;
  }
}
