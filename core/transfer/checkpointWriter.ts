import type { TransferCheckpoint } from '../sync/trackedFile';
import { recordFailure, type StepFailure } from './stepFailure';
import { leaseUntil, nowIso, type TransferContext } from './transferContext';

export interface ConfirmedPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly size: number;
  readonly checksumCrc32: string;
  readonly endOffset: number;
  readonly md5State: string;
}

/**
 * Turns part confirmations, which arrive in any order, into checkpoints in part
 * order: a checkpoint only ever names parts 1..n, and its MD5 state is the one
 * after part n. Writes are sequential and at least `checkpointIntervalMs`
 * apart: confirmations in between are folded into the next write, so a fast
 * transfer writes its row a few times a second instead of once per part. A
 * stop (deadline, error) flushes everything confirmed; only a crash loses the
 * parts of the last interval, which the next attempt reads and uploads again.
 * Each write extends the lease.
 */
export class CheckpointWriter {
  private readonly waiting = new Map<number, ConfirmedPart>();
  private latest: TransferCheckpoint;
  private stored: TransferCheckpoint;
  private writing: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastWriteAtMs = Number.NEGATIVE_INFINITY;
  private failed = false;
  private version = 0;
  private storedVersion = 0;

  constructor(
    private readonly context: TransferContext,
    start: TransferCheckpoint,
    private readonly onFailure: (failure: StepFailure) => void,
  ) {
    this.latest = start;
    this.stored = start;
  }

  /** The last checkpoint the repository accepted. */
  get saved(): TransferCheckpoint {
    return this.stored;
  }

  confirm(part: ConfirmedPart): void {
    this.waiting.set(part.partNumber, part);
    let next = this.waiting.get(this.latest.parts.length + 1);
    if (next === undefined) return;
    const parts = [...this.latest.parts];
    let { bytesDone, md5State } = this.latest;
    while (next !== undefined) {
      this.waiting.delete(next.partNumber);
      parts.push({ partNumber: next.partNumber, etag: next.etag, size: next.size, checksumCrc32: next.checksumCrc32 });
      bytesDone = next.endOffset;
      md5State = next.md5State;
      next = this.waiting.get(parts.length + 1);
    }
    this.latest = { ...this.latest, parts, bytesDone, md5State };
    this.version += 1;
    this.schedule();
  }

  /** Stores everything confirmed so far at once (or until a write fails). */
  async flush(): Promise<void> {
    for (;;) {
      if (this.timer !== null) {
        clearTimeout(this.timer);
        this.timer = null;
      }
      if (this.writing !== null) {
        await this.writing;
        continue;
      }
      if (this.failed || this.storedVersion >= this.version) return;
      this.writing = this.write();
    }
  }

  /** Writes now if the last write is an interval ago, else once it is; a write in progress reschedules itself. */
  private schedule(): void {
    if (this.writing !== null || this.timer !== null || this.failed) return;
    const waitMs = this.lastWriteAtMs + this.context.options.checkpointIntervalMs - this.nowMs();
    if (waitMs <= 0) {
      this.writing = this.write();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.writing = this.write();
    }, waitMs);
  }

  private async write(): Promise<void> {
    try {
      const version = this.version;
      const target: TransferCheckpoint = { ...this.latest, updatedAt: nowIso(this.context) };
      const { request } = this.context;
      this.lastWriteAtMs = this.nowMs();
      await this.context.deps.files.saveCheckpoint(request, request.runId, target, leaseUntil(this.context));
      this.stored = target;
      this.storedVersion = version;
    } catch (error) {
      this.failed = true;
      this.onFailure(recordFailure(error));
    } finally {
      this.writing = null;
    }
    if (this.storedVersion < this.version) this.schedule();
  }

  private nowMs(): number {
    return this.context.deps.clock.now().getTime();
  }
}
