import { Worker } from 'node:worker_threads';
import { TransientError } from '../../core/errors';

type Reply = { n: number; state: Uint8Array } | { n: number; message: string };

/** Where the worker script is: beside this module from source, beside the bundle when bundled (see AppFunction). */
export const MD5_WORKER_FILE = 'md5Worker.mjs';

/**
 * One md5Worker.mjs thread and the requests waiting on it. The thread keeps
 * the process alive only while a request is pending, so an idle one never
 * holds up an exit. When it stops (crash, out of memory) every pending request
 * and every later one rejects with a TransientError: the transfer resumes from
 * its last checkpoint, with a new thread.
 */
export class Md5Thread {
  private nextRequest = 1;
  private readonly pending = new Map<number, { resolve: (state: Uint8Array) => void; reject: (error: Error) => void }>();
  private stopped: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiter = this.pending.get(reply.n);
      this.pending.delete(reply.n);
      if (this.pending.size === 0) worker.unref();
      if ('state' in reply) waiter?.resolve(reply.state);
      else waiter?.reject(new TransientError(`md5 worker: ${reply.message}`));
    });
    worker.on('error', (error) => this.stop(new TransientError(`md5 worker failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => this.stop(new TransientError(`md5 worker exited (code ${code})`)));
  }

  static start(): Md5Thread {
    return new Md5Thread(
      new Worker(new URL(`.//${MD5_WORKER_FILE}`, import.meta.url), {
        name: 'vtrack-md5',
        // The thread holds a few small objects per part (the bytes are shared, the hasher is WebAssembly
        // memory): small heaps keep its share of the transfer's memory budget to a few MiB.
        resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 8 },
      }),
    );
  }

  get alive(): boolean {
    return this.stopped === null;
  }

  /**
   * Hashes `bytes` into `stream` (opening it from `from` on its first add) and
   * resolves with the state after them. Bytes on a SharedArrayBuffer reach the
   * thread without a copy; others are cloned.
   */
  add(stream: number, bytes: Uint8Array, from?: Uint8Array): Promise<Uint8Array> {
    if (this.stopped !== null) return Promise.reject(this.stopped);
    const n = this.nextRequest++;
    return new Promise((resolve, reject) => {
      this.pending.set(n, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ type: 'add', n, stream, from, bytes });
    });
  }

  close(stream: number): void {
    if (this.stopped === null) this.worker.postMessage({ type: 'close', stream });
  }

  /** Ends the thread (tests; a process that is done with transfers). */
  async terminate(): Promise<void> {
    this.stop(new TransientError('md5 worker terminated'));
    await this.worker.terminate();
  }

  private stop(error: Error): void {
    this.stopped ??= error;
    for (const waiter of this.pending.values()) waiter.reject(this.stopped);
    this.pending.clear();
  }
}
