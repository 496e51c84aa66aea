import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileDurably } from '../state/writeFileDurably';

export interface ProcessedFile {
  readonly absolutePath: string;
  readonly name: string;
  readonly fingerprint: string;
}

/**
 * The last file processed per camera, kept across restarts, so the next file of
 * that camera is processed together with it and an order packed across the
 * boundary of two segment files becomes one event.
 */
export class CameraHistory {
  private constructor(
    private readonly file: string,
    private readonly last: Record<string, ProcessedFile>,
  ) {}

  static async open(stateDir: string): Promise<CameraHistory> {
    await mkdir(stateDir, { recursive: true });
    const file = path.join(stateDir, 'camera-history.json');
    const text = await readFile(file, 'utf8').catch(() => '{}');
    let last: Record<string, ProcessedFile> = {};
    try {
      last = JSON.parse(text) as Record<string, ProcessedFile>;
    } catch {
      // A damaged history only costs the boundary event of the next file; start afresh.
    }
    return new CameraHistory(file, last);
  }

  lastOf(sourceId: string, cameraId: string): ProcessedFile | undefined {
    return this.last[`${sourceId}/${cameraId}`];
  }

  async record(sourceId: string, cameraId: string, processed: ProcessedFile): Promise<void> {
    this.last[`${sourceId}/${cameraId}`] = processed;
    await writeFileDurably(this.file, JSON.stringify(this.last));
  }
}
