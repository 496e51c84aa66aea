/**
 * A fixed number of equally sized buffers, allocated on first use and reused:
 * the transfer's whole part memory. acquire() waits while all are in use, which
 * is what stops the reader from running ahead of the uploads. The buffers are
 * on shared memory, so a hashing thread reads a part where it lies instead of
 * a copy of it.
 */
export class BufferPool {
  private readonly free: Uint8Array[] = [];
  private readonly waiting: Array<(buffer: Uint8Array) => void> = [];
  private allocated = 0;

  constructor(
    readonly bufferSize: number,
    readonly capacity: number,
  ) {}

  /** Buffers created so far (for tests and benchmarks). */
  get allocatedCount(): number {
    return this.allocated;
  }

  acquire(): Promise<Uint8Array> {
    const buffer = this.free.pop();
    if (buffer) return Promise.resolve(buffer);
    if (this.allocated < this.capacity) {
      this.allocated += 1;
      return Promise.resolve(new Uint8Array(new SharedArrayBuffer(this.bufferSize)));
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(buffer: Uint8Array): void {
    const next = this.waiting.shift();
    if (next) next(buffer);
    else this.free.push(buffer);
  }
}
