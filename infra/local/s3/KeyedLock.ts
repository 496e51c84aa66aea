/**
 * Runs async sections one at a time per key. Used so that "check the key is
 * absent, then write it" is atomic among conditional writers, as S3 guarantees
 * for If-None-Match: two racing conditional writes never both succeed.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, section: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(section);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      // Forget the key once nobody queued behind this section, so the map stays small.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

/** One lock for all object keys of the S3 stand-in process. */
export const objectKeyLock = new KeyedLock();

export function objectLockKey(bucket: string, key: string): string {
  return `${bucket}/${key}`;
}
