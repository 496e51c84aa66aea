import type { TransferCheckpoint } from '../sync/trackedFile';
import { recordFailure, type StepFailure } from './StepFailure';
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
 * after part n. Writes are sequential; confirmations that arrive during a write
 * are folded into the next one. Each write extends the lease.
 */
export class CheckpointWriter {
  private readonly waiting = new Map<number, ConfirmedPart>();
  private latest: TransferCheckpoint;
  private stored: TransferCheckpoint;
  private writing: Promise<void> | null = null;
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
    this.writing ??= this.writeUntilCurrent();
  }

  /** Resolves once everything confirmed so far is stored (or a write failed). */
  async flush(): Promise<void> {
    await this.writing;
  }

  private async writeUntilCurrent(): Promise<void> {
    try {
      while (this.storedVersion < this.version) {
        const version = this.version;
        const target: TransferCheckpoint = { ...this.latest, updatedAt: nowIso(this.context) };
        const { request } = this.context;
        await this.context.deps.files.saveCheckpoint(request, request.runId, target, leaseUntil(this.context));
        this.stored = target;
        this.storedVersion = version;
      }
    } catch (error) {
      this.onFailure(recordFailure(error));
    } finally {
      this.writing = null;
    }
  }
}
