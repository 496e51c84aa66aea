import { describe, expect, it } from 'vitest';

describe('Promise.withResolvers', () => {
  it('resolves the promise it hands out', async () => {
    const { promise, resolve } = Promise.withResolvers<number>();
    resolve(42);
    await expect(promise).resolves.toBe(42);
  });
});
