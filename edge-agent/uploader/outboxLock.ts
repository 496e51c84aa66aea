import path from 'node:path';

/**
 * Turns taken, one at a time, on one outbox: processing writes a run's event
 * files and then the batch that names them; the uploader, after delivering a
 * batch, decides which event files no later batch needs. Between processing's
 * two writes an event file exists that no batch names yet; the uploader must
 * never look then, or it deletes an event the next batch is about to send and
 * that batch's window replaces it in the cloud with nothing.
 */
export class OutboxLock {
  private tail: Promise<void> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

const locks = new Map<string, OutboxLock>();

/** The lock of the outbox at `outboxDir`, shared by everything in this process that writes or cleans it. */
export function outboxLockFor(outboxDir: string): OutboxLock {
  const key = path.resolve(outboxDir);
  const existing = locks.get(key);
  if (existing !== undefined) return existing;
  const lock = new OutboxLock();
  locks.set(key, lock);
  return lock;
}
