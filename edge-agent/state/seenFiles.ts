import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { appendLineDurably } from './appendLineDurably';

export interface SeenFile {
  readonly fingerprint: string;
  /** Where the file was when it was taken (relative to its source's folder). */
  readonly relativePath: string;
  readonly sourceId: string;
  readonly takenAt: string;
}

/**
 * The files the agent has taken, by content fingerprint, so that a renamed,
 * moved or re-copied file is not taken a second time. Kept as JSON lines,
 * appended and flushed one entry at a time; a line torn by a power cut is the
 * last one and is dropped on load (that file is then taken again, which the
 * cloud's idempotent ids absorb: nothing is lost, at worst work is repeated).
 */
export class SeenFiles {
  private constructor(
    private readonly file: string,
    private readonly byFingerprint: Map<string, SeenFile>,
  ) {}

  static async open(stateDir: string): Promise<SeenFiles> {
    await mkdir(stateDir, { recursive: true });
    const file = path.join(stateDir, 'seen-files.jsonl');
    const entries = new Map<string, SeenFile>();
    const text = await readFile(file, 'utf8').catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw error;
    });
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const entry = parseLine(line);
      if (entry !== null) entries.set(`${entry.sourceId}\n${entry.fingerprint}`, entry);
    }
    return new SeenFiles(file, entries);
  }

  get(sourceId: string, fingerprint: string): SeenFile | undefined {
    return this.byFingerprint.get(`${sourceId}\n${fingerprint}`);
  }

  get size(): number {
    return this.byFingerprint.size;
  }

  async add(entry: SeenFile): Promise<void> {
    await appendLineDurably(this.file, entry);
    this.byFingerprint.set(`${entry.sourceId}\n${entry.fingerprint}`, entry);
  }
}

function parseLine(line: string): SeenFile | null {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) return null;
    const { fingerprint, relativePath, sourceId, takenAt } = value as Record<string, unknown>;
    if (typeof fingerprint !== 'string' || typeof relativePath !== 'string' || typeof sourceId !== 'string' || typeof takenAt !== 'string') return null;
    return { fingerprint, relativePath, sourceId, takenAt };
  } catch {
    return null;
  }
}
