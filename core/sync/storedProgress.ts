import type { Clock } from '../ports/clock';
import type { RunRepository } from '../ports/runRepository';

/** Live progress goes to the run at most this often per batch; a file that takes longer is counted as it lands. */
export const PROGRESS_INTERVAL_MS = 1_000;

/**
 * The files a transfer batch stored, added to the run's live progress in one
 * write per second rather than one per file: small files land many a second,
 * and the page polls no faster. The first file and the last are written at
 * once. Live progress is for the page only — FinishRun counts the run from the
 * files themselves — so a batch cut off loses at most a second of it.
 */
export class StoredProgress {
  private files = 0;
  private bytes = 0;
  private lastWrite = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly deps: { runs?: Pick<RunRepository, 'addProgress'>; clock: Clock },
    private readonly run: { tenantId: string; sourceId: string; runId: string },
  ) {}

  async stored(bytes: number): Promise<void> {
    this.files += 1;
    this.bytes += bytes;
    if (this.deps.clock.now().getTime() - this.lastWrite >= PROGRESS_INTERVAL_MS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.deps.runs === undefined || this.files === 0) return;
    const delta = { storedFiles: this.files, storedBytes: this.bytes };
    this.files = 0;
    this.bytes = 0;
    this.lastWrite = this.deps.clock.now().getTime();
    try {
      await this.deps.runs.addProgress(this.run.tenantId, this.run.sourceId, this.run.runId, delta);
    } catch {
      // Live progress is for the page only; the files are stored, and FinishRun counts the run from the files themselves.
    }
  }
}
