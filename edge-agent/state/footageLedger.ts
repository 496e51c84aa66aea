import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { StoredFootage } from '../../core/edge/planDiskCleanup';
import { appendLineDurably } from './appendLineDurably';

export interface LedgerFootage extends StoredFootage {
  /** The footage file's content fingerprint (its id). */
  readonly id: string;
  readonly absolutePath: string;
}

type Entry =
  | { readonly op: 'taken'; readonly footage: Omit<LedgerFootage, 'uploadedAt'> }
  | { readonly op: 'delivered'; readonly id: string; readonly at: string; readonly footageUploaded: boolean }
  | { readonly op: 'reported'; readonly id: string; readonly at: string; readonly originalWanted: boolean }
  | { readonly op: 'deleted'; readonly id: string; readonly at: string; readonly reason: string };

/**
 * The footage files the agent took and still keeps on this box, with when they
 * reached the cloud: what the disk guard may delete, and in which order. JSON
 * lines, appended and flushed one at a time (a torn last line is dropped on
 * load, as in seen-files.jsonl). "Delivered" means the file's events and clips
 * are stored in the cloud, and its original too when the tenant keeps originals;
 * only then does it count as uploaded for retention. "Reported" means the
 * cloud acknowledged the report of a file processing could not read; when its
 * source keeps clips only (no original wanted), it counts as uploaded from then
 * on (core/edge/planDiskCleanup.ts). "Reported" may be written before "taken"
 * (the uploader can be quicker than the processing's bookkeeping): it is kept
 * by id, apart from the files, so it still counts once the file is taken.
 */
export class FootageLedger {
  private constructor(
    private readonly file: string,
    private readonly items: Map<string, LedgerFootage>,
    private readonly uploadedOriginals: Set<string>,
    /** Files whose unreadable report the cloud acknowledged and whose original is not wanted: when. */
    private readonly reportedUnwanted: Map<string, string>,
  ) {}

  static async open(stateDir: string): Promise<FootageLedger> {
    await mkdir(stateDir, { recursive: true });
    const file = path.join(stateDir, 'footage-ledger.jsonl');
    const text = await readFile(file, 'utf8').catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw error;
    });
    const items = new Map<string, LedgerFootage>();
    const uploaded = new Set<string>();
    const reported = new Map<string, string>();
    for (const line of text.split('\n')) {
      const entry = parse(line);
      if (entry === null) continue;
      if (entry.op === 'taken') items.set(entry.footage.id, { ...entry.footage, uploadedAt: items.get(entry.footage.id)?.uploadedAt ?? null });
      else if (entry.op === 'deleted') {
        items.delete(entry.id);
        reported.delete(entry.id);
      } else if (entry.op === 'reported') {
        // The latest report decides (the source's setting may have changed between two reports).
        if (entry.originalWanted) reported.delete(entry.id);
        else reported.set(entry.id, entry.at);
      } else {
        const item = items.get(entry.id);
        if (item !== undefined) items.set(entry.id, { ...item, uploadedAt: entry.at });
        if (entry.footageUploaded) uploaded.add(entry.id);
      }
    }
    return new FootageLedger(file, items, uploaded, reported);
  }

  list(): readonly LedgerFootage[] {
    return [...this.items.values()].map((item) => ({ ...item, unreadableReportedAt: this.reportedUnwanted.get(item.id) ?? null }));
  }

  get(id: string): LedgerFootage | undefined {
    return this.items.get(id);
  }

  get bytes(): number {
    let total = 0;
    for (const item of this.items.values()) total += item.bytes;
    return total;
  }

  originalUploaded(id: string): boolean {
    return this.uploadedOriginals.has(id);
  }

  async taken(footage: Omit<LedgerFootage, 'uploadedAt'>): Promise<void> {
    await this.append({ op: 'taken', footage });
    this.items.set(footage.id, { ...footage, uploadedAt: this.items.get(footage.id)?.uploadedAt ?? null });
  }

  async delivered(id: string, at: string, footageUploaded: boolean): Promise<void> {
    await this.append({ op: 'delivered', id, at, footageUploaded });
    const item = this.items.get(id);
    if (item !== undefined) this.items.set(id, { ...item, uploadedAt: at });
    if (footageUploaded) this.uploadedOriginals.add(id);
  }

  /** The cloud acknowledged the report that this file could not be read; `originalWanted`: its source keeps originals. */
  async reported(id: string, at: string, originalWanted: boolean): Promise<void> {
    await this.append({ op: 'reported', id, at, originalWanted });
    if (originalWanted) this.reportedUnwanted.delete(id);
    else this.reportedUnwanted.set(id, at);
  }

  async deleted(id: string, at: string, reason: string): Promise<void> {
    await this.append({ op: 'deleted', id, at, reason });
    this.items.delete(id);
    this.reportedUnwanted.delete(id);
  }

  private async append(entry: Entry): Promise<void> {
    await appendLineDurably(this.file, entry);
  }
}

function parse(line: string): Entry | null {
  if (line.trim() === '') return null;
  try {
    const value = JSON.parse(line) as Entry;
    return typeof value === 'object' && value !== null && typeof value.op === 'string' ? value : null;
  } catch {
    return null;
  }
}
