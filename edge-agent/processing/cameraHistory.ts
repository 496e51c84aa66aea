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

/**
 * The last file processed per camera, kept across restarts, so the next file of
 * that camera is processed together with it and an order packed across the
 * boundary of two segment files becomes one event. With it, the reads of that
 * file's tail (after its last quiet moment), so the next file need not decode
 * the previous one again.
 */
export class CameraHistory {
  private constructor(
    private readonly file: string,
    private readonly last: Record<string, ProcessedFile & { tail?: StoredTail }>,
  ) {}

  static async open(stateDir: string): Promise<CameraHistory> {
    await mkdir(stateDir, { recursive: true });
    const file = path.join(stateDir, 'camera-history.json');
    const text = await readFile(file, 'utf8').catch(() => '{}');
    let last: Record<string, ProcessedFile & { tail?: StoredTail }> = {};
    try {
      last = JSON.parse(text) as Record<string, ProcessedFile & { tail?: StoredTail }>;
    } catch {
      // A damaged history only costs the boundary event of the next file; start afresh.
    }
    return new CameraHistory(file, last);
  }

  lastOf(sourceId: string, cameraId: string): (ProcessedFile & { readonly tail?: StoredTail }) | undefined {
    return this.last[`${sourceId}/${cameraId}`];
  }

  async record(sourceId: string, cameraId: string, processed: ProcessedFile, tail?: StoredTail): Promise<void> {
    this.last[`${sourceId}/${cameraId}`] = { absolutePath: processed.absolutePath, name: processed.name, fingerprint: processed.fingerprint, ...(tail === undefined ? {} : { tail }) };
    await writeFileDurably(this.file, JSON.stringify(this.last));
  }
}
