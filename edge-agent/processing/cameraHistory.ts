import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { KnownTail } from '../../core/processing/pipeline/readNeighbour';
import { writeFileDurably } from '../state/writeFileDurably';

export interface ProcessedFile {
  readonly absolutePath: string;
  readonly name: string;
  readonly fingerprint: string;
}

/** The reads of a file after its quiet moment near the end, and the settings they were found and cut with. */
export interface StoredTail extends KnownTail {
  readonly settingsKey: string;
}

/** A file processed on site, with what the next files of its camera may need of it. */
export interface HistoryEntry extends ProcessedFile {
  readonly tail?: StoredTail;
  /** When its recording began (epoch ms); absent when it could not be read. */
  readonly startMs?: number;
}

/** Files kept per camera at most, however long an order runs. */
const MAX_FILES = 200;

/**
 * The files last processed per camera, kept across restarts, so the next file
 * of that camera is processed together with them and an order packed across
 * the boundaries of segment files becomes one event — across several short
 * files when it is longer than they are (10 s files, a 90 s parcel). With each,
 * the reads of that file's tail (after its last quiet moment), so the next file
 * need not decode them again. Files are kept as far back as the longest order
 * can reach (`reachMs`, from the maximum packing time) and one more.
 */
export class CameraHistory {
  private constructor(
    private readonly file: string,
    private readonly recent: Record<string, HistoryEntry[]>,
  ) {}

  static async open(stateDir: string): Promise<CameraHistory> {
    await mkdir(stateDir, { recursive: true });
    const file = path.join(stateDir, 'camera-history.json');
    const text = await readFile(file, 'utf8').catch(() => '{}');
    const recent: Record<string, HistoryEntry[]> = {};
    try {
      const stored = JSON.parse(text) as Record<string, HistoryEntry | HistoryEntry[]>;
      // Before several files were kept, one entry was stored per camera.
      for (const [key, value] of Object.entries(stored)) recent[key] = Array.isArray(value) ? value : [value];
    } catch {
      // A damaged history only costs the boundary event of the next file; start afresh.
    }
    return new CameraHistory(file, recent);
  }

  lastOf(sourceId: string, cameraId: string): HistoryEntry | undefined {
    return this.recent[`${sourceId}/${cameraId}`]?.at(-1);
  }

  /** The camera's files kept, oldest first. */
  recentOf(sourceId: string, cameraId: string): readonly HistoryEntry[] {
    return this.recent[`${sourceId}/${cameraId}`] ?? [];
  }

  async record(sourceId: string, cameraId: string, processed: ProcessedFile, tail?: StoredTail, kept?: { readonly startMs: number; readonly reachMs: number }): Promise<void> {
    const key = `${sourceId}/${cameraId}`;
    const entry: HistoryEntry = { absolutePath: processed.absolutePath, name: processed.name, fingerprint: processed.fingerprint, ...(tail === undefined ? {} : { tail }), ...(kept === undefined ? {} : { startMs: kept.startMs }) };
    const files = [...(this.recent[key] ?? []).filter((file) => file.absolutePath !== processed.absolutePath), entry];
    this.recent[key] = withinReach(files, kept?.reachMs ?? 0);
    await writeFileDurably(this.file, JSON.stringify(this.recent));
  }
}

/** The newest file and those before it while the one after them starts within reach of the newest; the first beyond too (an order open at its end began too long ago to count). */
function withinReach(files: readonly HistoryEntry[], reachMs: number): HistoryEntry[] {
  const newest = files.at(-1)?.startMs;
  let from = files.length - 1;
  while (from > 0 && files.length - from < MAX_FILES && newest !== undefined) {
    const after = files[from]!.startMs;
    if (after === undefined || after <= newest - reachMs) break;
    from -= 1;
  }
  return files.slice(Math.max(0, from - 1));
}
