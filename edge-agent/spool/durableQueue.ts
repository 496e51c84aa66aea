import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { syncFolder, writeFileDurably } from '../state/writeFileDurably';

export interface QueuedJob<T> {
  readonly seq: number;
  readonly payload: T;
  readonly attempts: number;
  /** ms since the epoch before which the job is not handed out again (after a failure). */
  readonly notBeforeMs: number;
  readonly lastError: string | null;
  readonly enqueuedAt: string;
}

const JOB_FILE = /^(\d{12})\.json$/;

/**
 * A work queue on disk that survives `kill -9` and power cuts: one file per job,
 * named by a sequence number so the queue drains in the order work arrived.
 * Each write is flushed and renamed into place (writeFileDurably), so a job is
 * either wholly in the queue or not at all; acknowledging deletes the file.
 * One process owns a queue folder at a time (the agent's state lock).
 */
export class DurableQueue<T> {
  private constructor(
    private readonly dir: string,
    private nextSeq: number,
  ) {}

  static async open<T>(dir: string): Promise<DurableQueue<T>> {
    await mkdir(dir, { recursive: true });
    let last = 0;
    for (const name of await readdir(dir)) {
      // A temporary file is a write that never completed: it was never in the queue.
      if (name.endsWith('.tmp')) await unlink(path.join(dir, name)).catch(() => undefined);
      const seq = JOB_FILE.exec(name)?.[1];
      if (seq !== undefined) last = Math.max(last, Number(seq));
    }
    return new DurableQueue<T>(dir, last + 1);
  }

  async enqueue(payload: T, now: Date): Promise<QueuedJob<T>> {
    const job: QueuedJob<T> = { seq: this.nextSeq++, payload, attempts: 0, notBeforeMs: 0, lastError: null, enqueuedAt: now.toISOString() };
    await writeFileDurably(this.fileOf(job.seq), JSON.stringify(job));
    return job;
  }

  /** Jobs in arrival order, without those waiting out a retry delay at `nowMs`. */
  async ready(nowMs: number, limit = Number.POSITIVE_INFINITY): Promise<QueuedJob<T>[]> {
    const jobs: QueuedJob<T>[] = [];
    for (const job of await this.all()) {
      if (jobs.length >= limit) break;
      if (job.notBeforeMs <= nowMs) jobs.push(job);
    }
    return jobs;
  }

  async all(): Promise<QueuedJob<T>[]> {
    const seqs = (await readdir(this.dir))
      .map((name) => JOB_FILE.exec(name)?.[1])
      .filter((seq): seq is string => seq !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    const jobs: QueuedJob<T>[] = [];
    for (const seq of seqs) {
      const text = await readFile(this.fileOf(seq), 'utf8').catch(() => null);
      if (text !== null) jobs.push(JSON.parse(text) as QueuedJob<T>);
    }
    return jobs;
  }

  async depth(): Promise<number> {
    return (await readdir(this.dir)).filter((name) => JOB_FILE.test(name)).length;
  }

  /** Done: the job leaves the queue for good. */
  async ack(seq: number): Promise<void> {
    await unlink(this.fileOf(seq)).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    });
    await syncFolder(this.dir);
  }

  /** Failed this time: kept in place, handed out again from `notBeforeMs`. */
  async retryLater(job: QueuedJob<T>, error: string, notBeforeMs: number): Promise<QueuedJob<T>> {
    const next: QueuedJob<T> = { ...job, attempts: job.attempts + 1, lastError: error, notBeforeMs };
    await writeFileDurably(this.fileOf(job.seq), JSON.stringify(next));
    return next;
  }

  private fileOf(seq: number): string {
    return path.join(this.dir, `${String(seq).padStart(12, '0')}.json`);
  }
}
